import { Hono, type Context } from 'hono'
import { TeamMembersPage } from '../../views/teams/members.page'
import { requireRole, requireTeamAccess, type TeamAccess } from '../access/team-access'
import { membershipSchema, newMembershipSchema } from '../admin/admin-forms'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { readForm, validateForm, type FieldErrors, type FormValues } from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { listUsers } from '../users/user.repository'
import {
  checkMembershipChange,
  checkNewMember,
  commitMembershipChange,
  commitNewMember,
} from './membership-changes'
import { findMembership, listMemberships } from './team.repository'

/**
 * The team's members, kept by its coordinator: people of the agencies already
 * in the team are added, roles and last days changed. Accounts and new
 * agencies stay the admin's; the coordinator's own seat too (no one locks
 * themselves out, or promotes themselves).
 */
export const teamMembersRoutes = new Hono<AppEnv>()

async function membersAccess(c: Context<AppEnv>): Promise<TeamAccess> {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  requireRole(access, 'manageMembers')
  return access
}

/** Active members' agencies: whose people the coordinator may add. */
const teamAgencies = (memberships: Awaited<ReturnType<typeof listMemberships>>, today: string) =>
  new Set(
    memberships.filter((m) => m.ends_on === null || m.ends_on >= today).map((m) => m.agency_id),
  )

async function membersPage(
  c: Context<AppEnv>,
  access: TeamAccess,
  failed?: { form: string; values: FormValues; errors: FieldErrors },
) {
  const { db } = c.get('deps')
  const today = todayInStockholm()
  const [memberships, users] = await Promise.all([
    listMemberships(db, access.team.id),
    listUsers(db),
  ])
  const agencies = teamAgencies(memberships, today)
  const candidates = users.filter(
    (u) =>
      u.status !== 'disabled' &&
      agencies.has(u.agency_id) &&
      !memberships.some((m) => m.user_id === u.id),
  )
  const forms: Record<string, { values: FormValues; errors: FieldErrors }> = {
    newMember: { values: { role: 'member' }, errors: {} },
  }
  if (failed) forms[failed.form] = { values: failed.values, errors: failed.errors }
  return render(
    c,
    <TeamMembersPage
      team={access.team}
      memberships={memberships}
      candidates={candidates}
      forms={forms}
      today={today}
      self={c.get('viewer')!.userId}
    />,
    failed ? 422 : 200,
  )
}

teamMembersRoutes.get('/medlemmar', async (c) => membersPage(c, await membersAccess(c)))

teamMembersRoutes.post('/medlemmar', async (c) => {
  const access = await membersAccess(c)
  const { db } = c.get('deps')
  const form = validateForm(newMembershipSchema, await readForm(c))
  const failed = (errors: FieldErrors) =>
    membersPage(c, access, { form: 'newMember', values: form.values, errors })
  if (!form.ok) return failed(form.errors)
  const agencies = teamAgencies(await listMemberships(db, access.team.id), todayInStockholm())
  const checked = await checkNewMember(db, access.team.id, form.data, (user) =>
    agencies.has(user.agency_id),
  )
  if ('errors' in checked) return failed(checked.errors)
  await commitNewMember(c, access.team.id, checked.user.id, form.data)
  return c.redirect(`/team/${access.team.id}/medlemmar#members`, 303)
})

teamMembersRoutes.post('/medlemmar/:membershipId', async (c) => {
  const access = await membersAccess(c)
  const membership = await findMembership(
    c.get('deps').db,
    access.team.id,
    idParam(c, 'membershipId'),
  )
  if (!membership) throw notFound()
  const formKey = `member-${membership.id}`
  const form = validateForm(membershipSchema, await readForm(c))
  if (!form.ok) return membersPage(c, access, { form: formKey, ...form })
  const errors =
    membership.user_id === c.get('viewer')!.userId
      ? { role: 'membership.error.ownSeat' as const }
      : checkMembershipChange(membership, form.data)
  if (errors) return membersPage(c, access, { form: formKey, values: form.values, errors })
  await commitMembershipChange(c, membership, form.data)
  return c.redirect(`/team/${access.team.id}/medlemmar#members`, 303)
})
