import type { ExpressionBuilder } from 'kysely'
import type { Db, Trx } from '../db/connect'
import type { Database } from '../db/database'
import { newId, nowIso } from '../db/ids'
import type { OneTimeTokenPurpose, OneTimeTokenRow } from './session.table'
import { randomToken, sha256Hex } from './tokens'

export const firstAdminTokenTtlMs = 24 * 60 * 60_000
export const invitationTokenTtlMs = 7 * 24 * 60 * 60_000
export const passwordResetTokenTtlMs = 24 * 60 * 60_000

export type IssuedToken = { token: string; expiresAt: string }

/** Issues a single-use token; only its hash is stored. Earlier unused tokens for the same purpose and user lapse. */
export async function issueOneTimeToken(
  db: Trx,
  purpose: OneTimeTokenPurpose,
  userId: string | null,
  ttlMs: number,
): Promise<IssuedToken> {
  const now = nowIso()
  let lapse = db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
  lapse = userId === null ? lapse.where('user_id', 'is', null) : lapse.where('user_id', '=', userId)
  await lapse.execute()
  const token = randomToken(32)
  const expiresAt = new Date(Date.now() + ttlMs).toISOString()
  await db
    .insertInto('one_time_tokens')
    .values({
      id: newId(),
      purpose,
      token_hash: sha256Hex(token),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute()
  return { token, expiresAt }
}

/** The unused, unexpired token of this purpose, or null. */
export async function findUsableToken(
  db: Db,
  purpose: OneTimeTokenPurpose,
  token: string,
): Promise<OneTimeTokenRow | null> {
  if (token.length > 128) return null
  const row = await db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst()
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= Date.now()) return null
  return row
}

/** Marks the token used; returns false when another request used it first. */
export async function consumeToken(db: Trx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: nowIso() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** One-time links spent or expired before `before`. */
const spentBefore = (before: Date) => (eb: ExpressionBuilder<Database, 'one_time_tokens'>) =>
  eb.or([eb('expires_at', '<', before.toISOString()), eb('used_at', '<', before.toISOString())])

/** Gallring: one-time links spent or expired before `before`. */
export async function deleteSpentTokens(db: Trx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('one_time_tokens')
    .where(spentBefore(before))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** What a dry run of gallring reports for one-time links. */
export async function countSpentTokens(db: Db, before: Date): Promise<number> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(spentBefore(before))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
