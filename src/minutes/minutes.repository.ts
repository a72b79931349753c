import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { Selectable } from 'kysely'
import type { ApprovalCapacity, MinutesAddendumTable } from './minutes.table'

export function listApprovals(db: Db, meetingId: string) {
  return db
    .selectFrom('minutes_approvals')
    .innerJoin('users', 'users.id', 'minutes_approvals.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('minutes_approvals')
    .select(['users.name as user_name', 'agencies.name as agency_name'])
    .where('meeting_id', '=', meetingId)
    .execute()
}

export async function addApproval(
  db: Trx,
  meetingId: string,
  capacity: ApprovalCapacity,
  userId: string,
  at: string = nowIso(),
): Promise<void> {
  await db
    .insertInto('minutes_approvals')
    .values({ meeting_id: meetingId, capacity, user_id: userId, approved_at: at })
    .execute()
}

export function listAddenda(db: Db, meetingId: string) {
  return db
    .selectFrom('minutes_addenda')
    .innerJoin('users', 'users.id', 'minutes_addenda.signed_by')
    .selectAll('minutes_addenda')
    .select('users.name as signer_name')
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute()
}

export async function addAddendum(
  db: Trx,
  meetingId: string,
  text: string,
  signedBy: string,
): Promise<Selectable<MinutesAddendumTable>> {
  const addendum = {
    id: newId(),
    meeting_id: meetingId,
    text,
    signed_by: signedBy,
    created_at: nowIso(),
  }
  await db.insertInto('minutes_addenda').values(addendum).execute()
  return addendum
}

export type MinutesRelease = {
  id: string
  meetingId: string
  decidedBy: string
  decidedByName: string
  decidedAt: string
  requestReference: string
  /** section → the id of the secrecy provision masking it */
  masks: Record<string, string>
}

/** Records a release copy's decision: who, when, which request, what was masked under which provision. */
export async function addRelease(
  db: Trx,
  input: Omit<MinutesRelease, 'id' | 'decidedByName' | 'decidedAt'>,
): Promise<{ id: string; decidedAt: string }> {
  const id = newId()
  const decidedAt = nowIso()
  await db
    .insertInto('minutes_releases')
    .values({
      id,
      meeting_id: input.meetingId,
      decided_by: input.decidedBy,
      decided_at: decidedAt,
      request_reference: input.requestReference,
      masks: JSON.stringify(input.masks),
    })
    .execute()
  return { id, decidedAt }
}

export async function listReleases(db: Db, meetingId: string): Promise<MinutesRelease[]> {
  const rows = await db
    .selectFrom('minutes_releases')
    .innerJoin('users', 'users.id', 'minutes_releases.decided_by')
    .selectAll('minutes_releases')
    .select('users.name as decided_by_name')
    .where('meeting_id', '=', meetingId)
    .orderBy('decided_at', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    meetingId: row.meeting_id,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    requestReference: row.request_reference,
    masks: JSON.parse(row.masks) as Record<string, string>,
  }))
}
