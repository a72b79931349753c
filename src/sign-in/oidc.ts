import * as client from 'openid-client'
import type { Config } from '../config'
import type { IdentityProviderRow } from './sign-in.table'

/**
 * Signing in through an OpenID provider (the municipality's IdP, which may in
 * turn use SITHS, Freja eID+ or the e-service card): authorization code flow
 * with PKCE, state and nonce, by openid-client. The provider's configuration
 * (its discovery document and keys) is cached for an hour per provider.
 */
const cacheMs = 60 * 60_000
const cache = new Map<string, { key: string; at: number; configuration: client.Configuration }>()

export const oidcCallbackPath = (slug: string): string => `/logga-in/oidc/${slug}/svar`

export const clientSecretOf = (provider: IdentityProviderRow, config: Config): string | null =>
  config.oidcSecrets[provider.slug] ?? provider.oidc_client_secret

/** Plain HTTP only to the machine itself (a provider in the tests, or on the same host). */
const isLoopbackHttp = (url: URL): boolean =>
  url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)

export async function oidcConfiguration(
  provider: IdentityProviderRow,
  config: Config,
): Promise<client.Configuration> {
  const secret = clientSecretOf(provider, config)
  const key = `${provider.updated_at}|${provider.oidc_issuer}|${provider.oidc_client_id}|${secret}`
  const cached = cache.get(provider.id)
  if (cached && cached.key === key && Date.now() - cached.at < cacheMs) return cached.configuration
  const configuration = await discoverOidc(
    provider.oidc_issuer ?? '',
    provider.oidc_client_id ?? '',
    secret,
  )
  cache.set(provider.id, { key, at: Date.now(), configuration })
  return configuration
}

/** Reads the issuer's discovery document (and so checks it answers), uncached: the admin form's check uses it too. */
export async function discoverOidc(
  issuerUrl: string,
  clientId: string,
  secret: string | null,
): Promise<client.Configuration> {
  const issuer = new URL(issuerUrl)
  return client.discovery(
    issuer,
    clientId,
    undefined,
    // client_secret_basic: the OpenID default, which every provider takes.
    secret ? client.ClientSecretBasic(secret) : client.None(),
    { execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
  )
}

export type OidcStart = { url: string; state: string; nonce: string; codeVerifier: string }

export async function startOidcSignIn(
  configuration: client.Configuration,
  redirectUri: string,
): Promise<OidcStart> {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url: url.href, state, nonce, codeVerifier }
}

export type OidcPerson = { subject: string; email: string | null; emailVerified: boolean }

/** Exchanges the code and checks the ID token (signature, issuer, audience, nonce, times). */
export async function finishOidcSignIn(
  configuration: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<OidcPerson> {
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  })
  const claims = tokens.claims()
  if (!claims) throw new Error('no ID token')
  let email = typeof claims.email === 'string' ? claims.email : null
  let emailVerified = claims.email_verified === true
  // Some providers put the e-mail in the userinfo response only.
  if (!email && tokens.access_token) {
    const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
    email = typeof info.email === 'string' ? info.email : null
    emailVerified = info.email_verified === true
  }
  return { subject: claims.sub, email, emailVerified }
}

/** Where the provider's own sign-out is, when it has one. */
export function oidcEndSessionUrl(
  configuration: client.Configuration,
  afterwards: string,
): string | null {
  if (!configuration.serverMetadata().end_session_endpoint) return null
  return client.buildEndSessionUrl(configuration, {
    client_id: configuration.clientMetadata().client_id,
    post_logout_redirect_uri: afterwards,
  }).href
}

/**
 * What went wrong, for the person and the log: refused by the person or the
 * provider, a check that failed (state, nonce, audience, signature), the
 * clocks apart, or the provider out of reach.
 */
export type OidcProblem = 'denied' | 'provider' | 'invalid' | 'clock' | 'unreachable'

export function oidcProblemOf(error: unknown): { problem: OidcProblem; code: string } {
  if (error instanceof client.AuthorizationResponseError)
    return { problem: error.error === 'access_denied' ? 'denied' : 'provider', code: error.error }
  if (error instanceof client.ResponseBodyError) return { problem: 'provider', code: error.error }
  const code = (error as { code?: unknown })?.code
  const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown'
  if (name === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return { problem: 'clock', code: name }
  if (
    name.startsWith('OAUTH_') ||
    name === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ||
    name === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  )
    return { problem: 'invalid', code: name }
  return { problem: 'unreachable', code: name }
}
