import { createHash } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type SqliteDatabase from 'better-sqlite3'
import type { Db } from '../db/connect'
import { nowIso } from '../db/ids'
import type { Logger } from '../logger'
import type { AccessLogRow, AccessShown, AccessVia } from './access-log.table'

/** One object a read revealed, as the read door reports it. Identifiers only, never text. */
export type AccessRead = {
  objectType:
    | 'situation_entry'
    | 'meeting'
    | 'situation_picture'
    | 'minutes'
    | 'calendar_feed'
    | 'yearly_report'
    | 'situation_report'
  objectId: string
  teamId: string | null
  role: string | null
  shown: AccessShown
  /** The legal basis under which another agency got the full view of an `agencies`-scoped entry. */
  legalBasisId?: string | null
}

/** Who read, where: fixed for one request (or one live stream). */
export type ReadContext = {
  userId: string
  agencyId: string
  requestId: string | null
  via: AccessVia
}

/** Records the reads of one request or stream: each object once, however often it was read. */
export type ReadLogger = (reads: readonly AccessRead[]) => void

/** A set of reads, named by the hash of its items. */
export type ReadSet = { id: string; reads: readonly AccessRead[] }

/** A request's reads waiting to be written: its row, and its set (whose items may already be stored). */
export type PendingRead = { row: Omit<AccessLogRow, 'seq' | 'batch'>; set: ReadSet }

// The same array of reads (a cached page part's) is named once.
const namedSets = new WeakMap<readonly AccessRead[], ReadSet>()

/** The set for these reads: its id is the SHA-256 over every field of every item, in order. */
export function readSetOf(reads: readonly AccessRead[]): ReadSet {
  const known = namedSets.get(reads)
  if (known) return known
  const hash = createHash('sha256')
  for (const r of reads)
    hash.update(
      `${r.objectType}\u001f${r.objectId}\u001f${r.teamId ?? ''}\u001f${r.role ?? ''}\u001f${r.shown}\u001f${r.legalBasisId ?? ''}\u001e`,
    )
  const set = { id: hash.digest('hex'), reads }
  namedSets.set(reads, set)
  return set
}

/**
 * The read-access log's writer. A page view costs a hash of what it read (once
 * per cached part) and an array push; reads are written in batches — at most
 * `flushMs` after they happen, when the queue is long, and on shutdown. A set
 * of objects is stored once however many requests read it; each request is
 * one row naming its set. Each batch of request rows is sealed in the
 * transaction that writes it.
 */
export class AccessLog {
  private queue: PendingRead[] = []
  private flushing: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout
  private readonly write: (pending: PendingRead[]) => Promise<void>
  private readonly maxQueue: number
  private worker: Worker | null = null

