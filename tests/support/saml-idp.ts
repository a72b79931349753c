// A real SAML 2.0 identity provider for the sign-in tests (samlify acting as IdP,
// with a key and certificate of its own): it reads Läget's AuthnRequest and
// answers with a signed assertion, as the municipality's IdP does.
import * as samlify from 'samlify'
import { generate } from 'selfsigned'
import { createServer } from 'node:http'

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export type LocalSamlIdp = {
  metadata: string
  /** Serves the IdP on its port for a real browser: a sign-in form, then a page that posts the answer to Läget. */
  serve: (port: number, spMetadataUrl: string) => Promise<() => Promise<void>>
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
  const answer = async (redirectUrl: string, spMetadata: string, email: string) => {
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
    return response as { context: string; entityEndpoint: string }
  }
  return {
    metadata: idp.getMetadata(),
    async serve(port, spMetadataUrl) {
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
        const page = (body: string) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          res.end(
            `<!doctype html><html lang="sv"><title>Test-IdP</title><body>${body}</body></html>`,
          )
        }
        if (req.method === 'GET' && url.pathname === '/sso') {
          const request = escapeHtml(url.href)
          return page(
            `<form method="post" action="/sso"><input type="hidden" name="request" value="${request}">` +
              `<label>E-post <input name="email"></label><button>Logga in hos IdP</button></form>`,
          )
        }
        if (req.method !== 'POST' || url.pathname !== '/sso') {
          res.writeHead(404)
          return res.end()
        }
        let body = ''
        req.on('data', (chunk) => (body += chunk))
        req.on('end', async () => {
          const form = new URLSearchParams(body)
          const spMetadata = await (await fetch(spMetadataUrl)).text()
          const made = await answer(form.get('request')!, spMetadata, form.get('email')!)
          page(
            `<form method="post" action="${escapeHtml(made.entityEndpoint)}">` +
              `<input type="hidden" name="SAMLResponse" value="${escapeHtml(made.context)}">` +
              `<button>Fortsätt till Läget</button></form>`,
          )
        })
      })
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
      return () => new Promise<void>((resolve) => server.close(() => resolve()))
    },
    answer: async (redirectUrl, spMetadata, email) =>
      (await answer(redirectUrl, spMetadata, email)).context,
  }
}
