import { createAgency } from '../../src/agencies/agency.repository'
import type { AgencyKind } from '../../src/agencies/agency.table'
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

export async function anAgency(db: Db, overrides: { name?: string; kind?: AgencyKind; isPublicAuthority?: boolean } = {}) {
  const name = overrides.name ?? `Aktör ${unique()}`
  const id = await createAgency(db, { name, kind: overrides.kind ?? 'police', isPublicAuthority: overrides.isPublicAuthority ?? true })
  return { id, name }
}

export async function aUser(
  db: Db,
  overrides: { agencyId?: string; isAdmin?: boolean; isAuditor?: boolean; status?: 'active' | 'invited' | 'disabled'; name?: string } = {},
) {
  passwordHash ??= hashPassword(testPassword)
  const agencyId = overrides.agencyId ?? (await anAgency(db)).id
  const email = `person.${unique()}@example.se`
  const id = await createUser(db, {
    email,
    name: overrides.name ?? `Testperson ${unique()}`,
    agencyId,
    status: overrides.status ?? 'active',
    passwordHash: overrides.status === 'invited' ? null : await passwordHash,
    isAdmin: overrides.isAdmin ?? false,
    isAuditor: overrides.isAuditor ?? false,
  })
  return { id, email, agencyId, password: testPassword }
}

export async function aTeam(db: Db, overrides: { name?: string; kind?: TeamKind } = {}) {
  const name = overrides.name ?? `Team ${unique()}`
  const id = await createTeam(db, { name, kind: overrides.kind ?? 'est', description: 'Ett påhittat team för tester.' })
  return { id, name }
}

export async function aMembership(db: Db, teamId: string, userId: string, role: TeamRole = 'member', endsOn: string | null = null) {
  return addMembership(db, teamId, userId, { role, endsOn })
}

export async function anArea(db: Db, teamId: string, name = `Område ${unique()}`) {
  return { id: await createArea(db, teamId, name), name }
}
