import { Hono, type Context } from 'hono'
import type { CacheProvider } from '@node-saml/node-saml'
import { commitAs, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { readForm } from '../http/forms'
import { safeLocalPath } from '../http/local-path'
import {
  beginAttempt,
  clearAttemptCookie,
  currentAttempt,
  endAttempt,
  setAttemptCookie,
} from './attempts'
import { finishSignIn } from './finish-sign-in'
import { signInProblem } from './oidc.routes'
import { userForProviderPerson } from './provider-person'
import { findProvider, findProviderBySlug } from './providers.repository'
import { personFromProfile, samlFor, serviceProviderKeys, spMetadata } from './saml'

/** Signing in through a SAML 2.0 identity provider: the AuthnRequest, the ACS, and Läget's SP metadata. */
export const samlRoutes = new Hono<AppEnv>()

const anonymous = (c: Context<AppEnv>) => ({
  userId: null,
  agencyId: null,
  requestId: c.get('requestId'),
})

const slugOf = (c: Context<AppEnv>) => c.req.param('slug') ?? ''

/** The metadata the IdP's administrator loads: at a stable address, from the moment the provider is added. */
samlRoutes.get('/logga-in/saml/:slug/metadata', async (c) => {
  const { db, config } = c.get('deps')
  const provider = await db
    .selectFrom('identity_providers')
    .select('id')
    .where('slug', '=', slugOf(c))
    .where('kind', '=', 'saml')
    .executeTakeFirst()
  if (!provider || !(await findProvider(db, provider.id))) return c.notFound()
  const keys = await serviceProviderKeys(c.get('deps'))
  c.header('Content-Type', 'application/samlmetadata+xml; charset=utf-8')
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(spMetadata(slugOf(c), config.publicOrigin, keys))
})

samlRoutes.get('/logga-in/saml/:slug', async (c) => {
  const { config } = c.get('deps')
  const provider = await findProviderBySlug(c.get('deps').db, slugOf(c), 'saml')
  if (!provider) return c.notFound()
  let requestId: string | null = null
  const remember: CacheProvider = {
    saveAsync: async (key, value) => {
      requestId = key
      return { value, createdAt: Date.now() }
    },
    getAsync: async () => null,
    removeAsync: async () => null,
  }
  const saml = samlFor(
    provider,
    config.publicOrigin,
    await serviceProviderKeys(c.get('deps')),
    remember,
  )
  const url = saml ? await saml.getAuthorizeUrlAsync('', undefined, {}) : null
  if (!url || !requestId) return signInProblem(c, 'provider', provider)
  const token = await commitAs(c.get('deps'), anonymous(c), async (trx, change) => {
    change.nothingChanged()
    return beginAttempt(trx, {
      kind: 'saml',
      providerId: provider.id,
      requestId,
      nextPath: safeLocalPath(c.req.query('nasta')),
    })
  })
  setAttemptCookie(c, token)
  return c.redirect(url, 303)
})

/** The ACS: the IdP's answer, posted by the browser from the IdP's page. */
samlRoutes.post('/logga-in/saml/:slug/svar', async (c) => {
  const { config } = c.get('deps')
  const provider = await findProviderBySlug(c.get('deps').db, slugOf(c), 'saml')
  if (!provider) return c.notFound()
  const attempt = await currentAttempt(c, ['saml'])
  if (!attempt || attempt.provider_id !== provider.id) return signInProblem(c, 'expired', provider)
  const form = await readForm(c)
  // Only the request this browser sent is awaited; once answered, it is gone (a replay finds nothing).
  const awaited: CacheProvider = {
    saveAsync: async () => null,
    getAsync: async (key) => (key === attempt.request_id ? attempt.created_at : null),
    removeAsync: async (key) => key,
  }
  const saml = samlFor(
    provider,
    config.publicOrigin,
    await serviceProviderKeys(c.get('deps')),
    awaited,
  )
  let profile
  try {
    if (!saml || !form.SAMLResponse) throw new Error('no SAMLResponse')
    const result = await saml.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse })
    profile = result.profile
    if (!profile) throw new Error('no assertion')
  } catch (error) {
    await recordEvent(
      c,
      {
        action: 'login',
        outcome: 'failure',
        details: {
          reason: 'saml_invalid',
          error: String((error as Error)?.message ?? error).slice(0, 200),
          provider: provider.slug,
        },
      },
      anonymous(c),
    )
    return signInProblem(c, 'invalid', provider)
  }
  const ended = await commitAs(c.get('deps'), anonymous(c), async (trx, change) => {
    change.nothingChanged()
    return endAttempt(trx, attempt.id)
  })
  clearAttemptCookie(c)
  if (!ended) return signInProblem(c, 'expired', provider)
  const found = await userForProviderPerson(c, provider, personFromProfile(profile))
  if ('refused' in found) return signInProblem(c, found.refused, provider)
  return finishSignIn(
    c,
    found.user,
    { kind: 'provider', providerId: provider.id, providerKind: 'saml' },
    attempt.next_path,
  )
})
