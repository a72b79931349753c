import { defaultScale, parseScale } from '../assessments/scale'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { Hono, type Context } from 'hono'
import { TeamAdminPage, TeamsAdminPage, type TeamAdminForms } from '../../views/admin/teams.page'
import { isNameTaken } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { idParam } from '../http/params'
import { notFound } from '../http/errors'
import { readForm, validateForm, type FieldErrors, type FormValues } from '../http/forms'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import {
  createArea,
  createCategory,
  createTeam,
  findArea,
  findCategory,
  findMembership,
  findTeam,
  listAreas,
  listCategories,
  listMemberships,
  listTeams,
  removeMembership,
  updateArea,
  updateCategory,
  updateTeam,
} from '../teams/team.repository'
import type { TeamRow } from '../teams/team.table'
import { listUsers } from '../users/user.repository'
import { doneMessage } from './done-message'
import {
  checkMembershipChange,
  checkNewMember,
  commitMembershipChange,
  commitNewMember,
} from '../teams/membership-changes'
import {
  areaSchema,
  categorySchema,
  membershipSchema,
  newMembershipSchema,
  teamSchema,
} from './admin-forms'

export const teamAdminRoutes = new Hono<AppEnv>()

teamAdminRoutes.get('/', async (c) => {
  const teams = await listTeams(c.get('deps').db)
  return render(
    c,
    <TeamsAdminPage
      teams={teams}
      form={{ values: { kind: 'est', assessmentScale: defaultScale.join(', ') }, errors: {} }}
      done={doneMessage(c)}
    />,
  )
})

teamAdminRoutes.post('/', async (c) => {
  const { db } = c.get('deps')
  const form = await checkedForm(c, teamSchema, await readForm(c), null)
  const again = async (errors: FieldErrors) =>
    render(
      c,
      <TeamsAdminPage
        teams={await listTeams(db)}
        form={{ values: form.values, errors }}
        done={null}
      />,
      422,
    )
  if (!form.ok) return again(form.errors)
  if (await isNameTaken(db, 'teams', form.data.name)) return again({ name: 'error.nameTaken' })
  const id = await commit(c, async (trx, change) => {
    const id = await createTeam(trx, form.data)
    change.audit({
      action: 'team.create',
      objectType: 'team',
      objectId: id,
      details: { kind: form.data.kind },
    })
    return id
  })
  return c.redirect(`/admin/team/${id}?klart=created`, 303)
})

async function requireTeam(c: Context<AppEnv>): Promise<TeamRow> {
  const team = await findTeam(c.get('deps').db, idParam(c, 'teamId'))
  if (!team) throw notFound()
  return team
}

/** The team's set-up page; `failed` re-renders one form with what was typed and its errors. */
async function teamPage(
  c: Context<AppEnv>,
  team: TeamRow,
  failed?: { form: string; values: FormValues; errors: FieldErrors },
) {
  const { db } = c.get('deps')
  const [memberships, areas, categories, users] = await Promise.all([
    listMemberships(db, team.id),
    listAreas(db, team.id),
    listCategories(db, team.id),
    listUsers(db),
  ])
  const forms: TeamAdminForms = {
    team: {
      values: {
        name: team.name,
        kind: team.kind,
        description: team.description,
        assessmentScale: parseScale(team.assessment_scale).join(', '),
      },
      errors: {},
    },
    newMember: { values: { role: 'member' }, errors: {} },
    newArea: { values: {}, errors: {} },
    newCategory: { values: { defaultScope: 'team' }, errors: {} },
  }
  if (failed) forms[failed.form] = { values: failed.values, errors: failed.errors }
  const candidates = users.filter(
    (u) => u.status !== 'disabled' && !memberships.some((m) => m.user_id === u.id),
  )
  return render(
    c,
    <TeamAdminPage
      team={team}
      memberships={memberships}
      areas={areas}
      categories={categories}
      candidates={candidates}
      forms={forms}
      today={todayInStockholm()}
      done={doneMessage(c)}
    />,
    failed ? 422 : 200,
  )
}

const backTo = (team: TeamRow, section: string) => `/admin/team/${team.id}?klart=saved#${section}`

teamAdminRoutes.get('/:teamId', async (c) => teamPage(c, await requireTeam(c)))

teamAdminRoutes.post('/:teamId', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const form = await checkedForm(c, teamSchema, await readForm(c), team.id)
  if (!form.ok) return teamPage(c, team, { form: 'team', ...form })
  if (await isNameTaken(db, 'teams', form.data.name, { exceptId: team.id })) {
    return teamPage(c, team, {
      form: 'team',
      values: form.values,
      errors: { name: 'error.nameTaken' },
    })
  }
  await commit(c, async (trx, change) => {
    await updateTeam(trx, team.id, form.data)
    change.audit({
      action: 'team.update',
      objectType: 'team',
      objectId: team.id,
    })
  })
  return c.redirect(backTo(team, 'team-settings'), 303)
})

// --- memberships

