import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { MeetingStatus } from '../meetings/meeting.table'

/** While a guest sees the meeting: once its call is out, until its minutes are approved (or it is cancelled). */
export const guestVisibleStatuses: readonly MeetingStatus[] = ['called', 'open', 'closed']

/** Guests are invited until the minutes are approved: to a planned meeting (with its call) and while it is visible to them. */
export const guestsMayBeInvited = (status: MeetingStatus): boolean =>
  status === 'planned' || guestVisibleStatuses.includes(status)

export async function grantGuest(
  trx: Trx,
  meetingId: string,
  userId: string,
  invitedBy: string,
): Promise<string> {
  const id = newId()
  await trx
    .insertInto('meeting_guest_access')
    .values({
      id,
      meeting_id: meetingId,
      user_id: userId,
      invited_by: invitedBy,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export async function revokeGuest(trx: Trx, meetingId: string, id: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('meeting_guest_access')
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

export function listMeetingGuests(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_guest_access as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select([
      'g.id',
      'u.id as user_id',
      'u.name',
      'u.status',
      'a.id as agency_id',
      'a.name as agency_name',
    ])
    .where('g.meeting_id', '=', meetingId)
    .orderBy('a.name')
    .orderBy('u.name')
    .execute()
}

export async function isGuestOf(db: Db, meetingId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_guest_access')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

/** The meetings a person is a guest at and still sees, for their start page. */
export function listGuestMeetingsOf(db: Db, userId: string) {
  return db
    .selectFrom('meeting_guest_access as g')
    .innerJoin('meetings as m', 'm.id', 'g.meeting_id')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['m.id', 'm.starts_at', 'm.ends_at', 'm.location', 't.name as team_name'])
    .where('g.user_id', '=', userId)
    .where('m.status', 'in', guestVisibleStatuses)
    .orderBy('m.starts_at')
    .execute()
}
