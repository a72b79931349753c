/** What changed in a meeting, which decides which fragments each open stream re-renders. */
export type MeetingChange = 'meeting' | 'agenda' | 'record' | 'situation'

type Listener = (change: MeetingChange) => void

/**
 * Change notices per meeting, in this process. Routes publish after their
 * transaction commits; each open live stream re-renders for its own viewer.
 * Only identifiers travel here, never content, so nothing can leak between viewers.
 */
export class MeetingEvents {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly closers = new Set<() => void>()
  private readonly versions = new Map<string, number>()

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
    this.touch(meetingId)
    for (const listener of this.listeners.get(meetingId) ?? []) listener(change)
  }

  /**
   * Marks a meeting or a team as changed without telling any stream: cached
   * renderings of it (render-cache.ts) carry the version in their key.
   */
  touch(id: string): void {
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1)
  }

  version(id: string): number {
    return this.versions.get(id) ?? 0
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