teamAdminRoutes.post('/:teamId/medlemmar', async (c) => {
  const team = await requireTeam(c)
  const form = validateForm(newMembershipSchema, await readForm(c))
  const failed = (errors: FieldErrors) =>
    teamPage(c, team, { form: 'newMember', values: form.values, errors })
  if (!form.ok) return failed(form.errors)
  const checked = await checkNewMember(c.get('deps').db, team.id, form.data)
  if ('errors' in checked) return failed(checked.errors)
  await commitNewMember(c, team.id, checked.user.id, form.data)
  return c.redirect(backTo(team, 'members'), 303)
})

teamAdminRoutes.post('/:teamId/medlemmar/:membershipId', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const membership = await findMembership(db, team.id, idParam(c, 'membershipId'))
  if (!membership) throw notFound()
  const formKey = `member-${membership.id}`
  const form = validateForm(membershipSchema, await readForm(c))
  if (!form.ok) return teamPage(c, team, { form: formKey, ...form })
  const errors = checkMembershipChange(membership, form.data)
  if (errors) return teamPage(c, team, { form: formKey, values: form.values, errors })
  await commitMembershipChange(c, membership, form.data)
  return c.redirect(backTo(team, 'members'), 303)
})

teamAdminRoutes.post('/:teamId/medlemmar/:membershipId/ta-bort', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const membership = await findMembership(db, team.id, idParam(c, 'membershipId'))
  if (!membership) throw notFound()
  await commit(c, async (trx, change) => {
    await removeMembership(trx, membership.id)
    change.audit({
      action: 'membership.remove',
      objectType: 'team_membership',
      objectId: membership.id,
      details: { teamId: team.id, userId: membership.user_id },
    })
  })
  return c.redirect(backTo(team, 'members'), 303)
})

// --- areas

teamAdminRoutes.post('/:teamId/omraden', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const form = validateForm(areaSchema, await readForm(c))
  if (!form.ok) return teamPage(c, team, { form: 'newArea', ...form })
  if (await isNameTaken(db, 'areas', form.data.name, { teamId: team.id })) {
    return teamPage(c, team, {
      form: 'newArea',
      values: form.values,
      errors: { name: 'error.nameTaken' },
    })
  }
  await commit(c, async (trx, change) => {
    const id = await createArea(trx, team.id, form.data.name)
    change.audit({
      action: 'area.create',
      objectType: 'area',
      objectId: id,
      details: { teamId: team.id },
    })
  })
  return c.redirect(backTo(team, 'areas'), 303)
})

teamAdminRoutes.post('/:teamId/omraden/:areaId', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const area = await findArea(db, team.id, idParam(c, 'areaId'))
  if (!area) throw notFound()
  const formKey = `area-${area.id}`
  const form = validateForm(areaSchema, await readForm(c))
  if (!form.ok) return teamPage(c, team, { form: formKey, ...form })
  if (await isNameTaken(db, 'areas', form.data.name, { teamId: team.id, exceptId: area.id })) {
    return teamPage(c, team, {
      form: formKey,
      values: form.values,
      errors: { name: 'error.nameTaken' },
    })
  }
  await commit(c, async (trx, change) => {
    await updateArea(trx, area.id, form.data)
    change.audit({
      action: 'area.update',
      objectType: 'area',
      objectId: area.id,
      details: { teamId: team.id, retired: form.data.retired },
    })
  })
  return c.redirect(backTo(team, 'areas'), 303)
})

// --- categories

teamAdminRoutes.post('/:teamId/kategorier', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const form = await checkedForm(c, categorySchema, await readForm(c), team.id)
  if (!form.ok) return teamPage(c, team, { form: 'newCategory', ...form })
  if (await isNameTaken(db, 'categories', form.data.name, { teamId: team.id })) {
    return teamPage(c, team, {
      form: 'newCategory',
      values: form.values,
      errors: { name: 'error.nameTaken' },
    })
  }
  await commit(c, async (trx, change) => {
    const id = await createCategory(trx, team.id, form.data)
    change.audit({
      action: 'category.create',
      objectType: 'category',
      objectId: id,
      details: { teamId: team.id },
    })
  })
  return c.redirect(backTo(team, 'categories'), 303)
})

teamAdminRoutes.post('/:teamId/kategorier/:categoryId', async (c) => {
  const { db } = c.get('deps')
  const team = await requireTeam(c)
  const category = await findCategory(db, team.id, idParam(c, 'categoryId'))
  if (!category) throw notFound()
  const formKey = `category-${category.id}`
  const form = await checkedForm(c, categorySchema, await readForm(c), team.id)
  if (!form.ok) return teamPage(c, team, { form: formKey, ...form })
  if (
    await isNameTaken(db, 'categories', form.data.name, { teamId: team.id, exceptId: category.id })
  ) {
    return teamPage(c, team, {
      form: formKey,
      values: form.values,
      errors: { name: 'error.nameTaken' },
    })
  }
  await commit(c, async (trx, change) => {
    await updateCategory(trx, category.id, form.data)
    change.audit({
      action: 'category.update',
      objectType: 'category',
      objectId: category.id,
      details: {
        teamId: team.id,
        sensitive: form.data.isSensitive,
        defaultScope: form.data.defaultScope,
        retired: form.data.retired,
      },
    })
  })
  return c.redirect(backTo(team, 'categories'), 303)
})
