import type { RawBuilder } from 'kysely'
/**
 * What changed in a meeting, as narrowly as the change allows: it decides which
 * fragments each open stream re-renders, so a change costs each viewer the size
 * of what changed, not the size of the meeting.
 */
export type MeetingChange =
  /** Status, time or place: the whole live region. */
  | { kind: 'meeting' }
  /** One item's content (`itemId`), or the list itself: items added, removed or moved (`itemId` null). */
  | { kind: 'agenda'; itemId: string | null }
  /** A decision recorded (`added`), or its actions changed. */
  | { kind: 'decision'; decisionId: string; added: boolean }
  /** An action's status: where it is followed up, and under its decision. */
  | { kind: 'action'; actionId: string }
  /** Attendance, guests or the minute-checker. */
  | { kind: 'attendance' }
  /** Situation entries reported, changed or withdrawn in these areas. */
  | { kind: 'entries'; areaIds: string[] }
  /** Area assessments set, for these areas (null: any area, as after "confirm unchanged"). */
  | { kind: 'assessments'; areaIds: string[] | null }

/** What a committed change tells other processes: the object kinds it touched, the meeting changes it publishes. */
export type RelayedChange = {
  kinds: readonly (string | null)[]
  notices: readonly { meetingId: string; change: MeetingChange }[]
}

type Listener = (change: MeetingChange) => void

/**
 * Change notices per meeting, in this process. Routes publish after their
 * transaction commits; each open live stream re-renders for its own viewer.
 * Only identifiers travel here, never content, so nothing can leak between viewers.
 */
export class MeetingEvents {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly closers = new Set<() => void>()
  private content = 0
  private anyKind = 0
  private readonly kinds = new Map<string, number>()

  /** `heartbeatMs`: how often an idle stream re-checks its session and says it is alive (tests shorten it). */
  constructor(readonly options: { heartbeatMs?: number } = {}) {}

  get heartbeatMs(): number | undefined {
    return this.options.heartbeatMs
  }

  subscribe(meetingId: string, listener: Listener): () => void {
    let set = this.listeners.get(meetingId)
    if (!set) this.listeners.set(meetingId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(meetingId)
    }
  }

  publish(meetingId: string, change: MeetingChange): void {
    for (const listener of this.listeners.get(meetingId) ?? []) listener(change)
  }

  /** Tells every open stream, of every meeting (after notifications from other processes may have been missed). */
  publishEverywhere(change: MeetingChange): void {
    for (const meetingId of [...this.listeners.keys()]) this.publish(meetingId, change)
  }

  /**
   * Several processes on one PostgreSQL: the statement that tells the other
   * processes of a change (live/change-relay.ts); the write door runs it in the
   * change's transaction, in one round trip with the change's audit events.
   */
  relay?: (change: RelayedChange) => RawBuilder<unknown>

  /** Every committed change moves this (changes/commit.ts): a rendering keyed by it is never stale. */
  get contentVersion(): number {
    return this.content
  }

  /**
   * The versions of some kinds of object (audit object types: `area`, `team_membership`…),
   * moved by every committed change that records an event about one of them, and by
   * every change whose event names no kind (which may have touched anything).
   */
  versionOf(kinds: readonly string[]): string {
    return `${this.anyKind}:${kinds.map((kind) => this.kinds.get(kind) ?? 0).join('.')}`
  }

  /** Said by the write door after a commit, with the object types its audit events named. */
  contentChanged(kinds: readonly (string | null)[] = [null]): void {
    this.content++
    for (const kind of new Set(kinds)) {
      if (kind === null) this.anyKind++
      else this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1)
    }
  }

  /** Registers a stream to be ended on shutdown; returns the unregister function. */
  onShutdown(close: () => void): () => void {
    this.closers.add(close)
    return () => this.closers.delete(close)
  }

  /** Ends every open stream, so the server can close. */
  closeAll(): void {
    for (const close of [...this.closers]) close()
  }

  get openStreams(): number {
    return this.closers.size
  }
}
