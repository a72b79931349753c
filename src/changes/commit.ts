import type { Context } from 'hono'
import { recordAuditEvents, type AuditActor, type AuditEvent } from '../audit/audit.repository'
import type { Db, Trx } from '../db/connect'
import type { GroupCommit } from './group-commit'
import type { AppEnv } from '../http/app-env'
import type { MeetingChange, MeetingEvents } from '../live/meeting-events'
import { actorOf } from '../audit/actor'

/** What a change says about itself while it writes: its audit events and who to tell. */
export type ChangeRecord = {
  /** Recorded in the change's transaction, in order; every change records at least one. */
  audit(event: AuditEvent, actor?: AuditActor): void
  /** Told to the meeting's open streams once the change has committed. */
  publish(meetingId: string, change: MeetingChange): void
  /**
   * Said by a write that changed no content: a top-up with nothing missing (then no event is
   * due), or an event alone (an export, a refused login) — cached pages stay valid.
   */
  nothingChanged(): void
}

/**
 * `live` is absent in a command run outside the server (nothing is open to tell);
 * `groupCommit`, on SQLite, lets concurrent changes share one commit.
 */
export type Committer = { db: Db; live?: MeetingEvents; groupCommit?: GroupCommit }

/**
 * The one way to change content: `write` runs in a transaction and records what
 * it did; the audit events are appended (hash-chained) in the same transaction,
 * so the change and its events commit together or not at all. After the commit,
 * cached renderings are outdated (the content version moves) and the meetings
 * named are told. Derived data (the weekly cells) and disclosures are written
 * by the functions that take the `Trx`, so they cannot be left out either.
 */
export async function commitAs<T>(
  { db, live, groupCommit }: Committer,
  actor: AuditActor,
  write: (trx: Trx, change: ChangeRecord) => Promise<T>,
): Promise<T> {
  const events: { event: AuditEvent; actor: AuditActor }[] = []
  const notices: { meetingId: string; change: MeetingChange }[] = []
  let unchanged = false
  const record: ChangeRecord = {
    audit: (event, by = actor) => void events.push({ event, actor: by }),
    publish: (meetingId, change) => void notices.push({ meetingId, change }),
    nothingChanged: () => void (unchanged = true),
  }
  const inTransaction = async (trx: Trx) => {
    const written = await write(trx, record)
    if (events.length === 0 && !unchanged)
      throw new Error('A change must record its audit event (or say it changed nothing)')
    // Other processes hear of it with the commit, and only if it commits (PostgreSQL NOTIFY),
    // sent in the same statement as the audit events.
    const relay =
      live?.relay && !unchanged
        ? live.relay({ kinds: events.map(({ event }) => event.objectType ?? null), notices })
        : undefined
    await recordAuditEvents(trx, events, relay)
    return written
  }
  const result = groupCommit
    ? await groupCommit.run(inTransaction)
    : await db.transaction().execute(inTransaction)
  if (unchanged) return result
  live?.contentChanged(events.map(({ event }) => event.objectType ?? null))
  for (const { meetingId, change } of notices) live?.publish(meetingId, change)
  return result
}

/**
 * A change made by the person of this request. Details the person confirmed
 * to the personal-data check on the way (form-check.ts) are audited with it —
 * the field, the reason and what kind of detail, never the text.
 */
export const commit = async <T>(
  c: Context<AppEnv>,
  write: (trx: Trx, change: ChangeRecord) => Promise<T>,
): Promise<T> => {
  const confirmed = c.get('confirmedDetails') ?? []
  const result = await commitAs(c.get('deps'), actorOf(c), async (trx, change) => {
    const written = await write(trx, change)
    for (const { field, reason, kinds } of confirmed)
      change.audit({ action: 'personal_data.confirmed', details: { field, reason, kinds } })
    return written
  })
  c.set('confirmedDetails', [])
  return result
}

/** An event that changes nothing else (a refused login, an export, a check run). */
export const recordEvent = (
  c: Context<AppEnv>,
  event: AuditEvent,
  actor: AuditActor = actorOf(c),
): Promise<void> =>
  commitAs(c.get('deps'), actor, async (_trx, change) => {
    change.audit(event)
    change.nothingChanged()
  })
