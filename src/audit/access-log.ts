import { createHash } from 'node:crypto'
import type { Db } from '../db/connect'
import { nowIso } from '../db/ids'
import type { Logger } from '../logger'
import type { AccessLogRow, AccessShown, AccessVia } from './access-log.table'

/** One object a read revealed, as the read door reports it. Identifiers only, never text. */
export type AccessRead = {
  objectType: 'situation_entry' | 'meeting' | 'situation_picture' | 'minutes' | 'calendar_feed'
  objectId: string
  teamId: string | null
  role: string | null
  shown: AccessShown
  /** The legal basis under which another agency got the full view of an `agencies`-scoped entry. */
  legalBasisId?: string | null
}

/** Who read, where: fixed for one request (or one live stream). */
export type ReadContext = { userId: string; agencyId: string; requestId: string | null; via: AccessVia }

/** Records the reads of one request or stream: each object once, however often it was read. */
export type ReadLogger = (reads: readonly AccessRead[]) => void

type Pending = Omit<AccessLogRow, 'seq' | 'batch'>

/**
 * The read-access log's writer: reads queue in memory and are written in
 * batches — at most `flushMs` after they happen, when the queue is long, and
 * on shutdown — so a page view costs an array push, not a transaction. Each
 * batch gets consecutive sequence numbers and a seal (a hash over its rows and
 * the previous seal) in the transaction that writes it.
 */
export class AccessLog {
  private queue: Pending[] = []
  private flushing: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly db: Db,
    private readonly logger: Pick<Logger, 'error'>,
    flushMs = 500,
    private readonly maxQueue = 5000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs)
    this.timer.unref()
  }

  /** A logger for one request or stream: an object read twice is written once. */
  loggerFor(context: ReadContext): ReadLogger {
    const seen = new Set<string>()
    return (reads) => {
      const at = nowIso()
      for (const read of reads) {
        const key = `${read.objectType}:${read.objectId}`
        if (seen.has(key)) continue
        seen.add(key)
        this.queue.push({
          read_at: at,
          request_id: context.requestId,
          user_id: context.userId,
          agency_id: context.agencyId,
          team_id: read.teamId,
          role: read.role,
          object_type: read.objectType,
          object_id: read.objectId,
          shown: read.shown,
          legal_basis_id: read.legalBasisId ?? null,
          via: context.via,
        })
      }
      if (this.queue.length >= this.maxQueue) void this.flush()
    }
  }

  /** Writes what is queued; resolves when everything queued before the call is in the database. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxQueue)
        try {
          await writeBatch(this.db, batch)
        } catch (error) {
          // Kept for the next flush: a database away for a moment loses no reads.
          this.queue.unshift(...batch)
          this.logger.error('access log flush failed', { error: String(error), queued: this.queue.length })
          return
        }
      }
    })
    return this.flushing
  }

  /** On shutdown: no more timed flushes, and everything queued written. */
  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flush()
  }
}

async function writeBatch(db: Db, pending: Pending[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Updating the head's single row first serialises writers (also across processes).
    const head = await trx
      .updateTable('access_log_head')
      .set((eb) => ({ last_batch: eb('last_batch', '+', 1) }))
      .where('id', '=', 1)
      .returning(['last_seq', 'last_batch', 'last_hash'])
      .executeTakeFirstOrThrow()
    const rows: AccessLogRow[] = pending.map((row, index) => ({ ...row, seq: head.last_seq + 1 + index, batch: head.last_batch }))
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('access_log').values(rows.slice(i, i + 500)).execute()
    const hash = sealHash(head.last_hash, rows)
    await trx
      .insertInto('access_log_seals')
      .values({ batch: head.last_batch, first_seq: rows[0]!.seq, last_seq: rows.at(-1)!.seq, sealed_at: nowIso(), prev_hash: head.last_hash, hash })
      .execute()
    await trx.updateTable('access_log_head').set({ last_seq: rows.at(-1)!.seq, last_hash: hash }).where('id', '=', 1).execute()
  })
}

/** The seal of a batch: SHA-256 over the previous seal and every field of every row, in order. */
export function sealHash(previous: string, rows: readonly AccessLogRow[]): string {
  const hash = createHash('sha256').update(previous)
  for (const row of rows) {
    hash.update(
      JSON.stringify([row.seq, row.batch, row.read_at, row.request_id, row.user_id, row.agency_id, row.team_id, row.role, row.object_type, row.object_id, row.shown, row.legal_basis_id, row.via]),
    )
  }
  return hash.digest('hex')
}

/**
 * Walks the seals and their rows; returns the first batch whose seal does not
 * hold (a row changed, removed or added, or a seal missing), or null.
 */
export async function findBrokenAccessSeal(db: Db): Promise<number | null> {
  const seals = await db.selectFrom('access_log_seals').selectAll().orderBy('batch').execute()
  let previous = '0'.repeat(64)
  let nextSeq = 1
  for (const seal of seals) {
    const rows = await db.selectFrom('access_log').selectAll().where('seq', '>=', seal.first_seq).where('seq', '<=', seal.last_seq).orderBy('seq').execute()
    const complete = seal.first_seq === nextSeq && rows.length === seal.last_seq - seal.first_seq + 1 && rows.every((row) => row.batch === seal.batch)
    if (!complete || seal.prev_hash !== previous || sealHash(previous, rows) !== seal.hash) return seal.batch
    previous = seal.hash
    nextSeq = seal.last_seq + 1
  }
  const stray = await db.selectFrom('access_log').select('batch').where('seq', '>=', nextSeq).orderBy('seq').executeTakeFirst()
  return stray ? stray.batch : null
}
