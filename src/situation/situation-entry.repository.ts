import type { Kysely, Transaction } from 'kysely'
import type { StoredEntry } from '../access/entry-policy'
import type { Database } from '../db/database'
import { newId, nowIso } from '../db/ids'
import type { SharingScope, TeamRole } from '../teams/team.table'
import type { Trend } from './situation-entry.table'

type Db = Kysely<Database> | Transaction<Database>

export type EntryInput = {
  areaId: string
  categoryId: string
  periodFrom: string
  periodTo: string
  week: string
  eventCount: number | null
  trend: Trend
  description: string
  ownReference: string
  scope: SharingScope
  recipientAgencyIds: string[]
  legalBasisId: string | null
}

export type NewEntry = EntryInput & { teamId: string; meetingId: string | null; sourceAgencyId: string; authorUserId: string; idempotencyKey: string }

const entryColumns = (input: EntryInput) => ({
  area_id: input.areaId,
  category_id: input.categoryId,
  period_from: input.periodFrom,
  period_to: input.periodTo,
  week: input.week,
  event_count: input.eventCount,
  trend: input.trend,
  description: input.description,
  own_reference: input.ownReference,
  scope: input.scope,
  legal_basis_id: input.legalBasisId,
})

export async function createEntry(db: Db, input: NewEntry): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('situation_entries')
    .values({
      id,
      team_id: input.teamId,
      meeting_id: input.meetingId,
      ...entryColumns(input),
      source_agency_id: input.sourceAgencyId,
      author_user_id: input.authorUserId,
      idempotency_key: input.idempotencyKey,
      withdrawn_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await setRecipients(db, id, input.recipientAgencyIds)
  return id
}

export async function updateEntry(db: Db, id: string, input: EntryInput): Promise<void> {
  await db
    .updateTable('situation_entries')
    .set({ ...entryColumns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
  await db.deleteFrom('situation_entry_recipients').where('entry_id', '=', id).execute()
  await setRecipients(db, id, input.recipientAgencyIds)
}

async function setRecipients(db: Db, entryId: string, agencyIds: string[]): Promise<void> {
  if (agencyIds.length === 0) return
  await db
    .insertInto('situation_entry_recipients')
    .values(agencyIds.map((agency_id) => ({ entry_id: entryId, agency_id })))
    .execute()
}

export async function withdrawEntry(db: Db, id: string): Promise<void> {
  const now = nowIso()
  await db.updateTable('situation_entries').set({ withdrawn_at: now, updated_at: now }).where('id', '=', id).execute()
}

export async function findEntryIdByIdempotencyKey(db: Db, authorUserId: string, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('situation_entries')
    .select('id')
    .where('author_user_id', '=', authorUserId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  return row?.id ?? null
}

/** The author's last area and category in this team, which the next entry form starts from. */
export async function lastAreaAndCategory(db: Db, authorUserId: string, teamId: string): Promise<{ areaId: string; categoryId: string } | null> {
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

export async function findEntry(db: Db, id: string): Promise<StoredEntry | null> {
  const row = await baseQuery(db).where('e.id', '=', id).executeTakeFirst()
  return row ? (await withRecipients(db, [row]))[0]! : null
}

/** The entries of a meeting's situation picture, by area and category. */
export async function listEntriesOfMeeting(db: Db, meetingId: string): Promise<StoredEntry[]> {
  const rows = await baseQuery(db)
    .where('e.meeting_id', '=', meetingId)
    .orderBy('areas.name')
    .orderBy('categories.sort_order')
    .orderBy('e.created_at')
    .execute()
  return withRecipients(db, rows)
}

/** Who lists or counts a team's entries, as the SQL needs it: the agency, and whether they sit as an observer. */
export type ListingViewer = { agencyId: string; observer: boolean }

export const listingViewerOf = (viewer: { agencyId: string }, role: TeamRole): ListingViewer => ({ agencyId: viewer.agencyId, observer: role === 'observer' })

export type EntryFilter = { areaId?: string | null; categoryId?: string | null; week?: string | null; limit: number; offset: number }

/**
 * A team's entries that `viewer` may see at least as a stub, newest period
 * first. The SQL leaves out what the policy would answer "nothing" for
 * (`own` entries of other agencies not listing the viewer's, everything
 * withdrawn by others, `own` for observers), so that paging and counting hold;
 * the policy still decides what of each row is shown.
 */
export async function listEntriesOfTeam(db: Db, teamId: string, viewer: ListingViewer, filter: EntryFilter): Promise<StoredEntry[]> {
  let query = baseQuery(db).where('e.team_id', '=', teamId)
  query = query.where((eb) => {
    const listsViewer = eb.exists(
      eb.selectFrom('situation_entry_recipients as r').select('r.entry_id').whereRef('r.entry_id', '=', 'e.id').where('r.agency_id', '=', viewer.agencyId),
    )
    const seenByOthers = eb.and([eb('e.withdrawn_at', 'is', null), viewer.observer ? eb('e.scope', '!=', 'own') : eb.or([eb('e.scope', '!=', 'own'), listsViewer])])
    return viewer.observer ? seenByOthers : eb.or([eb('e.source_agency_id', '=', viewer.agencyId), seenByOthers])
  })
  if (filter.areaId) query = query.where('e.area_id', '=', filter.areaId)
  if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId)
  if (filter.week) query = query.where('e.week', '=', filter.week)
  const rows = await query.orderBy('e.week', 'desc').orderBy('e.created_at', 'desc').limit(filter.limit).offset(filter.offset).execute()
  return withRecipients(db, rows)
}
