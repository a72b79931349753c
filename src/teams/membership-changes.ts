import type { Context } from 'hono'
import { commit } from '../changes/commit'
import type { Db } from '../db/connect'
import type { AppEnv } from '../http/app-env'
import type { FieldErrors } from '../http/forms'
import { todayInStockholm } from '../i18n/format'
import { findUser } from '../users/user.repository'
import type { UserRow } from '../users/user.table'
import {
  addMembership,
  isUserInTeam,
  updateMembership,
  type MembershipInput,
} from './team.repository'
import type { TeamMembershipRow } from './team.table'

/**
 * Adding a member and changing a membership, the same for the admin and for
 * the team's coordinator: the checks, then the change with its audit event
 * through the commit door. Who may pick whom is the caller's (`mayPick`).
 */

export async function checkNewMember(
  db: Db,
  teamId: string,
  data: MembershipInput & { userId: string },
  mayPick: (user: UserRow) => boolean | Promise<boolean> = () => true,
): Promise<{ errors: FieldErrors } | { user: UserRow }> {
  const user = await findUser(db, data.userId)
  if (!user || user.status === 'disabled') return { errors: { userId: 'error.choice' } }
  if (!(await mayPick(user))) return { errors: { userId: 'membership.error.agency' } }
  if (await isUserInTeam(db, teamId, user.id))
    return { errors: { userId: 'admin.team.alreadyMember' } }
  if (data.endsOn !== null && data.endsOn < todayInStockholm())
    return { errors: { endsOn: 'error.dateInPast' } }
  return { user }
}

export async function commitNewMember(
  c: Context<AppEnv>,
  teamId: string,
  userId: string,
  data: MembershipInput,
): Promise<void> {
  await commit(c, async (trx, change) => {
    const id = await addMembership(trx, teamId, userId, data)
    change.audit({
      action: 'membership.add',
      objectType: 'team_membership',
      objectId: id,
      details: { teamId, userId, role: data.role, endsOn: data.endsOn },
    })
  })
}

/** A last day in the past is refused, unless it is the one already set. */
export function checkMembershipChange(
  membership: TeamMembershipRow,
  data: MembershipInput,
): FieldErrors | null {
  if (
    data.endsOn !== null &&
    data.endsOn < todayInStockholm() &&
    data.endsOn !== membership.ends_on
  )
    return { endsOn: 'error.dateInPast' }
  return null
}

export async function commitMembershipChange(
  c: Context<AppEnv>,
  membership: TeamMembershipRow,
  data: MembershipInput,
): Promise<void> {
  await commit(c, async (trx, change) => {
    await updateMembership(trx, membership.id, data)
    change.audit({
      action: 'membership.update',
      objectType: 'team_membership',
      objectId: membership.id,
      details: { teamId: membership.team_id, role: data.role, endsOn: data.endsOn },
    })
  })
}
