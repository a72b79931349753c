import { inTransaction } from './in-transaction'
import type { App } from '../../src/app'
import type { AgencyKind } from '../../src/agencies/agency.table'
import type { Db } from '../../src/db/connect'
import { createCategory } from '../../src/teams/team.repository'
import { aMembership, anAgency, anArea, aTeam, aUser } from './builders'
import { TestClient } from './client'
import { inDays } from './days'

/** Every kind of viewer the visibility rules of product.md §5 distinguish. */
export const viewerKinds = [
  'social',
  'police',
  'housing',
  'school',
  'observer',
  'admin',
  'auditor',
  'former',
  'outsider',
] as const
export type ViewerKind = (typeof viewerKinds)[number]

const yesterday = () => inDays(-2)

/**
 * An EST team as a municipality has one: social services, the police, a
 * housing company (a private actor), a school, an observer; a coordinator who
 * also chairs; an admin and an auditor outside it; a former member of the
 * police and someone from another team. Every person signed in.
 */
export async function aSituationTeam(db: Db, app: App) {
  const team = await aTeam(db, { kind: 'est' })
  const area = await anArea(db, team.id, `Centrum ${team.id.slice(0, 6)}`)
  const otherArea = await anArea(db, team.id, `Norra ${team.id.slice(0, 6)}`)
  const agency = async (kind: AgencyKind, isPublicAuthority = true) =>
    anAgency(db, { kind, isPublicAuthority, name: `${kind} ${crypto.randomUUID().slice(0, 8)}` })
  const agencies = {
    social: await agency('social_services'),
    police: await agency('police'),
    housing: await agency('housing', false),
    school: await agency('school'),
    safety: await agency('municipal_safety'),
    other: await agency('other'),
  }
  const person = async (
    agencyId: string,
    role: 'coordinator' | 'chair' | 'member' | 'observer' | null,
    extra: { isAdmin?: boolean; isAuditor?: boolean; endsOn?: string } = {},
  ) => {
    const user = await aUser(db, { agencyId, isAdmin: extra.isAdmin, isAuditor: extra.isAuditor })
    if (role) await aMembership(db, team.id, user.id, role, extra.endsOn ?? null)
    const client = new TestClient(app)
    await client.login(user.email, user.password)
    return { id: user.id, agencyId, client, email: user.email, password: user.password }
  }
  const people = {
    chair: await person(agencies.safety.id, 'chair'),
    social: await person(agencies.social.id, 'member'),
    police: await person(agencies.police.id, 'member'),
    housing: await person(agencies.housing.id, 'member'),
    school: await person(agencies.school.id, 'member'),
    observer: await person(agencies.other.id, 'observer'),
    admin: await person(agencies.safety.id, null, { isAdmin: true }),
    auditor: await person(agencies.safety.id, null, { isAuditor: true }),
    former: await person(agencies.police.id, 'member', { endsOn: yesterday() }),
    outsider: await person(agencies.school.id, null),
  }
  await inTransaction(db, (trx) =>
    createCategory(trx, team.id, {
      name: 'Radikaliseringssignaler',
      isSensitive: true,
      defaultScope: 'agencies',
    }),
  )
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'name', 'is_sensitive', 'default_scope'])
    .where('team_id', '=', team.id)
    .orderBy('sort_order')
    .execute()
  const plain = categories.find((c) => c.is_sensitive === 0)!
  const bases = Object.fromEntries(
    (await db.selectFrom('legal_bases').select(['id', 'code']).execute()).map((b) => [
      b.code,
      b.id,
    ]),
  ) as Record<string, string>
  return { team, area, otherArea, agencies, people, categories, plain, bases }
}

export type SituationTeam = Awaited<ReturnType<typeof aSituationTeam>>

const today = () => inDays(0)
const daysAgo = (n: number) => inDays(-n)

/** A valid entry form for the team; override any field. */
export function entryForm(
  t: SituationTeam,
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    idempotencyKey: crypto.randomUUID(),
    areaId: t.area.id,
    categoryId: t.plain.id,
    periodFrom: daysAgo(6),
    periodTo: today(),
    eventCount: '2',
    trend: 'increasing',
    description: 'Grupp om fem ungdomar samlas vid busshållplatsen på kvällarna',
    ownReference: '',
    scope: 'team',
    ...overrides,
  }
}

/** The answers that make the guide propose "no secret information" (anonymised place or group). */
export const anonymousAnswers = { guideIdentifiable: 'no' }
/** The answers for an identifiable person, with consent from the person. */
export const consentAnswers = {
  guideIdentifiable: 'yes',
  guideUnder18: 'no',
  guideUnder21: 'no',
  guideConsent: 'yes',
  guideConsentBy: 'person',
  guidePurpose: 'none',
}

/**
 * Reports an entry as a member does: fills the form on /team/:id/poster/ny and
 * saves; with a legal basis, first presses the guide's button and picks the
 * basis among those the answer page proposes.
 */
export async function reportEntry(
  client: TestClient,
  teamId: string,
  form: Record<string, string | string[]>,
) {
  const { legalBasisId, ...fields } = form
  const options = { action: `/team/${teamId}/poster` }
  if (legalBasisId === undefined) return client.submit(`/team/${teamId}/poster/ny`, fields, options)
  const guide = await client.submit(`/team/${teamId}/poster/ny`, fields, {
    ...options,
    button: 'guide',
  })
  return client.submitOn(await guide.text(), `/team/${teamId}/poster/ny`, { legalBasisId }, options)
}

/** Changes an entry as its agency does, through the form on /poster/:id/andra (with the guide's step for a basis). */
export async function editEntry(
  client: TestClient,
  entryId: string,
  form: Record<string, string | string[]>,
) {
  const { legalBasisId, idempotencyKey: _key, ...fields } = form
  const page = `/poster/${entryId}/andra`
  const options = { action: `/poster/${entryId}` }
  if (legalBasisId === undefined) return client.submit(page, fields, options)
  const guide = await client.submit(page, fields, { ...options, button: 'guide' })
  return client.submitOn(await guide.text(), page, { legalBasisId }, options)
}
