import { sql } from 'kysely'
import type { Db, Trx } from '../db/connect'

type Pending = {
  work: (trx: Trx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for SQLite, which has one writer at a time: changes that arrive
 * while one is being written share its transaction, each in a savepoint of its
 * own, and one commit (one fsync, `synchronous=FULL`) makes them all durable.
 * A change that fails rolls back to its savepoint and fails alone; if the commit
 * fails, every change in it fails. Each is answered only after the commit.
 */
export class GroupCommit {
  private readonly queue: Pending[] = []
  private draining = false
  /** Transactions committed or tried (fewer than the changes when they were shared). */
  commits = 0

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
  ) {}

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!this.draining) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.draining = true
    try {
      while (this.queue.length > 0) {
        // Requests already read from the network reach their change within this turn of the
        // event loop; waiting for it lets them join the batch instead of each paying an fsync.
        await new Promise((resolve) => setImmediate(resolve))
        await this.commitBatch()
      }
    } finally {
      this.draining = false
    }
  }

  private async commitBatch(): Promise<void> {
    const outcomes: { pending: Pending; ok: boolean; value: unknown }[] = []
    this.commits++
    try {
      await this.db.transaction().execute(async (trx) => {
        // Changes that arrive while the batch is written join it, up to `maxBatch`.
        while (this.queue.length > 0 && outcomes.length < this.maxBatch) {
          const pending = this.queue.shift()!
          // One name will do: each savepoint is released before the next is taken (and a
          // fixed text keeps the statement cache from filling with one-off statements).
          const name = sql.raw('change')
          await sql`savepoint ${name}`.execute(trx)
          try {
            const value = await pending.work(trx)
            await sql`release ${name}`.execute(trx)
            outcomes.push({ pending, ok: true, value })
          } catch (error) {
            await sql`rollback to ${name}`.execute(trx)
            await sql`release ${name}`.execute(trx)
            outcomes.push({ pending, ok: false, value: error })
          }
        }
      })
    } catch (error) {
      for (const { pending } of outcomes) pending.reject(error)
      return
    }
    for (const { pending, ok, value } of outcomes) (ok ? pending.resolve : pending.reject)(value)
  }
}
