import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import type { AppEnv } from '../http/app-env'
import { randomToken, sha256Hex } from '../auth/tokens'
import type { SignInAttemptKind, SignInAttemptRow } from './sign-in.table'

/**
 * A sign-in under way — at the identity provider, or between the password and
 * the code — is held in the database and bound to the browser by a cookie whose
 * token only the browser has (the row keeps its hash). Ten minutes, one use.
 */
const attemptCookie = 'laget_steg'
export const attemptTtlMs = 10 * 60_000

export type NewAttempt = {
  kind: SignInAttemptKind
  nextPath: string
  providerId?: string | null
  userId?: string | null
  state?: string | null
  nonce?: string | null
  codeVerifier?: string | null
  requestId?: string | null
  pendingSecret?: string | null
}

/** Stores an attempt and returns the browser's token for it. */
export async function beginAttempt(trx: Trx, attempt: NewAttempt): Promise<string> {
  const token = randomToken(32)
  const now = Date.now()
  await trx
    .deleteFrom('sign_in_attempts')
    .where('expires_at', '<', new Date(now).toISOString())
    .execute()
  await trx
    .insertInto('sign_in_attempts')
    .values({
      id: sha256Hex(token),
      kind: attempt.kind,
      provider_id: attempt.providerId ?? null,
      user_id: attempt.userId ?? null,
      state: attempt.state ?? null,
      nonce: attempt.nonce ?? null,
      code_verifier: attempt.codeVerifier ?? null,
      request_id: attempt.requestId ?? null,
      pending_secret: attempt.pendingSecret ?? null,
      next_path: attempt.nextPath,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + attemptTtlMs).toISOString(),
    })
    .execute()
  return token
}

export function setAttemptCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, attemptCookie, token, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    // The provider's answer comes back as a top-level navigation (OIDC, GET) or a cross-site POST (SAML).
    sameSite: 'None',
    maxAge: attemptTtlMs / 1000,
  })
}

export function clearAttemptCookie(c: Context<AppEnv>): void {
  deleteCookie(c, attemptCookie, { prefix: 'host', path: '/', secure: true })
}

/** The browser's attempt of these kinds, if it has one that has not expired. */
export async function currentAttempt(
  c: Context<AppEnv>,
  kinds: readonly SignInAttemptKind[],
): Promise<SignInAttemptRow | null> {
  const token = getCookie(c, attemptCookie, 'host')
  if (!token || token.length > 128) return null
  return findAttempt(c.get('deps').db, sha256Hex(token), kinds)
}

export async function findAttempt(
  db: Db,
  id: string,
  kinds: readonly SignInAttemptKind[],
): Promise<SignInAttemptRow | null> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .selectAll()
    .where('id', '=', id)
    .where('kind', 'in', kinds)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst()
  return row ?? null
}

/** Uses an attempt up: true only for the one request that removed it (a replay finds nothing). */
export async function endAttempt(trx: Trx, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('sign_in_attempts').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** Keeps a TOTP secret being enrolled on its attempt until its first code is right. */
export async function setPendingSecret(trx: Trx, id: string, secret: string): Promise<void> {
  await trx
    .updateTable('sign_in_attempts')
    .set({ pending_secret: secret })
    .where('id', '=', id)
    .execute()
}
