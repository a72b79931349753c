import { MemoryThrottleStore, type BucketSpec, type ThrottleStore } from './throttle-store'

/** A cookie that marks a browser its account's owner has signed in from: such a browser is never held up by others' failures. */
export const deviceCookie = 'laget_enhet'

const perPlace: BucketSpec = { capacity: 5, refillPerMinute: 1 }
const perAccount: BucketSpec = { capacity: 10, refillPerMinute: 20 }
const perAddress: BucketSpec = { capacity: 30, refillPerMinute: 10 }
// "Glömt lösenordet": per client 5, then 1 a minute; per address asked for 3, then 1 per 10 minutes.
const linkPerClient: BucketSpec = { capacity: 5, refillPerMinute: 1 }
const linkPerAccount: BucketSpec = { capacity: 3, refillPerMinute: 0.1 }

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
 * Kept in a ThrottleStore: memory for one process (a restart forgets it all,
 * which forgives rather than locks), the database for several processes.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions

  /** `store`: memory for one process; the database when several share one PostgreSQL (throttle-store.ts). */
  constructor(
    options: Partial<LoginThrottleOptions> = {},
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options }
  }

  /** Whether to check this attempt's password now, after waiting, or not at all. */
  async decide(
    account: string,
    address: string,
    deviceToken: string | null,
  ): Promise<ThrottleDecision> {
    const now = this.now()
    const known = await this.isKnownDevice(account, deviceToken)
    const place = placeKey(account, known ? `device:${deviceToken}` : address)
    if ((await this.store.tokens(`place:${place}`, perPlace, now)) < 1)
      return { outcome: 'refuse', retryAfterSeconds: 60 }
    if (known) return { outcome: 'go', waitMs: 0 }
    const holds: [string, number][] = []
    if ((await this.store.tokens(`account:${account}`, perAccount, now)) < 1)
      holds.push([`account:${account}`, this.options.accountSpacingMs])
    if ((await this.store.tokens(`address:${address}`, perAddress, now)) < 1)
      holds.push([`address:${address}`, this.options.addressSpacingMs])
    let waitMs = 0
    for (const [key] of holds) waitMs = Math.max(waitMs, (await this.store.slot(key)) - now)
    if (waitMs > this.options.maxWaitMs)
      return { outcome: 'refuse', retryAfterSeconds: Math.ceil(waitMs / 1000) }
    for (const [key, spacing] of holds) await this.store.setSlot(key, now + waitMs + spacing)
    return { outcome: 'go', waitMs }
  }

  async recordFailure(account: string, address: string, deviceToken: string | null) {
    const now = this.now()
    const known = await this.isKnownDevice(account, deviceToken)
    await this.store.take(
      `place:${placeKey(account, known ? `device:${deviceToken}` : address)}`,
      perPlace,
      now,
    )
    if (known) return
    await this.store.take(`account:${account}`, perAccount, now)
    await this.store.take(`address:${address}`, perAddress, now)
  }

  /** The owner got in: this place starts afresh. */
  async recordSuccess(account: string, address: string, deviceToken: string | null) {
    await this.store.reset(`place:${placeKey(account, address)}`)
    if (deviceToken) await this.store.reset(`place:${placeKey(account, `device:${deviceToken}`)}`)
  }

  /** Marks a browser (its device cookie's token) as one the account's owner signed in from. */
  async rememberDevice(account: string, deviceToken: string): Promise<void> {
    await this.store.rememberDevice(deviceToken, account, this.now())
  }

  async isKnownDevice(account: string, deviceToken: string | null): Promise<boolean> {
    return deviceToken !== null && (await this.store.deviceAccount(deviceToken)) === account
  }

  /** "Glömt lösenordet": whether this client may ask for a link for this address now. */
  async mayAskForLink(client: string, account: string): Promise<boolean> {
    const now = this.now()
    return (
      (await this.store.tokens(`link-client:${client}`, linkPerClient, now)) >= 1 &&
      (await this.store.tokens(`link-account:${account}`, linkPerAccount, now)) >= 1
    )
  }

  async askedForLink(client: string, account: string): Promise<void> {
    const now = this.now()
    await this.store.take(`link-client:${client}`, linkPerClient, now)
    await this.store.take(`link-account:${account}`, linkPerAccount, now)
  }
}

const placeKey = (account: string, place: string) => `${account}|${place}`
