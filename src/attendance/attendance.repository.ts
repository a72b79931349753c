import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'

/** The agencies marked present at a meeting. */
export async function listPresentAgencies(db: Db, meetingId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('meeting_attendance')
    .select('agency_id')
    .where('meeting_id', '=', meetingId)
    .where('present', '=', 1)
    .execute()
  return new Set(rows.map((row) => row.agency_id))
}

/** Replaces the meeting's attendance with `present` among `agencyIds`. */
export async function setAttendance(
  db: Trx,
  meetingId: string,
  agencyIds: string[],
  present: Set<string>,
): Promise<void> {
  await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute()
  if (agencyIds.length === 0) return
  const now = nowIso()
  await db
    .insertInto('meeting_attendance')
    .values(
      agencyIds.map((agencyId) => ({
        meeting_id: meetingId,
        agency_id: agencyId,
        present: present.has(agencyId) ? 1 : 0,
        updated_at: now,
      })),
    )
    .execute()
}

export function listGuests(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_guests')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute()
}

export async function addGuest(db: Trx, meetingId: string, organisation: string): Promise<string> {
  const id = newId()
  await db
    .insertInto('meeting_guests')
    .values({ id, meeting_id: meetingId, organisation, created_at: nowIso() })
    .execute()
  return id
}

export async function removeGuest(db: Trx, meetingId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('meeting_guests')
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
