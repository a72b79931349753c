type Bucket = { tokens: number; updatedAt: number }

/** A cookie that marks a browser its account's owner has signed in from: such a browser is never held up by others' failures. */
export const deviceCookie = 'laget_enhet'

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

export type LoginThrottleOptions = {
  /** Between two held attempts on one account once its free tries are spent. */
  accountSpacingMs: number
  /** Between two held attempts from one address once its free tries are spent. */
  addressSpacingMs: number
  /** Longest an attempt is held before it is refused instead. */
  maxWaitMs: number
}

const defaults: LoginThrottleOptions = {
  accountSpacingMs: 3000,
  addressSpacingMs: 1000,
  maxWaitMs: 15_000,
}

export type ThrottleDecision =
  { outcome: 'go'; waitMs: number } | { outcome: 'refuse'; retryAfterSeconds: number }

/**
 * Login throttling that slows guessing without locking anyone out.
 *
 * - Per account *and* place (5 tries, then 1 a minute): refused. The place is
 *   the client address, or the browser's known-device cookie when it has one
 *   for this account, so an attacker's failures never refuse the owner at
 *   their own computer, even behind the same proxy.
 * - Per account everywhere (10 tries, then 20 a minute) and per address across
 *   accounts (30, then 10 a minute): never refused, only held, one attempt at a
 *   time, `accountSpacingMs`/`addressSpacingMs` apart. Only a flood that would
 *   hold an attempt longer than `maxWaitMs` is refused. A known device skips both.
 *
 * In memory: a restart forgets it all, which forgives rather than locks.
 */
export class LoginThrottle {
  private readonly perPlace: TokenBuckets
  private readonly perAccount: TokenBuckets
  private readonly perAddress: TokenBuckets
  private readonly nextSlot = new Map<string, number>()
  private readonly knownDevices = new Map<string, string>()
  private readonly options: LoginThrottleOptions

  constructor(
    options: Partial<LoginThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options }
    this.perPlace = new TokenBuckets({ capacity: 5, refillPerMinute: 1 }, now)
    this.perAccount = new TokenBuckets({ capacity: 10, refillPerMinute: 20 }, now)
    this.perAddress = new TokenBuckets({ capacity: 30, refillPerMinute: 10 }, now)
  }

  /** Whether to check this attempt's password now, after waiting, or not at all. */
  decide(account: string, address: string, deviceToken: string | null): ThrottleDecision {
    const known = this.isKnownDevice(account, deviceToken)
    const place = placeKey(account, known ? `device:${deviceToken}` : address)
    if (!this.perPlace.hasToken(place)) return { outcome: 'refuse', retryAfterSeconds: 60 }
    if (known) return { outcome: 'go', waitMs: 0 }
    let waitMs = 0
    const holds: [string, number][] = []
    if (!this.perAccount.hasToken(account))
      holds.push([`account:${account}`, this.options.accountSpacingMs])
    if (!this.perAddress.hasToken(address))
      holds.push([`address:${address}`, this.options.addressSpacingMs])
    const now = this.now()
    if (this.nextSlot.size > 10_000)
      for (const [key, at] of this.nextSlot) if (at < now) this.nextSlot.delete(key)
    for (const [key] of holds) waitMs = Math.max(waitMs, (this.nextSlot.get(key) ?? 0) - now)
    if (waitMs > this.options.maxWaitMs)
      return { outcome: 'refuse', retryAfterSeconds: Math.ceil(waitMs / 1000) }
    for (const [key, spacing] of holds) this.nextSlot.set(key, now + waitMs + spacing)
    return { outcome: 'go', waitMs }
  }

  recordFailure(account: string, address: string, deviceToken: string | null): void {
    const known = this.isKnownDevice(account, deviceToken)
    this.perPlace.take(placeKey(account, known ? `device:${deviceToken}` : address))
    if (known) return
    this.perAccount.take(account)
    this.perAddress.take(address)
  }

  /** The owner got in: this place starts afresh. */
  recordSuccess(account: string, address: string, deviceToken: string | null): void {
    this.perPlace.reset(placeKey(account, address))
    if (deviceToken) this.perPlace.reset(placeKey(account, `device:${deviceToken}`))
  }

  /** Marks a browser (its device cookie's token) as one the account's owner signed in from. */
  rememberDevice(account: string, deviceToken: string): void {
    this.knownDevices.delete(deviceToken)
    this.knownDevices.set(deviceToken, account)
    if (this.knownDevices.size > 100_000)
      this.knownDevices.delete(this.knownDevices.keys().next().value!)
  }

  isKnownDevice(account: string, deviceToken: string | null): boolean {
    return deviceToken !== null && this.knownDevices.get(deviceToken) === account
  }
}

const placeKey = (account: string, place: string) => `${account}|${place}`
