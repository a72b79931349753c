import type { Db } from '../db/connect'
import { listDisposals } from './minutes-disposal'
import { renderSnapshot, sha256Of, type MinutesSnapshot } from './minutes-snapshot'

/** What makes an addendum, hashed into the audit chain when it is signed. */
export const addendumHash = (addendum: {
  meeting_id: string
  text: string
  signed_by: string
  created_at: string
}) =>
  sha256Of(
    JSON.stringify([addendum.meeting_id, addendum.text, addendum.signed_by, addendum.created_at]),
  )

export type BrokenMinutes = {
  meetingId: string
  /** html: the stored HTML is not what its hash says; render: the stored data no longer gives that HTML; audit: the approval event names another hash; addendum: an addendum is not what was signed. */
  reason: 'html' | 'render' | 'audit' | 'addendum'
}

const detailsOf = (text: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}

/**
 * Checks every justerat protokoll: its HTML against its hash, its data against
 * its HTML (rendered again), its hash against the approval's audit event, and
 * every addendum against the hash its signing event holds. Names the first broken one.
 */
export async function findBrokenMinutes(db: Db): Promise<BrokenMinutes | null> {
  const [snapshots, approvals, addenda, signings] = await Promise.all([
    db.selectFrom('minutes_snapshots').selectAll().orderBy('created_at').execute(),
    db
      .selectFrom('audit_events')
      .select(['object_id', 'details'])
      .where('action', '=', 'meeting.approved')
      .execute(),
    db.selectFrom('minutes_addenda').selectAll().orderBy('created_at').execute(),
    db
      .selectFrom('audit_events')
      .select(['object_id', 'details'])
      .where('action', '=', 'minutes.addendum')
      .execute(),
  ])
  // Approval events removed by gallring left their hashes in the checkpoint.
  const checkpoints = await db.selectFrom('audit_checkpoints').select('minutes').execute()
  const approvedHash = new Map<string | null, unknown>(
    checkpoints.flatMap((checkpoint) =>
      Object.entries(JSON.parse(checkpoint.minutes) as Record<string, string>),
    ),
  )
  for (const event of approvals) approvedHash.set(event.object_id, detailsOf(event.details).sha256)
  for (const row of snapshots) {
    const meetingId = row.meeting_id
    if (sha256Of(row.html) !== row.sha256) return { meetingId, reason: 'html' }
    let rendered: string | null = null
    try {
      rendered = renderSnapshot(JSON.parse(row.data) as MinutesSnapshot)
    } catch {
      rendered = null
    }
    if (rendered !== row.html) return { meetingId, reason: 'render' }
    if (approvedHash.get(meetingId) !== row.sha256) return { meetingId, reason: 'audit' }
  }
  // A record removed by gallring left its hash behind, which must still be the approved one.
  for (const disposal of await listDisposals(db))
    if (approvedHash.get(disposal.meeting_id) !== disposal.sha256)
      return { meetingId: disposal.meeting_id, reason: 'audit' }
  const signedHash = new Map(
    signings.map((event) => {
      const details = detailsOf(event.details)
      return [String(details.addendumId), details.sha256]
    }),
  )
  for (const addendum of addenda) {
    const signed = signedHash.get(addendum.id)
    // Addenda signed before their hashes went into the chain have none to check against.
    if (signed !== undefined && signed !== addendumHash(addendum))
      return { meetingId: addendum.meeting_id, reason: 'addendum' }
  }
  return null
}
