type Bucket = { tokens: number; updatedAt: number }

export type TokenBucketOptions = { capacity: number; refillPerMinute: number; maxKeys?: number }

/**
 * A token bucket per key, in memory. Each failure takes a token; tokens come
 * back at a steady rate. Full buckets are forgotten, so memory stays bounded
 * by the keys under attack, capped at `maxKeys` (oldest dropped first).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  hasToken(key: string): boolean {
    return this.current(key) >= 1
  }

  take(key: string): void {
    const tokens = this.current(key) - 1
    this.buckets.delete(key)
    this.buckets.set(key, { tokens: Math.max(0, tokens), updatedAt: this.now() })
    const maxKeys = this.options.maxKeys ?? 100_000
    if (this.buckets.size > maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
  }

  reset(key: string): void {
    this.buckets.delete(key)
  }

  private current(key: string): number {
    const bucket = this.buckets.get(key)
    if (!bucket) return this.options.capacity
    const refilled = ((this.now() - bucket.updatedAt) / 60_000) * this.options.refillPerMinute
    const tokens = Math.min(this.options.capacity, bucket.tokens + refilled)
    if (tokens >= this.options.capacity) this.buckets.delete(key)
    return tokens
  }
}

/** Login throttling per account (5 tries, then 1 a minute) and per address (30, then 10 a minute). */
export class LoginThrottle {
  private readonly perAccount: TokenBuckets
  private readonly perAddress: TokenBuckets

  constructor(now: () => number = Date.now) {
    this.perAccount = new TokenBuckets({ capacity: 5, refillPerMinute: 1 }, now)
    this.perAddress = new TokenBuckets({ capacity: 30, refillPerMinute: 10 }, now)
  }

  isAllowed(account: string, address: string): boolean {
    return this.perAccount.hasToken(account) && this.perAddress.hasToken(address)
  }

  recordFailure(account: string, address: string): void {
    this.perAccount.take(account)
    this.perAddress.take(address)
  }

  recordSuccess(account: string): void {
    this.perAccount.reset(account)
  }
}