  /**
   * `sqlite`: the raw handle when the database is SQLite, for prepared inserts.
   * `worker`: with SQLite, write on a thread of its own (the built
   * access-log-worker.mjs) that opens the database file; the server's event
   * loop then only hands over batches.
   */
  constructor(
    db: Db,
    private readonly logger: Pick<Logger, 'error'>,
    options: {
      sqlite?: SqliteDatabase.Database
      worker?: { script: URL; databaseFile: string }
      flushMs?: number
      maxQueue?: number
    } = {},
  ) {
    this.maxQueue = options.maxQueue ?? 5000
    if (options.sqlite && options.worker)
      this.write = this.workerWriter(options.worker.script, options.worker.databaseFile)
    else
      this.write = options.sqlite
        ? sqliteWriter(options.sqlite)
        : (pending) => writeBatch(db, pending)
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 500)
    this.timer.unref()
  }

  /** A logger for one request or stream: an object read twice is written once. */
  loggerFor(context: ReadContext): ReadLogger {
    // Ids by object type: the ids are the same strings each time a cached part is read, so their
    // hashes are cached and no key is built per read.
    const seen = new Map<AccessRead['objectType'], Set<string>>()
    return (reads) => {
      const fresh = reads.filter((read) => {
        let ids = seen.get(read.objectType)
        if (!ids) seen.set(read.objectType, (ids = new Set()))
        if (ids.has(read.objectId)) return false
        ids.add(read.objectId)
        return true
      })
      if (fresh.length === 0) return
      this.queue.push({
        row: {
          read_at: nowIso(),
          request_id: context.requestId,
          user_id: context.userId,
          agency_id: context.agencyId,
          via: context.via,
          read_set_id: '',
        },
        // All of them new (a first read of a cached part): the part's set, named once.
        set: readSetOf(fresh.length === reads.length ? reads : fresh),
      })
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
          this.logger.error('access log flush failed', {
            error: String(error),
            queued: this.queue.length,
          })
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

  private workerWriter(
    script: URL,
    databaseFile: string,
  ): (pending: PendingRead[]) => Promise<void> {
    const worker = new Worker(script, { workerData: { file: databaseFile } })
    worker.unref()
    this.worker = worker
    const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>()
    // Sets the thread has been sent already: their items need not travel again.
    const sent = new Set<string>()
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
    return (pending) =>
      new Promise<void>((resolve, reject) => {
        const id = next++
        waiting.set(id, { resolve, reject })
        const items = pending.map(({ row, set }) => {
          const first = !sent.has(set.id)
          sent.add(set.id)
          if (sent.size > 50_000) sent.clear()
          return { row, set: { id: set.id, reads: first ? set.reads : null } }
        })
        worker.postMessage({ id, items })
      })
  }
}

async function writeBatch(db: Db, pending: PendingRead[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Updating the head's single row first serialises writers (also across processes).
    const head = await trx
      .updateTable('access_log_head')
      .set((eb) => ({ last_batch: eb('last_batch', '+', 1) }))
      .where('id', '=', 1)
      .returning(['last_seq', 'last_batch', 'last_hash'])
      .executeTakeFirstOrThrow()
    const sets = new Map(pending.map(({ set }) => [set.id, set.reads]))
    for (const [setId, reads] of sets) {
      const items = reads.map((read, position) => itemRow(setId, position, read))
      for (let i = 0; i < items.length; i += 500) {
        await trx
          .insertInto('access_read_set_items')
          .values(items.slice(i, i + 500))
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
    const rows = requestRows(head, pending)
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('access_log')
        .values(rows.slice(i, i + 500))
        .execute()
    const hash = sealHash(head.last_hash, rows)
    await trx
      .insertInto('access_log_seals')
      .values({
        batch: head.last_batch,
        first_seq: rows[0]!.seq,
        last_seq: rows.at(-1)!.seq,
        sealed_at: nowIso(),
        prev_hash: head.last_hash,
        hash,
      })
      .execute()
    await trx
      .updateTable('access_log_head')
      .set({ last_seq: rows.at(-1)!.seq, last_hash: hash })
      .where('id', '=', 1)
      .execute()
  })
}

const itemRow = (setId: string, position: number, read: AccessRead) => ({
  set_id: setId,
  position,
  object_type: read.objectType,
  object_id: read.objectId,
  team_id: read.teamId,
  role: read.role,
  shown: read.shown,
  legal_basis_id: read.legalBasisId ?? null,
})

const requestRows = (
  head: { last_seq: number; last_batch: number },
  pending: readonly { row: PendingRead['row']; set: { id: string } }[],
): AccessLogRow[] =>
  pending.map(({ row, set }, index) => ({
    ...row,
    read_set_id: set.id,
    seq: head.last_seq + 1 + index,
    batch: head.last_batch,
  }))

/**
 * The same batch written with prepared statements in one SQLite transaction.
 * A set's items arrive with its first request (`reads`), later ones only name it.
 */
export function sqliteWriter(
  sqlite: SqliteDatabase.Database,
): (
  pending: { row: PendingRead['row']; set: { id: string; reads: readonly AccessRead[] | null } }[],
) => Promise<void> {
  const takeBatch = sqlite.prepare<[], { last_seq: number; last_batch: number; last_hash: string }>(
    'update access_log_head set last_batch = last_batch + 1 where id = 1 returning last_seq, last_batch, last_hash',
  )
  const insertItem = sqlite.prepare(
    'insert into access_read_set_items (set_id, position, object_type, object_id, team_id, role, shown, legal_basis_id) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
  )
  const insertRow = sqlite.prepare(
    'insert into access_log (seq, batch, read_at, request_id, user_id, agency_id, via, read_set_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const seal = sqlite.prepare(
    'insert into access_log_seals (batch, first_seq, last_seq, sealed_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?)',
  )
  const moveHead = sqlite.prepare(
    'update access_log_head set last_seq = ?, last_hash = ? where id = 1',
  )
  const writeAll = sqlite.transaction(
    (
      pending: {
        row: PendingRead['row']
        set: { id: string; reads: readonly AccessRead[] | null }
      }[],
    ) => {
      const head = takeBatch.get()!
      for (const { set } of pending) {
        set.reads?.forEach((read, position) =>
          insertItem.run(
            set.id,
            position,
            read.objectType,
            read.objectId,
            read.teamId,
            read.role,
            read.shown,
            read.legalBasisId ?? null,
          ),
        )
      }
      const rows = requestRows(head, pending)
      for (const r of rows)
        insertRow.run(
          r.seq,
          r.batch,
          r.read_at,
          r.request_id,
          r.user_id,
          r.agency_id,
          r.via,
          r.read_set_id,
        )
      const hash = sealHash(head.last_hash, rows)
      seal.run(head.last_batch, rows[0]!.seq, rows.at(-1)!.seq, nowIso(), head.last_hash, hash)
      moveHead.run(rows.at(-1)!.seq, hash)
    },
  )
  return async (pending) => writeAll(pending)
}

/**
 * The seal of a batch: SHA-256 over the previous seal and every field of every
 * request row, in order (fields separated by U+001F, rows ended by U+001E,
 * which no field holds). The rows name their sets, and a set's name is the hash of its items.
 */
export function sealHash(previous: string, rows: readonly AccessLogRow[]): string {
  const hash = createHash('sha256').update(previous)
  for (const r of rows) {
    hash.update(
      `${r.seq}\u001f${r.batch}\u001f${r.read_at}\u001f${r.request_id ?? ''}\u001f${r.user_id}\u001f${r.agency_id}\u001f${r.via}\u001f${r.read_set_id}\u001e`,
    )
  }
  return hash.digest('hex')
}

/**
 * Walks the seals, their rows and the sets they name; returns the first batch
 * that does not hold (a request row changed, removed or added, a seal missing,
 * or an item of a set it names changed or removed), or null.
 */
export async function findBrokenAccessSeal(db: Db): Promise<number | null> {
  const seals = await db.selectFrom('access_log_seals').selectAll().orderBy('batch').execute()
  let previous = '0'.repeat(64)
  let nextSeq = 1
  const first = seals[0]
  if (first && first.batch !== 1) {
    // The oldest batches were removed by gallring: the seals go on from the checkpoint it left.
    const checkpoint = await db
      .selectFrom('access_log_checkpoints')
      .selectAll()
      .where('up_to_batch', '=', first.batch - 1)
      .executeTakeFirst()
    if (!checkpoint) return first.batch
    previous = checkpoint.last_hash
    nextSeq = checkpoint.up_to_seq + 1
  }
  const checkedSets = new Map<string, boolean>()
  for (const seal of seals) {
    const rows = await db
      .selectFrom('access_log')
      .selectAll()
      .where('seq', '>=', seal.first_seq)
      .where('seq', '<=', seal.last_seq)
      .orderBy('seq')
      .execute()
    const complete =
      seal.first_seq === nextSeq &&
      rows.length === seal.last_seq - seal.first_seq + 1 &&
      rows.every((row) => row.batch === seal.batch)
    if (!complete || seal.prev_hash !== previous || sealHash(previous, rows) !== seal.hash)
      return seal.batch
    for (const row of rows) {
      if (!checkedSets.has(row.read_set_id))
        checkedSets.set(row.read_set_id, await setHolds(db, row.read_set_id))
      if (!checkedSets.get(row.read_set_id)) return seal.batch
    }
    previous = seal.hash
    nextSeq = seal.last_seq + 1
  }
  const stray = await db
    .selectFrom('access_log')
    .select('batch')
    .where('seq', '>=', nextSeq)
    .orderBy('seq')
    .executeTakeFirst()
  return stray ? stray.batch : null
}

async function setHolds(db: Db, setId: string): Promise<boolean> {
  const items = await db
    .selectFrom('access_read_set_items')
    .selectAll()
    .where('set_id', '=', setId)
    .orderBy('position')
    .execute()
  if (items.some((item, index) => item.position !== index)) return false
  const reads = items.map(
    (item) =>
      ({
        objectType: item.object_type,
        objectId: item.object_id,
        teamId: item.team_id,
        role: item.role,
        shown: item.shown,
        legalBasisId: item.legal_basis_id,
      }) as AccessRead,
  )
  return items.length > 0 && readSetOf(reads).id === setId
}
