import { sql } from 'kysely'
import { commitAs, type Committer } from '../changes/commit'
import type { Trx } from '../db/connect'
import { refilled, type BucketSpec, type ThrottleStore } from './throttle-store'
import { sha256Hex } from './tokens'

// Rows untouched this long are full buckets and spent slots: removed now and then.
const staleMs = 24 * 60 * 60_000
const deviceTtlMs = 90 * 24 * 60 * 60_000

/** Several processes on one PostgreSQL: the same counts in tables, each change atomic. */
export class DatabaseThrottleStore implements ThrottleStore {
  private writes = 0

  constructor(private readonly deps: Committer) {}

  async tokens(key: string, spec: BucketSpec, now: number): Promise<number> {
    const row = await this.deps.db
      .selectFrom('throttle_buckets')
      .select(['tokens', 'updated_at'])
      .where('key', '=', key)
      .executeTakeFirst()
    return row ? refilled(Number(row.tokens), Number(row.updated_at), spec, now) : spec.capacity
  }

  async take(key: string, spec: BucketSpec, now: number): Promise<void> {
    await this.write(async (trx) => {
      // Refill and take in one statement, so that two processes taking at once both count.
      await sql`insert into throttle_buckets (key, tokens, updated_at)
        values (${key}, ${spec.capacity - 1}, ${now})
        on conflict (key) do update set
          tokens = greatest(0, least(${spec.capacity}::double precision,
            throttle_buckets.tokens + (${now} - throttle_buckets.updated_at) / 60000.0 * ${spec.refillPerMinute}) - 1),
          updated_at = ${now}`.execute(trx)
    })
  }

  async reset(key: string): Promise<void> {
    await this.write((trx) => trx.deleteFrom('throttle_buckets').where('key', '=', key).execute())
  }

  async slot(key: string): Promise<number> {
    const row = await this.deps.db
      .selectFrom('throttle_slots')
      .select('next_at')
      .where('key', '=', key)
      .executeTakeFirst()
    return row ? Number(row.next_at) : 0
  }

  async setSlot(key: string, at: number): Promise<void> {
    await this.write(async (trx) => {
      await sql`insert into throttle_slots (key, next_at) values (${key}, ${at})
        on conflict (key) do update set next_at = greatest(throttle_slots.next_at, ${at})`.execute(
        trx,
      )
    })
  }

  async deviceAccount(token: string): Promise<string | null> {
    const row = await this.deps.db
      .selectFrom('known_devices')
      .select('account')
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirst()
    return row?.account ?? null
  }

  async rememberDevice(token: string, account: string, now: number): Promise<void> {
    await this.write(async (trx) => {
      await sql`insert into known_devices (token_hash, account, seen_at)
        values (${sha256Hex(token)}, ${account}, ${now})
        on conflict (token_hash) do update set account = ${account}, seen_at = ${now}`.execute(trx)
    })
  }

  private async write(change: (trx: Trx) => Promise<unknown>): Promise<void> {
    const now = Date.now()
    const sweep = ++this.writes % 100 === 0
    await commitAs(this.deps, { userId: null, agencyId: null }, async (trx, record) => {
      record.nothingChanged()
      await change(trx)
      if (sweep) await sweepStale(trx, now)
    })
  }
}

async function sweepStale(trx: Trx, now: number): Promise<void> {
  await trx
    .deleteFrom('throttle_buckets')
    .where('updated_at', '<', now - staleMs)
    .execute()
  await trx
    .deleteFrom('throttle_slots')
    .where('next_at', '<', now - staleMs)
    .execute()
  await trx
    .deleteFrom('known_devices')
    .where('seen_at', '<', now - deviceTtlMs)
    .execute()
}
