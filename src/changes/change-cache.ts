import type { MeetingEvents } from '../live/meeting-events'

/**
 * Things read on every write that change seldom — a team's areas, categories
 * and agencies, the legal-basis catalogue, the place names the personal-data
 * check lets pass — kept until a change of a kind they depend on commits (the
 * write door moves that kind's version), and never longer than `ttlMs`, which
 * bounds how long another process's change can go unseen.
 */
export class ChangeCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; expires: number }>()

  constructor(
    private readonly live: MeetingEvents,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 1_000,
  ) {}

  get<T>(key: string, kinds: readonly string[], load: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const versioned = `${key}|${this.live.versionOf(kinds)}`
    const hit = this.entries.get(versioned)
    if (hit && hit.expires > now) return hit.value as Promise<T>
    const value = load()
    this.entries.set(versioned, { value, expires: now + this.ttlMs })
    // A failed read is not kept.
    value.catch(() => this.entries.delete(versioned))
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return value
  }
}
