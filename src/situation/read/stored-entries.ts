// The raw queries behind the read door (index.ts): every field of every entry, for no one in
// particular. Nothing outside src/situation/read/ may import this file (a test checks).
import { sql } from 'kysely'
import type { StoredEntry } from '../../access/entry-policy'
import type { Db } from '../../db/connect'
import { prepared } from '../../db/prepared'
import type { TeamRole } from '../../teams/team.table'
import type { OverviewFilter } from '../overview/overview-filter'

function baseQuery(db: Db) {
  return db
    .selectFrom('situation_entries as e')
    .innerJoin('areas', 'areas.id', 'e.area_id')
    .innerJoin('categories', 'categories.id', 'e.category_id')
    .innerJoin('agencies as source', 'source.id', 'e.source_agency_id')
    .leftJoin('legal_bases', 'legal_bases.id', 'e.legal_basis_id')
    .leftJoin('meetings', 'meetings.id', 'e.meeting_id')
    .select([
      'e.id',
      'e.team_id',
      'e.meeting_id',
      'e.area_id',
      'e.category_id',
      'e.period_from',
      'e.period_to',
      'e.week',
      'e.event_count',
      'e.trend',
      'e.description',
      'e.own_reference',
      'e.source_agency_id',
      'e.scope',
      'e.legal_basis_id',
      'e.withdrawn_at',
      'e.created_at',
      'e.updated_at',
      'areas.name as area_name',
      'categories.name as category_name',
      'categories.is_sensitive',
      'source.name as source_agency_name',
      'legal_bases.title as legal_basis_title',
      'legal_bases.allows_private_recipients',
      'meetings.status as meeting_status',
    ])
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

async function withRecipients(db: Db, rows: BaseRow[]): Promise<StoredEntry[]> {
  const recipients = new Map<string, { id: string; name: string }[]>()
  // In chunks: SQLite allows a limited number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((row) => row.id)
    const found = await db
      .selectFrom('situation_entry_recipients as r')
      .innerJoin('agencies', 'agencies.id', 'r.agency_id')
      .select(['r.entry_id', 'agencies.id', 'agencies.name'])
      .where('r.entry_id', 'in', ids)
      .orderBy('agencies.name')
      .execute()
    for (const row of found) {
      const list = recipients.get(row.entry_id) ?? []
      list.push({ id: row.id, name: row.name })
      recipients.set(row.entry_id, list)
    }
  }
  return rows.map((row) => {
    const listed = recipients.get(row.id) ?? []
    return {
      id: row.id,
      teamId: row.team_id,
      meetingId: row.meeting_id,
      meetingApproved: row.meeting_status === 'approved',
      areaId: row.area_id,
      areaName: row.area_name,
      categoryId: row.category_id,
      categoryName: row.category_name,
      categorySensitive: row.is_sensitive === 1,
      week: row.week,
      trend: row.trend,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      eventCount: row.event_count,
      description: row.description,
      ownReference: row.own_reference,
      sourceAgencyId: row.source_agency_id,
      sourceAgencyName: row.source_agency_name,
      scope: row.scope,
      recipients: listed,
      recipientAgencyIds: listed.map((r) => r.id),
      basisAllowsPrivateRecipients: row.allows_private_recipients === 1,
      legalBasisId: row.legal_basis_id,
      legalBasisTitle: row.legal_basis_title,
      withdrawn: row.withdrawn_at !== null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  })
}

export async function findStoredEntry(db: Db, id: string): Promise<StoredEntry | null> {
  const row = await baseQuery(db).where('e.id', '=', id).executeTakeFirst()
  return row ? (await withRecipients(db, [row]))[0]! : null
}

/** The entries of a meeting's situation picture, by area and category. */
export async function listStoredOfMeeting(db: Db, meetingId: string): Promise<StoredEntry[]> {
  const rows = await baseQuery(db)
    .where('e.meeting_id', '=', meetingId)
    .orderBy('areas.name')
    .orderBy('categories.sort_order')
    .orderBy('e.created_at')
    .execute()
  return withRecipients(db, rows)
}

/** Who lists or counts a team's entries, as the SQL needs it: the agency, and whether they sit as an observer. */
export type ListingViewer = { agencyId: string; observer: boolean; publicAuthority: boolean }

export const listingViewerOf = (
  viewer: { agencyId: string; agencyIsPublicAuthority: boolean },
  role: TeamRole,
): ListingViewer => ({
  agencyId: viewer.agencyId,
  observer: role === 'observer',
  publicAuthority: viewer.agencyIsPublicAuthority,
})

export type EntryFilter = {
  areaId?: string | null
  categoryId?: string | null
  week?: string | null
  limit: number
  offset: number
}

/**
 * A team's entries that `viewer` may see at least as a stub, newest period
 * first. The SQL leaves out what the policy would answer "nothing" for
 * (`own` entries of other agencies not listing the viewer's, everything
 * withdrawn by others, `own` for observers), so that paging and counting hold;
 * the policy still decides what of each row is shown.
 */
export async function listStoredOfTeam(
  db: Db,
  teamId: string,
  viewer: ListingViewer,
  filter: EntryFilter,
): Promise<StoredEntry[]> {
  let query = baseQuery(db).where('e.team_id', '=', teamId)
  query = query.where((eb) => {
    // A private actor is a recipient only under a basis that allows private recipients (the policy's rule).
    const listed = eb.exists(
      eb
        .selectFrom('situation_entry_recipients as r')
        .select('r.entry_id')
        .whereRef('r.entry_id', '=', 'e.id')
        .where('r.agency_id', '=', viewer.agencyId),
    )
    const listsViewer = viewer.publicAuthority
      ? listed
      : eb.and([listed, eb('legal_bases.allows_private_recipients', '=', 1)])
    const seenByOthers = eb.and([
      eb('e.withdrawn_at', 'is', null),
      viewer.observer
        ? eb('e.scope', '!=', 'own')
        : eb.or([eb('e.scope', '!=', 'own'), listsViewer]),
    ])
    return viewer.observer
      ? seenByOthers
      : eb.or([eb('e.source_agency_id', '=', viewer.agencyId), seenByOthers])
  })
  if (filter.areaId) query = query.where('e.area_id', '=', filter.areaId)
  if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId)
  if (filter.week) query = query.where('e.week', '=', filter.week)
  const rows = await query
    .orderBy('e.week', 'desc')
    .orderBy('e.created_at', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
  return withRecipients(db, rows)
}

export type VisibleCount = {
  week: string
  areaId: string
  categoryId: string
  count: number
  ownCount: number
}

/**
 * What the viewer may count per week × area × category between two weeks: the
 * weekly cells' shared entries, the `own` entries of the viewer's agency, and
 * (below) the `own` entries of others that list the viewer's agency. Rows of
 * the same cell may come twice; callers add them up.
 */
export async function visibleCounts(
  db: Db,
  teamId: string,
  viewer: ListingViewer,
  first: string,
  last: string,
  filter: Omit<OverviewFilter, 'weeks'>,
): Promise<VisibleCount[]> {
  const agency = viewer.observer ? '' : viewer.agencyId
  let counts = db
    .selectFrom('situation_cells')
    .select([
      'week',
      'area_id',
      'category_id',
      sql<number>`sum(shared_entries + case when source_agency_id = ${agency} then own_entries else 0 end)`.as(
        'visible',
      ),
      sql<number>`sum(case when source_agency_id = ${agency} then shared_entries + own_entries else 0 end)`.as(
        'own',
      ),
    ])
    .where('team_id', '=', teamId)
    .where('week', '>=', first)
    .where('week', '<=', last)
  if (filter.areaId) counts = counts.where('area_id', '=', filter.areaId)
  if (filter.categoryId) counts = counts.where('category_id', '=', filter.categoryId)
  if (filter.sourceKind) counts = counts.where('source_kind', '=', filter.sourceKind)
  const [rows, received] = await Promise.all([
    counts.groupBy(['week', 'area_id', 'category_id']).execute(),
    viewer.observer
      ? Promise.resolve([])
      : receivedOwnEntries(db, teamId, viewer, first, last, filter),
  ])
  return [
    ...rows
      .filter((row) => Number(row.visible) > 0)
      .map((row) => ({
        week: row.week,
        areaId: row.area_id,
        categoryId: row.category_id,
        count: Number(row.visible),
        ownCount: Number(row.own),
      })),
    ...received.map((row) => ({
      week: row.week,
      areaId: row.area_id,
      categoryId: row.category_id,
      count: Number(row.n),
      ownCount: 0,
    })),
  ]
}

/** `own` entries of other agencies that list the viewer's agency: the stubs it may count. */
function receivedOwnEntries(
  db: Db,
  teamId: string,
  viewer: ListingViewer,
  first: string,
  last: string,
  filter: Omit<OverviewFilter, 'weeks'>,
) {
  let query = db
    .selectFrom('situation_entry_recipients as r')
    .innerJoin('situation_entries as e', 'e.id', 'r.entry_id')
    .innerJoin('agencies as a', 'a.id', 'e.source_agency_id')
    .leftJoin('legal_bases as lb', 'lb.id', 'e.legal_basis_id')
    .select(['e.week', 'e.area_id', 'e.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.agency_id', '=', viewer.agencyId)
    .where('e.team_id', '=', teamId)
    .where('e.scope', '=', 'own')
    .where('e.withdrawn_at', 'is', null)
    .where('e.week', '>=', first)
    .where('e.week', '<=', last)
  if (filter.areaId) query = query.where('e.area_id', '=', filter.areaId)
  if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId)
  if (filter.sourceKind) query = query.where('a.kind', '=', filter.sourceKind)
  // A private actor is a recipient only under a basis that allows private recipients.
  if (!viewer.publicAuthority) query = query.where('lb.allows_private_recipients', '=', 1)
  return query.groupBy(['e.week', 'e.area_id', 'e.category_id']).execute()
}

const idByIdempotencyKey = prepared((db, p: { authorUserId: string; key: string }) =>
  db
    .selectFrom('situation_entries')
    .select('id')
    .where('author_user_id', '=', p.authorUserId)
    .where('idempotency_key', '=', p.key),
)

export async function findIdByIdempotencyKey(
  db: Db,
  authorUserId: string,
  key: string,
): Promise<string | null> {
  const [row] = await idByIdempotencyKey(db, { authorUserId, key })
  return row?.id ?? null
}

/** The author's last area and category in this team, which the next entry form starts from. */
export async function findLastAreaAndCategory(
  db: Db,
  authorUserId: string,
  teamId: string,
): Promise<{ areaId: string; categoryId: string } | null> {
  const row = await db
    .selectFrom('situation_entries')
    .select(['area_id', 'category_id'])
    .where('author_user_id', '=', authorUserId)
    .where('team_id', '=', teamId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { areaId: row.area_id, categoryId: row.category_id } : null
}

export async function entryLabels(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { areaName: string; week: string }>> {
  const labels = new Map<string, { areaName: string; week: string }>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('situation_entries as e')
      .innerJoin('areas', 'areas.id', 'e.area_id')
      .select(['e.id', 'e.week', 'areas.name as area_name'])
      .where('e.id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const row of rows) labels.set(row.id, { areaName: row.area_name, week: row.week })
  }
  return labels
}

/** The team's sensitive categories, whose small counts read "<3". */
/** One cell of the municipality's picture over a span of weeks: every team's shared entries and events. */
export type MunicipalCount = {
  teamId: string
  teamName: string
  areaId: string
  areaName: string
  categoryId: string
  categoryName: string
  sensitive: boolean
  entries: number
  events: number
}

/**
 * Every team's cells summed over the weeks `first`…`last`, per area and
 * category: shared entries only (an agency's own-scope entries stay its own).
 */
export async function municipalCounts(
  db: Db,
  first: string,
  last: string,
): Promise<MunicipalCount[]> {
  const rows = await db
    .selectFrom('situation_cells')
    .innerJoin('teams', 'teams.id', 'situation_cells.team_id')
    .innerJoin('areas', 'areas.id', 'situation_cells.area_id')
    .innerJoin('categories', 'categories.id', 'situation_cells.category_id')
    .select([
      'situation_cells.team_id',
      'teams.name as team_name',
      'situation_cells.area_id',
      'areas.name as area_name',
      'situation_cells.category_id',
      'categories.name as category_name',
      'categories.is_sensitive',
      'categories.sort_order',
      sql<number>`sum(situation_cells.shared_entries)`.as('entries'),
      sql<number>`sum(situation_cells.events)`.as('events'),
    ])
    .where('situation_cells.week', '>=', first)
    .where('situation_cells.week', '<=', last)
    .groupBy([
      'situation_cells.team_id',
      'teams.name',
      'situation_cells.area_id',
      'areas.name',
      'situation_cells.category_id',
      'categories.name',
      'categories.is_sensitive',
      'categories.sort_order',
    ])
    .orderBy('teams.name')
    .orderBy('areas.name')
    .orderBy('categories.sort_order')
    .orderBy('categories.name')
    .execute()
  return rows
    .filter((row) => Number(row.entries) > 0)
    .map((row) => ({
      teamId: row.team_id,
      teamName: row.team_name,
      areaId: row.area_id,
      areaName: row.area_name,
      categoryId: row.category_id,
      categoryName: row.category_name,
      sensitive: row.is_sensitive === 1,
      entries: Number(row.entries),
      events: Number(row.events),
    }))
}

export async function sensitiveCategoryIds(db: Db, teamId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('categories')
    .select('id')
    .where('team_id', '=', teamId)
    .where('is_sensitive', '=', 1)
    .execute()
  return new Set(rows.map((row) => row.id))
}
