import { defaultScale } from '../assessments/scale'
import type { Db, Trx } from '../db/connect'
import type { AgencyKind } from '../agencies/agency.table'
import { newId, nowIso, toFlag } from '../db/ids'
import { prepared } from '../db/prepared'
import { defaultCategoriesFor } from './default-categories'
import type {
  AreaRow,
  CategoryRow,
  SharingScope,
  TeamKind,
  TeamMembershipRow,
  TeamRole,
  TeamRow,
} from './team.table'

/** A team's facts; the assessment scale's labels, lowest level first, default grön/gul/orange/röd. */
export type TeamInput = {
  name: string
  kind: TeamKind
  description: string
  assessmentScale?: string[]
}

export function listTeams(db: Db): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().orderBy('name').execute()
}

export async function findTeam(db: Db, id: string): Promise<TeamRow | null> {
  return (await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

/** Creates a team with the default category list for its kind. */
export async function createTeam(db: Trx, input: TeamInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('teams')
    .values({
      id,
      name: input.name,
      kind: input.kind,
      description: input.description,
      assessment_scale: JSON.stringify(input.assessmentScale ?? defaultScale),
      created_at: now,
      updated_at: now,
    })
    .execute()
  const categories = defaultCategoriesFor(input.kind)
  if (categories.length > 0) {
    await db
      .insertInto('categories')
      .values(
        categories.map((category, index) => ({
          id: newId(),
          team_id: id,
          name: category.name,
          is_sensitive: toFlag(category.isSensitive),
          default_scope: category.defaultScope,
          sort_order: index + 1,
          retired_at: null,
          created_at: now,
        })),
      )
      .execute()
  }
  return id
}

export async function updateTeam(db: Trx, id: string, input: TeamInput): Promise<void> {
  await db
    .updateTable('teams')
    .set({
      name: input.name,
      kind: input.kind,
      description: input.description,
      ...(input.assessmentScale ? { assessment_scale: JSON.stringify(input.assessmentScale) } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute()
}

// --- memberships

const teamWithActiveRole = prepared((db, p: { userId: string; teamId: string; today: string }) =>
  db
    .selectFrom('team_memberships')
    .innerJoin('teams', 'teams.id', 'team_memberships.team_id')
    .selectAll('teams')
    .select('team_memberships.role')
    .where('team_memberships.user_id', '=', p.userId)
    .where('team_memberships.team_id', '=', p.teamId)
    .where((eb) =>
      eb.or([
        eb('team_memberships.ends_on', 'is', null),
        eb('team_memberships.ends_on', '>=', p.today),
      ]),
    ),
)

/**
 * The team and the user's role in it when the membership gives access on `today`
 * (YYYY-MM-DD, Europe/Stockholm): up to and including its last day, none after.
 * One query, as every team page asks.
 */
export async function findTeamWithActiveRole(
  db: Db,
  userId: string,
  teamId: string,
  today: string,
): Promise<{ team: TeamRow; role: TeamRole } | null> {
  const [row] = await teamWithActiveRole(db, { userId, teamId, today })
  if (!row) return null
  const { role, ...team } = row
  return { team, role }
}

export type MyTeamRow = TeamRow & { role: TeamRole }

export function listActiveTeamsOfUser(db: Db, userId: string, today: string): Promise<MyTeamRow[]> {
  return db
    .selectFrom('team_memberships')
    .innerJoin('teams', 'teams.id', 'team_memberships.team_id')
    .selectAll('teams')
    .select('team_memberships.role')
    .where('team_memberships.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('team_memberships.ends_on', 'is', null),
        eb('team_memberships.ends_on', '>=', today),
      ]),
    )
    .orderBy('teams.name')
    .execute()
}

export type MembershipListRow = TeamMembershipRow & {
  user_name: string
  user_email: string
  agency_id: string
  agency_name: string
}

export function listMemberships(db: Db, teamId: string): Promise<MembershipListRow[]> {
  return db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('team_memberships')
    .select([
      'users.name as user_name',
      'users.email as user_email',
      'users.agency_id',
      'agencies.name as agency_name',
    ])
    .where('team_memberships.team_id', '=', teamId)
    .orderBy('agencies.name')
    .orderBy('users.name')
    .execute()
}

export async function findMembership(
  db: Db,
  teamId: string,
  id: string,
): Promise<TeamMembershipRow | null> {
  return (
    (await db
      .selectFrom('team_memberships')
      .selectAll()
      .where('id', '=', id)
      .where('team_id', '=', teamId)
      .executeTakeFirst()) ?? null
  )
}

export async function isUserInTeam(db: Db, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_memberships')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

export type MembershipInput = { role: TeamRole; endsOn: string | null }

export async function addMembership(
  db: Trx,
  teamId: string,
  userId: string,
  input: MembershipInput,
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('team_memberships')
    .values({
      id,
      team_id: teamId,
      user_id: userId,
      role: input.role,
      ends_on: input.endsOn,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export async function updateMembership(db: Trx, id: string, input: MembershipInput): Promise<void> {
  await db
    .updateTable('team_memberships')
    .set({ role: input.role, ends_on: input.endsOn, updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

export async function removeMembership(db: Trx, id: string): Promise<void> {
  await db.deleteFrom('team_memberships').where('id', '=', id).execute()
}

export type TeamAgencyRow = {
  id: string
  name: string
  kind: AgencyKind
  is_public_authority: number
}

/** The agencies represented in a team today by its active members; `speaking` leaves out those with observers only. */
export function listTeamAgencies(
  db: Db,
  teamId: string,
  today: string,
  speaking = false,
): Promise<TeamAgencyRow[]> {
  let query = db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['agencies.id', 'agencies.name', 'agencies.kind', 'agencies.is_public_authority'])
    .distinct()
    .where('team_memberships.team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        eb('team_memberships.ends_on', 'is', null),
        eb('team_memberships.ends_on', '>=', today),
      ]),
    )
  if (speaking) query = query.where('team_memberships.role', '!=', 'observer')
  return query.orderBy('agencies.name').execute()
}

/** Who may present an agenda item of a meeting: the team's agencies and those of the meeting's guests. */
export async function listPresenterAgencies(
  db: Db,
  teamId: string,
  meetingId: string,
  today: string,
): Promise<TeamAgencyRow[]> {
  const [team, guests] = await Promise.all([
    listTeamAgencies(db, teamId, today),
    db
      .selectFrom('meeting_guest_access as g')
      .innerJoin('users', 'users.id', 'g.user_id')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['agencies.id', 'agencies.name', 'agencies.kind', 'agencies.is_public_authority'])
      .distinct()
      .where('g.meeting_id', '=', meetingId)
      .execute(),
  ])
  const known = new Set(team.map((agency) => agency.id))
  return [...team, ...guests.filter((agency) => !known.has(agency.id))].sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  )
}

// --- areas

export function listAreas(db: Db, teamId: string): Promise<AreaRow[]> {
  return db.selectFrom('areas').selectAll().where('team_id', '=', teamId).orderBy('name').execute()
}

export async function findArea(db: Db, teamId: string, id: string): Promise<AreaRow | null> {
  return (
    (await db
      .selectFrom('areas')
      .selectAll()
      .where('id', '=', id)
      .where('team_id', '=', teamId)
      .executeTakeFirst()) ?? null
  )
}

export async function createArea(db: Trx, teamId: string, name: string): Promise<string> {
  const id = newId()
  await db
    .insertInto('areas')
    .values({ id, team_id: teamId, name, retired_at: null, created_at: nowIso() })
    .execute()
  return id
}

export async function updateArea(
  db: Trx,
  id: string,
  input: { name: string; retired: boolean },
): Promise<void> {
  await db
    .updateTable('areas')
    .set((eb) => ({
      name: input.name,
      retired_at: input.retired ? eb.fn.coalesce('retired_at', eb.val(nowIso())) : null,
    }))
    .where('id', '=', id)
    .execute()
}

// --- categories

export function listCategories(db: Db, teamId: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('categories')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
}

export async function findCategory(
  db: Db,
  teamId: string,
  id: string,
): Promise<CategoryRow | null> {
  return (
    (await db
      .selectFrom('categories')
      .selectAll()
      .where('id', '=', id)
      .where('team_id', '=', teamId)
      .executeTakeFirst()) ?? null
  )
}

export type CategoryInput = { name: string; isSensitive: boolean; defaultScope: SharingScope }

export async function createCategory(
  db: Trx,
  teamId: string,
  input: CategoryInput,
): Promise<string> {
  const id = newId()
  const last = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('team_id', '=', teamId)
    .executeTakeFirst()
  await db
    .insertInto('categories')
    .values({
      id,
      team_id: teamId,
      name: input.name,
      is_sensitive: toFlag(input.isSensitive),
      default_scope: input.defaultScope,
      sort_order: Number(last?.max ?? 0) + 1,
      retired_at: null,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export async function updateCategory(
  db: Trx,
  id: string,
  input: CategoryInput & { retired: boolean },
): Promise<void> {
  await db
    .updateTable('categories')
    .set((eb) => ({
      name: input.name,
      is_sensitive: toFlag(input.isSensitive),
      default_scope: input.defaultScope,
      retired_at: input.retired ? eb.fn.coalesce('retired_at', eb.val(nowIso())) : null,
    }))
    .where('id', '=', id)
    .execute()
}
