import { Hono, type Context } from 'hono'
import { SignInProblemPage } from '../../views/sign-in/sign-in-problem.page'
import { commitAs, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { safeLocalPath } from '../http/local-path'
import type { MessageKey } from '../i18n/t'
import {
  beginAttempt,
  clearAttemptCookie,
  currentAttempt,
  endAttempt,
  setAttemptCookie,
} from './attempts'
import { finishSignIn } from './finish-sign-in'
import {
  finishOidcSignIn,
  oidcCallbackPath,
  oidcConfiguration,
  oidcProblemOf,
  startOidcSignIn,
  type OidcProblem,
} from './oidc'
import { userForProviderPerson, type PersonRefusal } from './provider-person'
import { findProviderBySlug } from './providers.repository'
import type { IdentityProviderRow } from './sign-in.table'

/** Signing in through an OpenID provider: the way there, and the way back (the callback). */
export const oidcRoutes = new Hono<AppEnv>()

const anonymous = (c: Context<AppEnv>) => ({
  userId: null,
  agencyId: null,
  requestId: c.get('requestId'),
})

const problemMessages: Record<OidcProblem | PersonRefusal | 'expired', MessageKey> = {
  denied: 'sso.error.denied',
  provider: 'sso.error.provider',
  invalid: 'sso.error.invalid',
  clock: 'sso.error.clock',
  unreachable: 'sso.error.unreachable',
  expired: 'sso.error.expired',
  unknown_person: 'sso.error.unknownPerson',
  no_verified_email: 'sso.error.noVerifiedEmail',
  disabled: 'sso.error.disabled',
  linked_elsewhere: 'sso.error.linkedElsewhere',
}

export const signInProblem = (
  c: Context<AppEnv>,
  problem: keyof typeof problemMessages,
  provider: IdentityProviderRow | null,
) =>
  render(
    c,
    <SignInProblemPage
      message={problemMessages[problem]}
      params={{ provider: provider?.name ?? '' }}
    />,
    problem === 'unreachable' ? 502 : problem === 'expired' ? 400 : 401,
  )

async function requireOidcProvider(c: Context<AppEnv>): Promise<IdentityProviderRow | null> {
  return findProviderBySlug(c.get('deps').db, c.req.param('slug') ?? '', 'oidc')
}

oidcRoutes.get('/logga-in/oidc/:slug', async (c) => {
  const { config } = c.get('deps')
  const provider = await requireOidcProvider(c)
  if (!provider) return c.notFound()
  let start
  try {
    const configuration = await oidcConfiguration(provider, config)
    start = await startOidcSignIn(
      configuration,
      `${config.publicOrigin}${oidcCallbackPath(provider.slug)}`,
    )
  } catch (error) {
    const { code } = oidcProblemOf(error)
    await recordEvent(
      c,
      {
        action: 'login',
        outcome: 'failure',
        details: { reason: 'oidc_unreachable', code, provider: provider.slug },
      },
      anonymous(c),
    )
    return signInProblem(c, 'unreachable', provider)
  }
  const token = await commitAs(c.get('deps'), anonymous(c), async (trx, change) => {
    change.nothingChanged()
    return beginAttempt(trx, {
      kind: 'oidc',
      providerId: provider.id,
      state: start.state,
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      nextPath: safeLocalPath(c.req.query('nasta')),
    })
  })
  setAttemptCookie(c, token)
  return c.redirect(start.url, 303)
})

oidcRoutes.get('/logga-in/oidc/:slug/svar', async (c) => {
  const { config } = c.get('deps')
  const provider = await requireOidcProvider(c)
  if (!provider) return c.notFound()
  const attempt = await currentAttempt(c, ['oidc'])
  if (!attempt || attempt.provider_id !== provider.id) return signInProblem(c, 'expired', provider)
  // The attempt is used up whatever the answer: a second try starts again.
  const ended = await commitAs(c.get('deps'), anonymous(c), async (trx, change) => {
    change.nothingChanged()
    return endAttempt(trx, attempt.id)
  })
  clearAttemptCookie(c)
  if (!ended) return signInProblem(c, 'expired', provider)

  // Behind a TLS proxy the address the provider sent the browser to is PUBLIC_ORIGIN's.
  const query = new URL(c.req.url).search
  const callbackUrl = new URL(`${config.publicOrigin}${oidcCallbackPath(provider.slug)}${query}`)
  let person
  try {
    const configuration = await oidcConfiguration(provider, config)
    person = await finishOidcSignIn(configuration, callbackUrl, {
      state: attempt.state ?? '',
      nonce: attempt.nonce ?? '',
      codeVerifier: attempt.code_verifier ?? '',
    })
  } catch (error) {
    const { problem, code } = oidcProblemOf(error)
    await recordEvent(
      c,
      {
        action: 'login',
        outcome: 'failure',
        details: { reason: `oidc_${problem}`, code, provider: provider.slug },
      },
      anonymous(c),
    )
    return signInProblem(c, problem, provider)
  }
  const found = await userForProviderPerson(c, provider, person)
  if ('refused' in found) return signInProblem(c, found.refused, provider)
  return finishSignIn(
    c,
    found.user,
    { kind: 'provider', providerId: provider.id, providerKind: 'oidc' },
    attempt.next_path,
  )
})
