import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'
import { nowIso } from '../db/ids'
import { constantTimeEqual, randomToken, sha256Hex } from './tokens'

/** How long a session lasts unused, and at most (configured: SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export type SessionLimits = { idleMs: number; absoluteMs: number }
export const sessionIdleMs = 30 * 60_000
export const sessionAbsoluteMs = 12 * 60 * 60_000
export const defaultSessionLimits: SessionLimits = {
  idleMs: sessionIdleMs,
  absoluteMs: sessionAbsoluteMs,
}
// last_seen_at is written at most this often, so reading pages does not write on every request.
const touchIntervalMs = 60_000

export type NewSession = { id: string; token: string; csrfToken: string }

/**
 * Creates a session and returns its cookie token `id.secret`. Only a SHA-256
 * hash of the secret is stored, so a leaked table cannot be replayed.
 */
export async function createSession(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
  options: { identityProviderId?: string | null; limits?: SessionLimits } = {},
): Promise<NewSession> {
  const limits = options.limits ?? defaultSessionLimits
  const id = randomToken(16)
  const secret = randomToken(32)
  const csrfToken = randomToken(32)
  const now = new Date()
  await db
    .insertInto('sessions')
    .values({
      id,
      secret_hash: sha256Hex(secret),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.absoluteMs).toISOString(),
      identity_provider_id: options.identityProviderId ?? null,
    })
    .execute()
  return { id, token: `${id}.${secret}`, csrfToken }
}

export type ValidSession = { id: string; userId: string; csrfToken: string }

type StoredSession = {
  id: string
  user_id: string
  secret_hash: string
  csrf_token: string
  last_seen_at: string
  expires_at: string
}

/** Splits a cookie token `id.secret`; null when it cannot be one. */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = token.split('.')
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 128) return null
  return { id, secret }
}

/**
 * Checks a stored session against the token's secret: the session when valid
 * (its last use noted at most once a minute), null when forged, idle or
 * expired — expired ones are deleted.
 */
export async function checkSession(
  db: Kysely<Database>,
  session: StoredSession,
  secret: string,
  limits: SessionLimits = defaultSessionLimits,
): Promise<ValidSession | null> {
  if (!constantTimeEqual(session.secret_hash, sha256Hex(secret))) return null
  const now = Date.now()
  const idleFor = now - Date.parse(session.last_seen_at)
  if (now >= sessionEndsAt(session, limits)) {
    await deleteSession(db, session.id)
    return null
  }
  if (idleFor > touchIntervalMs) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso() })
      .where('id', '=', session.id)
      .execute()
  }
  return { id: session.id, userId: session.user_id, csrfToken: session.csrf_token }
}

/** When a session ends unless used again: its idle limit or its absolute limit, whichever comes first (ms since epoch). */
export function sessionEndsAt(
  session: Pick<StoredSession, 'last_seen_at' | 'expires_at'>,
  limits: SessionLimits = defaultSessionLimits,
): number {
  return Math.min(Date.parse(session.last_seen_at) + limits.idleMs, Date.parse(session.expires_at))
}

export async function deleteSession(
  db: Kysely<Database> | Transaction<Database>,
  id: string,
): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export async function deleteSessionsOfUser(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

export const sessionIdFromToken = (token: string): string => token.split('.')[0] ?? ''

/** Sessions that ended (idle or at their absolute limit) before `before`. */
const endedBefore =
  (before: Date, idleMs: number) => (eb: ExpressionBuilder<Database, 'sessions'>) =>
    eb.or([
      eb('expires_at', '<', before.toISOString()),
      eb('last_seen_at', '<', new Date(before.getTime() - idleMs).toISOString()),
    ])

/** Gallring: sessions that ended before `before`. */
export async function deleteEndedSessions(
  db: Transaction<Database>,
  before: Date,
  idleMs = sessionIdleMs,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where(endedBefore(before, idleMs))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** What a dry run of gallring reports for sessions. */
export async function countEndedSessions(
  db: Kysely<Database>,
  before: Date,
  idleMs = sessionIdleMs,
): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(endedBefore(before, idleMs))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
