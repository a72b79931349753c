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

export const refilled = (tokens: number, updatedAt: number, spec: BucketSpec, now: number) =>
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
