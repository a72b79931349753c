import { createHash } from 'node:crypto'
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely'
import type { Trx } from '../db/connect'
import type { Database } from '../db/database'
import { nowIso } from '../db/ids'
import { prepared } from '../db/prepared'
import type { AuditEventRow, AuditOutcome } from './audit-event.table'

export type AuditActor = {
  userId: string | null
  agencyId: string | null
  requestId?: string | null
}

export type AuditEvent = {
  action: string
  objectType?: string
  objectId?: string
  outcome?: AuditOutcome
  /** Identifiers and field names only: never free text about people or situations. */
  details?: Record<string, unknown>
}

/**
 * Appends one event to the audit log, chained to the one before by a SHA-256 hash.
 *
 * Only the write door (changes/commit.ts) calls it, with the transaction that
 * makes the change, so the change and its event commit together or not at all.
 * Moving the head (`audit_chain`'s single row) takes its row lock, so concurrent
 * writers queue up and the chain never forks. On SQLite the head moves here
 * (one writer at a time there anyway). On PostgreSQL the event waits in
 * `audit_pending` and the commit itself chains it (a deferred trigger, see the
 * migration 2026-12-02-0900): the lock is held for the commit only, inside the
 * database, never over a round trip to this process.
 */
const advanceChain = prepared((trx, _p: Record<string, never>) =>
  trx
    .updateTable('audit_chain')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash']),
)
const insertEvent = prepared((trx, p: AuditEventRow) =>
  trx.insertInto('audit_events').values({
    seq: p.seq,
    occurred_at: p.occurred_at,
    actor_user_id: p.actor_user_id,
    actor_agency_id: p.actor_agency_id,
    action: p.action,
    object_type: p.object_type,
    object_id: p.object_id,
    outcome: p.outcome,
    details: p.details,
    request_id: p.request_id,
    prev_hash: p.prev_hash,
    hash: p.hash,
  }),
)
const setChainHash = prepared((trx, p: { hash: string }) =>
  trx.updateTable('audit_chain').set({ last_hash: p.hash }).where('id', '=', 1),
)

/**
 * Appends a change's events, in order. `alongside` (the change's notice to other
 * processes, on PostgreSQL) runs in the same statement: one round trip for both.
 */
export async function recordAuditEvents(
  trx: Trx,
  events: readonly { event: AuditEvent; actor: AuditActor }[],
  alongside?: RawBuilder<unknown>,
): Promise<void> {
  const rows = events.map(({ event, actor }) => eventFields(actor, event))
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    return appendAtCommit(trx, rows, alongside)
  if (alongside) await alongside.execute(trx)
  for (const fields of rows) {
    const [head] = await advanceChain(trx, {})
    const row = { seq: head!.last_seq, ...fields, prev_hash: head!.last_hash }
    const hash = hashAuditEvent(row)
    await insertEvent(trx, { ...row, hash })
    await setChainHash(trx, { hash })
  }
}

type EventFields = Omit<AuditEventRow, 'seq' | 'prev_hash' | 'hash'>

const eventFields = (actor: AuditActor, event: AuditEvent): EventFields => ({
  occurred_at: nowIso(),
  actor_user_id: actor.userId,
  actor_agency_id: actor.agencyId,
  action: event.action,
  object_type: event.objectType ?? null,
  object_id: event.objectId ?? null,
  outcome: event.outcome ?? 'success',
  details: JSON.stringify(event.details ?? {}),
  request_id: actor.requestId ?? null,
})

/**
 * PostgreSQL hashes the events itself at the commit: the canonical text of
 * hashAuditEvent is `[seq,<the fields, known before>,"prev_hash"]`, so Läget
 * sends the middle and the database adds the two ends it alone knows. The rows
 * go in the order given (their ids, then the commit's trigger, follow it).
 */
async function appendAtCommit(
  trx: Trx,
  rows: EventFields[],
  alongside?: RawBuilder<unknown>,
): Promise<void> {
  if (rows.length === 0) {
    if (alongside) await alongside.execute(trx)
    return
  }
  const values = sql.join(
    rows.map(
      (fields, i) =>
        sql`(${i}::int, ${fields.occurred_at}::text, ${fields.actor_user_id}::text,
          ${fields.actor_agency_id}::text, ${fields.action}::text, ${fields.object_type}::text,
          ${fields.object_id}::text, ${fields.outcome}::text, ${fields.details}::text,
          ${fields.request_id}::text, ${canonicalFields(fields)}::text)`,
    ),
  )
  await sql`
    insert into audit_pending (occurred_at, actor_user_id, actor_agency_id, action, object_type,
      object_id, outcome, details, request_id, middle)
    select e.occurred_at, e.actor_user_id, e.actor_agency_id, e.action, e.object_type, e.object_id,
      e.outcome, e.details, e.request_id, e.middle
    from (values ${values}) as e (n, occurred_at, actor_user_id, actor_agency_id, action,
      object_type, object_id, outcome, details, request_id, middle)
    ${alongside ? sql`cross join (${alongside}) as alongside` : sql``}
    order by e.n
  `.execute(trx)
}

/** The hashed fields between the sequence number and the previous hash, as hashAuditEvent writes them. */
const canonicalFields = (row: EventFields): string =>
  JSON.stringify([
    row.occurred_at,
    row.actor_user_id,
    row.actor_agency_id,
    row.action,
    row.object_type,
    row.object_id,
    row.outcome,
    row.details,
    row.request_id,
  ]).slice(1, -1)

export function hashAuditEvent(row: Omit<AuditEventRow, 'hash'>): string {
  const canonical = `[${JSON.stringify(row.seq)},${canonicalFields(row)},${JSON.stringify(row.prev_hash)}]`
  return createHash('sha256').update(canonical).digest('hex')
}

/** Walks the whole chain; returns the first sequence number whose hash does not hold, or null. */
export async function findBrokenAuditLink(db: Kysely<Database>): Promise<number | null> {
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('seq').execute()
  let previous = '0'.repeat(64)
  const first = rows[0]
  if (first && first.seq !== 1) {
    // The oldest events were removed by gallring: the chain goes on from the checkpoint it left,
    // which the chain itself confirms (its event came after the removed ones, and is still here).
    const checkpoint = await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('up_to_seq', '=', first.seq - 1)
      .executeTakeFirst()
    const confirmed = rows.some((row) => {
      if (row.action !== 'retention.checkpoint') return false
      const details = JSON.parse(row.details) as { upToSeq?: number; lastHash?: string }
      return details.upToSeq === checkpoint?.up_to_seq && details.lastHash === checkpoint?.last_hash
    })
    if (!checkpoint || !confirmed) return first.seq
    previous = checkpoint.last_hash
  }
  for (const row of rows) {
    if (row.prev_hash !== previous || hashAuditEvent(row) !== row.hash) return row.seq
    previous = row.hash
  }
  return null
}
