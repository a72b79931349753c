import { DOMParser } from '@xmldom/xmldom'
import * as xpath from 'xpath'

/** What Läget needs from an identity provider's SAML metadata. */
export type IdpMetadata = { entityId: string; ssoUrl: string; certificates: string[] }

const select = xpath.useNamespaces({
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
})
const redirectBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'

/**
 * Reads the IdP's entity id, its single sign-on address for the HTTP-Redirect
 * binding and its signing certificates from its metadata; null when the text
 * is not IdP metadata Läget can use.
 */
export function parseIdpMetadata(xml: string): IdpMetadata | null {
  let document
  try {
    document = new DOMParser({
      errorHandler: {
        warning: () => {},
        error: () => {},
        fatalError: (message) => {
          throw new Error(String(message))
        },
      },
    }).parseFromString(xml, 'text/xml')
  } catch {
    return null
  }
  const text = (expression: string): string[] =>
    (select(expression, document as unknown as Node) as Node[])
      .map((node) => (node.nodeValue ?? node.textContent ?? '').trim())
      .filter(Boolean)
  const entityId = text('//md:EntityDescriptor[md:IDPSSODescriptor]/@entityID')[0]
  const ssoUrl = text(
    `//md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${redirectBinding}']/@Location`,
  )[0]
  const certificates = text(
    "//md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']//ds:X509Certificate/text()",
  ).map((cert) => cert.replace(/\s+/g, ''))
  if (!entityId || !ssoUrl || certificates.length === 0) return null
  if (!/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(ssoUrl)) return null
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] }
}
