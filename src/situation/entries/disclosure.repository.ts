import type { Db, Trx } from '../../db/connect'
import { newId, nowIso } from '../../db/ids'
import { addDaysToDay, stockholmDayStart } from '../../i18n/format'
import type { SharingScope } from '../../teams/team.table'

export type NewDisclosure = {
  teamId: string
  entryId: string
  categoryId: string
  fromAgencyId: string
  toAgencyIds: string[]
  scope: SharingScope
  legalBasisId: string
  guideAnswers: Record<string, unknown>
  decidedBy: string
}

/** One record per widening: from whom, to whom, which entry and category, on which basis, decided by whom. Never the text. */
/** A disclosure is recorded with the change that makes it (changes/commit.ts). */
export async function recordDisclosure(db: Trx, input: NewDisclosure): Promise<string> {
  const id = newId()
  await db
    .insertInto('disclosures')
    .values({
      id,
      team_id: input.teamId,
      entry_id: input.entryId,
      category_id: input.categoryId,
      from_agency_id: input.fromAgencyId,
      scope: input.scope,
      legal_basis_id: input.legalBasisId,
      guide_answers: JSON.stringify(input.guideAnswers),
      decided_by: input.decidedBy,
      created_at: nowIso(),
    })
    .execute()
  await db
    .insertInto('disclosure_recipients')
    .values(input.toAgencyIds.map((agency_id) => ({ disclosure_id: id, agency_id })))
    .execute()
  return id
}

export type DisclosureListRow = {
  id: string
  direction: 'sent' | 'received'
  teamId: string
  teamName: string
  /** null once gallring removed the entry */
  entryId: string | null
  categoryName: string
  fromAgencyName: string
  toAgencyNames: string[]
  scope: SharingScope
  basisReference: string
  basisTitle: string
  decidedByName: string | null
  createdAt: string
}

/**
 * An agency's disclosures, sent and received, newest first, within the teams
 * given (those the viewer is a member of: a team's existence is for its members).
 */
export async function listDisclosuresOfAgency(
  db: Db,
  agencyId: string,
  teamIds: string[],
  limit = 200,
  period: { from: string | null; to: string | null } = { from: null, to: null },
): Promise<DisclosureListRow[]> {
  if (teamIds.length === 0) return []
  let query = db
    .selectFrom('disclosures as d')
    .innerJoin('teams', 'teams.id', 'd.team_id')
    .innerJoin('categories', 'categories.id', 'd.category_id')
    .innerJoin('agencies as source', 'source.id', 'd.from_agency_id')
    .innerJoin('legal_bases', 'legal_bases.id', 'd.legal_basis_id')
    .innerJoin('users', 'users.id', 'd.decided_by')
    .select([
      'd.id',
      'd.team_id',
      'teams.name as team_name',
      'd.entry_id',
      'categories.name as category_name',
      'd.from_agency_id',
      'source.name as from_agency_name',
      'd.scope',
      'legal_bases.reference as basis_reference',
      'legal_bases.title as basis_title',
      'users.name as decided_by_name',
      'users.agency_id as decided_by_agency_id',
      'd.created_at',
    ])
    .where('d.team_id', 'in', teamIds)
    .where((eb) =>
      eb.or([
        eb('d.from_agency_id', '=', agencyId),
        eb.exists(
          eb
            .selectFrom('disclosure_recipients as dr')
            .select('dr.disclosure_id')
            .whereRef('dr.disclosure_id', '=', 'd.id')
            .where('dr.agency_id', '=', agencyId),
        ),
      ]),
    )
  // Days are Stockholm days: from the first day's start, before the day after the last.
  if (period.from) query = query.where('d.created_at', '>=', stockholmDayStart(period.from))
  if (period.to)
    query = query.where('d.created_at', '<', stockholmDayStart(addDaysToDay(period.to, 1)))
  const rows = await query.orderBy('d.created_at', 'desc').limit(limit).execute()
  const recipients = new Map<string, string[]>()
  if (rows.length > 0) {
    const found = await db
      .selectFrom('disclosure_recipients as dr')
      .innerJoin('agencies', 'agencies.id', 'dr.agency_id')
      .select(['dr.disclosure_id', 'agencies.name'])
      .where(
        'dr.disclosure_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('agencies.name')
      .execute()
    for (const row of found)
      recipients.set(row.disclosure_id, [...(recipients.get(row.disclosure_id) ?? []), row.name])
  }
  return rows.map((row) => {
    const sent = row.from_agency_id === agencyId
    return {
      id: row.id,
      direction: sent ? 'sent' : 'received',
      teamId: row.team_id,
      teamName: row.team_name,
      entryId: row.entry_id,
      categoryName: row.category_name,
      fromAgencyName: row.from_agency_name,
      toAgencyNames: recipients.get(row.id) ?? [],
      scope: row.scope,
      basisReference: row.basis_reference,
      basisTitle: row.basis_title,
      // Who decided is the sending agency's matter; recipients see the agency.
      decidedByName: sent && row.decided_by_agency_id === agencyId ? row.decided_by_name : null,
      createdAt: row.created_at,
    }
  })
}

/** Gallring: the guide's answers go; who disclosed what to whom, on which basis, stays. */
export async function blankGuideAnswers(db: Trx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0
  const result = await db
    .updateTable('disclosures')
    .set({ guide_answers: '{}' })
    .where('id', 'in', ids)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Gallring: disclosures of the team made before `before` (whether their entry
 * is still there or not); with `withAnswers`, only those whose guide answers are still kept.
 */
export async function disclosureIdsBefore(
  db: Db,
  teamId: string,
  before: string,
  limit: number,
  withAnswers = false,
): Promise<string[]> {
  let query = db
    .selectFrom('disclosures')
    .select('id')
    .where('team_id', '=', teamId)
    .where('created_at', '<', before)
  if (withAnswers) query = query.where('guide_answers', '<>', '{}')
  const rows = await query.limit(limit).execute()
  return rows.map((row) => row.id)
}
