import { sql } from 'kysely'
import { commitAs, type Committer } from '../changes/commit'
import type { Trx } from '../db/connect'
import { sha256Hex } from './tokens'

/** A bucket's size and how fast it fills again. */
export type BucketSpec = { capacity: number; refillPerMinute: number }

/**
 * Where sign-in throttling keeps its counts: in memory for one process, or in
 * the database when several processes share one PostgreSQL, so that the limits
 * hold however many processes an attacker's requests are spread over.
 */
export interface ThrottleStore {
  /** Tokens left in the bucket now (a bucket never used is full). */
  tokens(key: string, spec: BucketSpec, now: number): Promise<number>
  /** Takes a token (never below zero). */
  take(key: string, spec: BucketSpec, now: number): Promise<void>
  reset(key: string): Promise<void>
  /** When the next held attempt on this key may go (0: now). */
  slot(key: string): Promise<number>
  setSlot(key: string, at: number): Promise<void>
  /** The account whose owner signed in from this browser (its cookie's token), if any. */
  deviceAccount(token: string): Promise<string | null>
  rememberDevice(token: string, account: string, now: number): Promise<void>
}

const refilled = (tokens: number, updatedAt: number, spec: BucketSpec, now: number) =>
  Math.min(spec.capacity, tokens + ((now - updatedAt) / 60_000) * spec.refillPerMinute)

/** One process: Maps, bounded (the oldest keys go first), forgotten at restart. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>()
  private readonly slots = new Map<string, number>()
  private readonly devices = new Map<string, string>()

  constructor(private readonly maxKeys = 100_000) {}

  async tokens(key: string, spec: BucketSpec, now: number): Promise<number> {
    const bucket = this.buckets.get(key)
    if (!bucket) return spec.capacity
    const tokens = refilled(bucket.tokens, bucket.updatedAt, spec, now)
    if (tokens >= spec.capacity) this.buckets.delete(key)
    return tokens
  }

  async take(key: string, spec: BucketSpec, now: number): Promise<void> {
    const tokens = (await this.tokens(key, spec, now)) - 1
    this.buckets.delete(key)
    this.buckets.set(key, { tokens: Math.max(0, tokens), updatedAt: now })
    this.bound(this.buckets)
  }

  async reset(key: string): Promise<void> {
    this.buckets.delete(key)
  }

  async slot(key: string): Promise<number> {
    return this.slots.get(key) ?? 0
  }

  async setSlot(key: string, at: number): Promise<void> {
    this.slots.delete(key)
    this.slots.set(key, at)
    this.bound(this.slots)
  }

  async deviceAccount(token: string): Promise<string | null> {
    return this.devices.get(token) ?? null
  }

  async rememberDevice(token: string, account: string): Promise<void> {
    this.devices.delete(token)
    this.devices.set(token, account)
    this.bound(this.devices)
  }

  private bound(map: Map<string, unknown>) {
    if (map.size > this.maxKeys) map.delete(map.keys().next().value!)
  }
}

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
