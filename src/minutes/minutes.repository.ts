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
