import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { commitAs } from '../changes/commit'
import type { Db } from '../db/connect'
import type { AppEnv } from '../http/app-env'
import { createSession, deleteSession, sessionIdFromToken } from '../auth/session'
import { setSessionCookie } from '../auth/session.middleware'
import type { UserRow } from '../users/user.table'
import { beginAttempt, setAttemptCookie } from './attempts'
import { readFlagSetting } from './installation-settings'

export type SignInMethod =
  | { kind: 'password' }
  /** Through an identity provider: the provider has authenticated the person, with its own factors. */
  | { kind: 'provider'; providerId: string; providerKind: 'oidc' | 'saml' }

export const secondFactorPaths = { code: '/logga-in/kod', enrol: '/logga-in/tvastegs' } as const

/**
 * Whether a person signing in with a password must also give a code:
 * administrators, auditors and log reviewers always (they hold the keys to the
 * installation and to everyone's logs), everyone when the administrator says so.
 */
export async function secondFactorRequired(db: Db, user: UserRow): Promise<boolean> {
  if (user.is_admin === 1 || user.is_auditor === 1 || user.is_log_reviewer === 1) return true
  return readFlagSetting(db, 'second_factor_for_all')
}

/**
 * The last step of every sign-in. A password sign-in goes on to the code (or
 * to enrolling a second factor when one is required and missing); a sign-in
 * through a provider, or one whose code is given, gets its session.
 */
export async function finishSignIn(
  c: Context<AppEnv>,
  user: UserRow,
  method: SignInMethod,
  nextPath: string,
): Promise<Response> {
  if (method.kind === 'password') {
    const kind = user.totp_enabled_at
      ? 'second_factor'
      : (await secondFactorRequired(c.get('deps').db, user))
        ? 'second_factor_enrolment'
        : null
    if (kind) {
      const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
      const token = await commitAs(c.get('deps'), actor, async (trx, change) => {
        change.nothingChanged()
        return beginAttempt(trx, { kind, userId: user.id, nextPath })
      })
      setAttemptCookie(c, token)
      return c.redirect(
        kind === 'second_factor' ? secondFactorPaths.code : secondFactorPaths.enrol,
        303,
      )
    }
  }
  await startSession(c, user, method)
  return c.redirect(nextPath, 303)
}

/** A new session (a new id at every sign-in) for the person, and its cookie. */
export async function startSession(
  c: Context<AppEnv>,
  user: UserRow,
  method: SignInMethod | { kind: 'password+totp' | 'password+recovery_code' },
): Promise<void> {
  await endCurrentSession(c)
  const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
  const providerId = method.kind === 'provider' ? method.providerId : null
  const session = await commitAs(c.get('deps'), actor, async (trx, change) => {
    const created = await createSession(trx, user.id, {
      identityProviderId: providerId,
      limits: c.get('deps').config.sessions,
    })
    change.audit({
      action: 'login',
      objectType: 'session',
      objectId: created.id,
      details: { method: method.kind === 'provider' ? method.providerKind : method.kind },
    })
    return created
  })
  setSessionCookie(c, session.token)
}

/** Ends the session the browser came with, if any, so a sign-in always starts a new one. */
export async function endCurrentSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, 'laget', 'host')
  if (token) await deleteSession(c.get('deps').db, sessionIdFromToken(token))
}
