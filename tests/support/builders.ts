import { inTransaction } from './in-transaction'
import { enrolSecondFactor } from './second-factor'
import { afterAll, beforeAll } from 'vitest'
import { createAgency } from '../../src/agencies/agency.repository'
import { isPublicAuthorityByDefault, type AgencyKind } from '../../src/agencies/agency.table'
import { hashPassword } from '../../src/auth/password'
import type { Db } from '../../src/db/connect'
import { addMembership, createArea, createTeam } from '../../src/teams/team.repository'
import type { TeamKind, TeamRole } from '../../src/teams/team.table'
import { createUser } from '../../src/users/user.repository'

// Invented names and addresses only; example.se is reserved for examples.
export const testPassword = 'korrekt häst batteri häftklammer'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

// One hash for every test user: argon2id is deliberately slow.
let passwordHash: Promise<string> | null = null

export async function anAgency(
  db: Db,
  overrides: { name?: string; kind?: AgencyKind; isPublicAuthority?: boolean } = {},
) {
  const name = overrides.name ?? `Aktör ${unique()}`
  const kind = overrides.kind ?? 'police'
  const id = await inTransaction(db, (trx) =>
    createAgency(trx, {
      name,
      kind,
      isPublicAuthority: overrides.isPublicAuthority ?? isPublicAuthorityByDefault(kind),
    }),
  )
  return { id, name }
}

export async function aUser(
  db: Db,
  overrides: {
    agencyId?: string
    isAdmin?: boolean
    isAuditor?: boolean
    isLogReviewer?: boolean
    isMunicipalCoordinator?: boolean
    isSteeringGroup?: boolean
    status?: 'active' | 'invited' | 'disabled'
    name?: string
  } = {},
) {
  passwordHash ??= hashPassword(testPassword)
  const agencyId = overrides.agencyId ?? (await anAgency(db)).id
  const email = `person.${unique()}@example.se`
  const id = await inTransaction(db, async (trx) =>
    createUser(trx, {
      email,
      name: overrides.name ?? `Testperson ${unique()}`,
      agencyId,
      status: overrides.status ?? 'active',
      passwordHash: overrides.status === 'invited' ? null : await passwordHash,
      isAdmin: overrides.isAdmin ?? false,
      isAuditor: overrides.isAuditor ?? false,
      isLogReviewer: overrides.isLogReviewer ?? false,
      isMunicipalCoordinator: overrides.isMunicipalCoordinator ?? false,
      isSteeringGroup: overrides.isSteeringGroup ?? false,
    }),
  )
  // Accounts that must have a second factor have one, as after their first sign-in.
  if (overrides.isAdmin || overrides.isAuditor || overrides.isLogReviewer)
    await enrolSecondFactor(db, id, email)
  return { id, email, agencyId, password: testPassword }
}

export async function aTeam(db: Db, overrides: { name?: string; kind?: TeamKind } = {}) {
  const name = overrides.name ?? `Team ${unique()}`
  const id = await inTransaction(db, (trx) =>
    createTeam(trx, {
      name,
      kind: overrides.kind ?? 'est',
      description: 'Ett påhittat team för tester.',
    }),
  )
  return { id, name }
}

export async function aMembership(
  db: Db,
  teamId: string,
  userId: string,
  role: TeamRole = 'member',
  endsOn: string | null = null,
) {
  return inTransaction(db, (trx) => addMembership(trx, teamId, userId, { role, endsOn }))
}

export async function anArea(db: Db, teamId: string, name = `Område ${unique()}`) {
  return { id: await inTransaction(db, (trx) => createArea(trx, teamId, name)), name }
}

export async function aMeeting(
  db: Db,
  teamId: string,
  overrides: {
    status?: import('../../src/meetings/meeting.table').MeetingStatus
    startsInDays?: number
    minutes?: number
  } = {},
) {
  const { createMeeting } = await import('../../src/meetings/meeting.repository')
  const { agendaTemplates } = await import('../../src/agenda/agenda-templates')
  const start = new Date(Date.now() + (overrides.startsInDays ?? 3) * 86_400_000)
  start.setUTCSeconds(0, 0)
  const id = await inTransaction(db, (trx) =>
    createMeeting(
      trx,
      {
        teamId,
        seriesId: null,
        seriesDay: null,
        title: 'Lägesbildsmöte',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + (overrides.minutes ?? 60) * 60_000).toISOString(),
        location: 'Stadshuset, rum 3',
        videoLink: '',
      },
      agendaTemplates.est,
    ),
  )
  if (overrides.status && overrides.status !== 'planned') {
    await db
      .updateTable('meetings')
      .set({ status: overrides.status, called_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute()
  }
  return id
}

/** A team with one member of each role, each from an agency of their own, signed-in clients included. */
export async function aTeamWithRoles(db: Db, app: import('../../src/app').App) {
  const { TestClient } = await import('./client')
  const team = await aTeam(db)
  const roles = ['coordinator', 'chair', 'member', 'observer'] as const
  const people = {} as Record<
    (typeof roles)[number] | 'outsider',
    { id: string; agencyId: string; client: InstanceType<typeof TestClient> }
  >
  for (const role of [...roles, 'outsider' as const]) {
    const user = await aUser(db)
    if (role !== 'outsider') await aMembership(db, team.id, user.id, role)
    const client = new TestClient(app)
    await client.login(user.email, user.password)
    people[role] = { id: user.id, agencyId: user.agencyId, client }
  }
  return { team, ...people }
}

export type TeamWithRoles = Awaited<ReturnType<typeof aTeamWithRoles>>

/**
 * For a test file about one team: a fresh database and app, and a team with one
 * signed-in person per role, created before the file's tests and destroyed after.
 */
export function useTeamWithRoles(): {
  ctx: import('./test-context').TestContext
  t: TeamWithRoles
} {
  const state = {} as { ctx: import('./test-context').TestContext; t: TeamWithRoles }
  beforeAll(async () => {
    const { createTestContext } = await import('./test-context')
    state.ctx = await createTestContext()
    state.t = await aTeamWithRoles(state.ctx.db, state.ctx.app)
  })
  afterAll(async () => state.ctx?.destroy())
  return state
}

/**
 * A random marker of consonants only, to find a test's own texts: random hex can
 * read as a date or a number, and random letters as a name (the personal-data
 * check finds names in lower case), both of which the check rightly stops.
 */
const consonants = 'bcdfghjklmnpqrstvwxz'
export const letterMarker = (length = 8): string =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (byte) => consonants[byte % consonants.length],
  ).join('')
