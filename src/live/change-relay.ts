import pg from 'pg'
import { sql, type RawBuilder } from 'kysely'
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/connect'
import type { Logger } from '../logger'
import type { MeetingChange, MeetingEvents, RelayedChange } from './meeting-events'

/**
 * Several Läget processes on one PostgreSQL: what a change tells this
 * process's live streams and caches (the object kinds it touched, the meeting
 * changes it publishes) goes to the others with NOTIFY, sent in the change's
 * own transaction so it arrives only if the change commits. Ids and kinds
 * travel, never content: each process re-renders for its own viewers.
 */
type Message = {
  /** The process that sent it (it has told itself already). */
  o: string
  k: (string | null)[]
  n: [string, MeetingChange][]
}

// NOTIFY payloads must stay under 8000 bytes.
const maxPayload = 7_500

/** One channel per schema: installations in schemas of their own in one database stay apart. */
export const channelOf = (schema: string): string => `laget_changes_${schema}`.slice(0, 63)

function payloadOf(origin: string, change: RelayedChange): string {
  const full: Message = {
    o: origin,
    k: [...change.kinds],
    n: change.notices.map(({ meetingId, change: what }) => [meetingId, what]),
  }
  let text = JSON.stringify(full)
  if (text.length <= maxPayload) return text
  // Too many details: each meeting re-renders whole, and anything may have changed.
  const meetings = [...new Set(change.notices.map((notice) => notice.meetingId))]
  text = JSON.stringify({
    o: origin,
    k: [null],
    n: meetings.map((id) => [id, { kind: 'meeting' }]),
  })
  return text.length <= maxPayload ? text : JSON.stringify({ o: origin, k: [null], n: [] })
}

/**
 * The sending half, given to the write door (live.relay): NOTIFY inside the
 * transaction. The receiving half is ChangeListener.
 */
export function changeSender(origin: string, channel: string) {
  return (change: RelayedChange): RawBuilder<unknown> =>
    sql`select pg_notify(${channel}::text, ${payloadOf(origin, change)}::text)`
}

/**
 * The receiving half: a connection of its own that LISTENs, and applies what
 * other processes changed to this process's live streams and cache versions.
 * A lost connection is opened again (0.5, 1, then every 2 s); once back, every
 * cached rendering is outdated and every open stream re-renders, since
 * notifications may have been missed meanwhile.
 */
export class ChangeListener {
  private client: pg.Client | null = null
  private stopped = false
  private retryMs = 500
  private up = false

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly origin: string,
    private readonly live: MeetingEvents,
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
  ) {}

  /** Whether notifications are being received now (the health check says so). */
  get listening(): boolean {
    return this.up
  }

  async start(): Promise<void> {
    await this.connect(false)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.up = false
    await this.client?.end().catch(() => {})
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      // Named with its channel (and so its schema): an operator sees which installation it serves.
      application_name: `laget-listener ${this.channel}`.slice(0, 63),
    })
    client.on('notification', (message) => this.receive(message.payload))
    client.on('error', (error) => this.lost(client, error))
    client.on('end', () => this.lost(client, new Error('connection ended')))
    try {
      await client.connect()
      await client.query(`listen "${this.channel.replace(/"/g, '')}"`)
    } catch (error) {
      this.lost(client, error as Error)
      return
    }
    this.client = client
    this.up = true
    this.retryMs = 500
    if (again) {
      this.logger.info('change listener back')
      this.live.contentChanged([null])
      this.live.publishEverywhere({ kind: 'meeting' })
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== null && this.client !== client) return
    if (this.stopped) return
    const wasUp = this.up
    this.up = false
    this.client = null
    client.removeAllListeners('end')
    client.end().catch(() => {})
    if (wasUp) this.logger.warn('change listener lost', { error: String(error) })
    const wait = this.retryMs
    // At most 2 s apart: while it is away, /halsa keeps this process out of the load balancer.
    this.retryMs = Math.min(this.retryMs * 2, 2_000)
    setTimeout(() => void this.connect(true), wait).unref()
  }

  private receive(payload: string | undefined): void {
    if (!payload) return
    let message: Message
    try {
      message = JSON.parse(payload) as Message
    } catch {
      return
    }
    if (message.o === this.origin) return
    this.live.contentChanged(message.k)
    for (const [meetingId, change] of message.n) this.live.publish(meetingId, change)
  }
}

/**
 * Sets up both halves for a process on PostgreSQL: the write door sends its
 * changes, a listener applies the other processes'. Returns the listener.
 */
export async function listenForChanges(
  db: Db,
  url: string,
  live: MeetingEvents,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<ChangeListener> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const channel = channelOf(rows[0]?.schema ?? 'public')
  const origin = randomUUID()
  live.relay = changeSender(origin, channel)
  const listener = new ChangeListener(url, channel, origin, live, logger)
  await listener.start()
  return listener
}
