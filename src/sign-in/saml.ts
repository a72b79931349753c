import {
  SAML,
  ValidateInResponseTo,
  generateServiceProviderMetadata,
  type CacheProvider,
  type Profile,
} from '@node-saml/node-saml'
import { generate } from 'selfsigned'
import { commitAs, type Committer } from '../changes/commit'
import type { Db } from '../db/connect'
import { readSetting, writeSettingOnce } from './installation-settings'
import { parseIdpMetadata } from './saml-metadata'
import type { IdentityProviderRow } from './sign-in.table'
import type { ProviderPerson } from './provider-person'

/**
 * Läget as a SAML 2.0 service provider (Sambi, the municipality's IdP, Inera's
 * IdP for SITHS eID), by node-saml: AuthnRequests by HTTP-Redirect, answers by
 * HTTP-POST to the ACS, signed assertions required, audience, recipient,
 * InResponseTo and validity checked. Its address: /logga-in/saml/<slug>/…
 */
export const samlPaths = (slug: string) => ({
  start: `/logga-in/saml/${slug}`,
  acs: `/logga-in/saml/${slug}/svar`,
  metadata: `/logga-in/saml/${slug}/metadata`,
})

export type SpKeys = { privateKey: string; certificate: string }

/** Läget's signing key and certificate as an SP: made once (self-signed, ten years), kept in the database. */
export async function serviceProviderKeys(deps: Committer): Promise<SpKeys> {
  const stored = await readKeys(deps.db)
  if (stored) return stored
  const now = new Date()
  const made = await generate([{ name: 'commonName', value: 'Läget SAML SP' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
  })
  await commitAs(deps, { userId: null, agencyId: null }, async (trx, change) => {
    await writeSettingOnce(trx, 'saml_sp_private_key', made.private)
    await writeSettingOnce(trx, 'saml_sp_certificate', made.cert)
    change.audit({ action: 'installation.saml_sp_keys' })
  })
  return (await readKeys(deps.db))!
}

async function readKeys(db: Db): Promise<SpKeys | null> {
  const privateKey = await readSetting(db, 'saml_sp_private_key')
  const certificate = await readSetting(db, 'saml_sp_certificate')
  return privateKey && certificate ? { privateKey, certificate } : null
}

const pemBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')

/**
 * A node-saml instance for one provider. `requests` keeps the ids of
 * AuthnRequests: Läget binds each to the browser's sign-in attempt, so an
 * answer is accepted once, in the browser that asked.
 */
export function samlFor(
  provider: IdentityProviderRow,
  publicOrigin: string,
  keys: SpKeys,
  requests: CacheProvider,
): SAML | null {
  const idp = provider.saml_idp_metadata ? parseIdpMetadata(provider.saml_idp_metadata) : null
  if (!idp) return null
  const paths = samlPaths(provider.slug)
  return new SAML({
    issuer: `${publicOrigin}${paths.metadata}`,
    callbackUrl: `${publicOrigin}${paths.acs}`,
    entryPoint: idp.ssoUrl,
    idpIssuer: idp.entityId,
    idpCert: idp.certificates,
    audience: `${publicOrigin}${paths.metadata}`,
    privateKey: keys.privateKey,
    publicCert: keys.certificate,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 10 * 60_000,
    acceptedClockSkewMs: 60_000,
    maxAssertionAgeMs: 10 * 60_000,
    cacheProvider: requests,
  })
}

/** Läget's SP metadata for one provider: entity id, ACS, signing certificate. */
export function spMetadata(slug: string, publicOrigin: string, keys: SpKeys): string {
  const paths = samlPaths(slug)
  return generateServiceProviderMetadata({
    issuer: `${publicOrigin}${paths.metadata}`,
    callbackUrl: `${publicOrigin}${paths.acs}`,
    privateKey: keys.privateKey,
    publicCerts: keys.certificate,
    signatureAlgorithm: 'sha256',
    wantAssertionsSigned: true,
    identifierFormat: null,
    // The same document at every request, so the IdP's administrator can compare it.
    generateUniqueId: () => `_laget-${slug}`,
  })
}

export const certificateBody = pemBody

const emailAttributes = [
  'email',
  'mail',
  'emailaddress',
  'urn:oid:0.9.2342.19200300.100.1.3',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
]

/**
 * The person in a validated assertion: the NameID as the stable subject, and
 * the e-mail from an attribute (or an emailAddress NameID). The assertion is
 * signed by the municipality's IdP, so its e-mail counts as verified.
 */
export function personFromProfile(profile: Profile): ProviderPerson {
  const attributes = profile as unknown as Record<string, unknown>
  const fromAttribute = Object.entries(attributes).find(([name]) =>
    emailAttributes.includes(name.toLowerCase()),
  )?.[1]
  const value = Array.isArray(fromAttribute) ? fromAttribute[0] : fromAttribute
  const email =
    typeof value === 'string' && value.includes('@')
      ? value
      : profile.nameIDFormat?.endsWith(':emailAddress') && profile.nameID.includes('@')
        ? profile.nameID
        : null
  return { subject: profile.nameID, email, emailVerified: email !== null }
}
