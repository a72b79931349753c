import type { TeamRole } from '../teams/team.table'
import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'

/** The people of one agency, for its contact's page: no password hashes, nothing of content. */
export function listAgencyPeople(db: Db, agencyId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'email',
      'status',
      'is_admin',
      'is_auditor',
      'is_log_reviewer',
      'is_municipal_coordinator',
      'is_steering_group',
    ])
    .where('agency_id', '=', agencyId)
    .orderBy('name')
    .execute()
}

export async function updatePersonDetails(
  trx: Trx,
  userId: string,
  details: { name: string; email: string },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ name: details.name, email: details.email, updated_at: nowIso() })
    .where('id', '=', userId)
    .execute()
}

export type AgencySeat = {
  membership_id: string
  team_id: string
  team_name: string
  user_id: string
  user_name: string
  role: TeamRole
  ends_on: string | null
  named_by_contact_at: string | null
}

/** The agency's seats in every team it has (or had) a seat in: the teams its contact keeps representatives for. */
export function listAgencySeats(db: Db, agencyId: string): Promise<AgencySeat[]> {
  return db
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select([
      'm.id as membership_id',
      't.id as team_id',
      't.name as team_name',
      'u.id as user_id',
      'u.name as user_name',
      'm.role',
      'm.ends_on',
      'm.named_by_contact_at',
    ])
    .where('u.agency_id', '=', agencyId)
    .orderBy('t.name')
    .orderBy('u.name')
    .execute()
}

export async function markNamedByContact(trx: Trx, membershipId: string): Promise<void> {
  await trx
    .updateTable('team_memberships')
    .set({ named_by_contact_at: nowIso() })
    .where('id', '=', membershipId)
    .execute()
}

/** Ends a seat on `day` (access through that day), marked as the contact's doing. */
export async function endSeatOn(trx: Trx, membershipId: string, day: string): Promise<void> {
  const now = nowIso()
  await trx
    .updateTable('team_memberships')
    .set({ ends_on: day, named_by_contact_at: now, updated_at: now })
    .where('id', '=', membershipId)
    .execute()
}
