// A real SAML 2.0 identity provider for the sign-in tests (samlify acting as IdP,
// with a key and certificate of its own): it reads Läget's AuthnRequest and
// answers with a signed assertion, as the municipality's IdP does.
import * as samlify from 'samlify'
import { generate } from 'selfsigned'

export type LocalSamlIdp = {
  metadata: string
  /** The SAMLResponse the IdP posts back for the AuthnRequest in `redirectUrl`, for the person with this e-mail. */
  answer: (redirectUrl: string, spMetadata: string, email: string) => Promise<string>
}

let validatorSet = false

export async function startSamlIdp(ssoUrl: string): Promise<LocalSamlIdp> {
  if (!validatorSet) {
    // samlify asks for an XML schema validator; Läget's own checks are what is under test.
    samlify.setSchemaValidator({ validate: async () => 'skipped' })
    validatorSet = true
  }
  const keys = await generate([{ name: 'commonName', value: 'Exempelstad test-IdP' }], {
    keySize: 2048,
    algorithm: 'sha256',
  })
  const idp = samlify.IdentityProvider({
    entityID: `${new URL(ssoUrl).origin}/idp`,
    signingCert: keys.cert,
    privateKey: keys.private,
    wantAuthnRequestsSigned: false,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    singleSignOnService: [
      { Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: ssoUrl },
    ],
  })
  return {
    metadata: idp.getMetadata(),
    async answer(redirectUrl, spMetadata, email) {
      const sp = samlify.ServiceProvider({ metadata: spMetadata })
      const url = new URL(redirectUrl)
      const request = await idp.parseLoginRequest(sp, 'redirect', {
        query: Object.fromEntries(url.searchParams),
        octetString: url.search.slice(1).split('&Signature=')[0],
      })
      const response = await idp.createLoginResponse(
        sp,
        request as unknown as Parameters<typeof idp.createLoginResponse>[1],
        'post',
        { email },
      )
      return (response as { context: string }).context
    },
  }
}
