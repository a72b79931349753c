import { createHash } from 'node:crypto'
import type SqliteDatabase from 'better-sqlite3'
import { Worker } from 'node:worker_threads'
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

export type PendingRead = Omit<AccessLogRow, 'seq' | 'batch'>
type Pending = PendingRead

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

  private readonly write: (rows: Pending[]) => Promise<void>

  private worker: Worker | null = null

  /**
   * `sqlite`: the raw handle when the database is SQLite, for prepared bulk
   * inserts. `worker`: with SQLite, write on a thread of its own (the built
   * access-log-worker.mjs) that opens the database file; the server's event loop
   * then only hands over batches.
   */
  constructor(
    db: Db,
    private readonly logger: Pick<Logger, 'error'>,
    options: { sqlite?: SqliteDatabase.Database; worker?: { script: URL; databaseFile: string }; flushMs?: number; maxQueue?: number } = {},
  ) {
    this.maxQueue = options.maxQueue ?? 5000
    if (options.sqlite && options.worker) this.write = this.workerWriter(options.worker.script, options.worker.databaseFile)
    else this.write = options.sqlite ? sqliteWriter(options.sqlite) : (rows) => writeBatch(db, rows)
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 500)
    this.timer.unref()
  }

  private readonly maxQueue: number

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
          await this.write(batch)
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
    await this.worker?.terminate()
  }

  private workerWriter(script: URL, databaseFile: string): (rows: Pending[]) => Promise<void> {
    const worker = new Worker(script, { workerData: { file: databaseFile } })
    worker.unref()
    this.worker = worker
    const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
    let next = 0
    worker.on('message', (message: { id: number; ok: boolean; error?: string }) => {
      const entry = waiting.get(message.id)
      waiting.delete(message.id)
      if (message.ok) entry?.resolve()
      else entry?.reject(new Error(message.error))
    })
    worker.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error)
      waiting.clear()
    })
    return (rows) =>
      new Promise<void>((resolve, reject) => {
        const id = next++
        waiting.set(id, { resolve, reject })
        worker.postMessage({ id, rows })
      })
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

/** The same batch written with prepared statements in one SQLite transaction. */
export function sqliteWriter(sqlite: SqliteDatabase.Database): (rows: Pending[]) => Promise<void> {
  const takeBatch = sqlite.prepare<[], { last_seq: number; last_batch: number; last_hash: string }>(
    'update access_log_head set last_batch = last_batch + 1 where id = 1 returning last_seq, last_batch, last_hash',
  )
  const insert = sqlite.prepare(
    'insert into access_log (seq, batch, read_at, request_id, user_id, agency_id, team_id, role, object_type, object_id, shown, legal_basis_id, via) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const seal = sqlite.prepare('insert into access_log_seals (batch, first_seq, last_seq, sealed_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?)')
  const moveHead = sqlite.prepare('update access_log_head set last_seq = ?, last_hash = ? where id = 1')
  const writeAll = sqlite.transaction((pending: Pending[]) => {
    const head = takeBatch.get()!
    const rows: AccessLogRow[] = pending.map((row, index) => ({ ...row, seq: head.last_seq + 1 + index, batch: head.last_batch }))
    for (const r of rows) insert.run(r.seq, r.batch, r.read_at, r.request_id, r.user_id, r.agency_id, r.team_id, r.role, r.object_type, r.object_id, r.shown, r.legal_basis_id, r.via)
    const hash = sealHash(head.last_hash, rows)
    seal.run(head.last_batch, rows[0]!.seq, rows.at(-1)!.seq, nowIso(), head.last_hash, hash)
    moveHead.run(rows.at(-1)!.seq, hash)
  })
  return async (pending) => writeAll(pending)
}

/**
 * The seal of a batch: SHA-256 over the previous seal and every field of every
 * row, in order (fields separated by U+001F, rows ended by U+001E, which no field holds).
 */
export function sealHash(previous: string, rows: readonly AccessLogRow[]): string {
  const hash = createHash('sha256').update(previous)
  for (const r of rows) {
    hash.update(`${r.seq}\u001f${r.batch}\u001f${r.read_at}\u001f${r.request_id ?? ''}\u001f${r.user_id}\u001f${r.agency_id}\u001f${r.team_id ?? ''}\u001f${r.role ?? ''}\u001f${r.object_type}\u001f${r.object_id}\u001f${r.shown}\u001f${r.legal_basis_id ?? ''}\u001f${r.via}\u001e`)
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
