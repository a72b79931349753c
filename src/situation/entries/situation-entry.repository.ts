import { PostgresAdapter, sql } from 'kysely'
import type { Db, Trx } from '../../db/connect'
import { newId, nowIso } from '../../db/ids'
import { prepared } from '../../db/prepared'
import type { SharingScope } from '../../teams/team.table'
import {
  addEntryToCell,
  addToCellsFrom,
  cellKeyOf,
  refreshCells,
  type CellKey,
} from '../situation-cells'
import type { SituationEntryRow, Trend } from '../situation-entry.table'

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

export type NewEntry = EntryInput & {
  teamId: string
  meetingId: string | null
  sourceAgencyId: string
  authorUserId: string
  idempotencyKey: string
}

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

const entryInsert = (db: Db | Trx, p: SituationEntryRow) =>
  db.insertInto('situation_entries').values({
    id: p.id,
    team_id: p.team_id,
    meeting_id: p.meeting_id,
    area_id: p.area_id,
    category_id: p.category_id,
    period_from: p.period_from,
    period_to: p.period_to,
    week: p.week,
    event_count: p.event_count,
    trend: p.trend,
    description: p.description,
    own_reference: p.own_reference,
    scope: p.scope,
    legal_basis_id: p.legal_basis_id,
    source_agency_id: p.source_agency_id,
    author_user_id: p.author_user_id,
    idempotency_key: p.idempotency_key,
    withdrawn_at: p.withdrawn_at,
    created_at: p.created_at,
    updated_at: p.updated_at,
  })

// Every save runs one of these; built once (src/db/prepared.ts).
const insertEntry = prepared(entryInsert)
/**
 * PostgreSQL: the entry and its cell in one statement, so a save makes one round trip
 * fewer, and the cell's row (which concurrent saves to it wait for) is locked later.
 */
const insertEntryWithCell = prepared((db, p: SituationEntryRow) => {
  const statement = sql`with new_entry as (${entryInsert(db, p).returningAll()}) ${addToCellsFrom(sql`new_entry`, sql``)}`
  return { compile: () => statement.compile(db) }
})

/** Saves a new entry and counts it in its weekly cell, in the change's transaction. */
export async function createEntry(db: Trx, input: NewEntry): Promise<string> {
  const id = newId()
  const now = nowIso()
  const row: SituationEntryRow = {
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
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await insertEntryWithCell(db, row)
    await setRecipients(db, id, input.recipientAgencyIds)
  } else {
    await insertEntry(db, row)
    await setRecipients(db, id, input.recipientAgencyIds)
    await addEntryToCell(db, id)
  }
  return id
}

type EntryBefore = CellKey & { id: string }

/** Changes an entry and counts again the cells it left and the one it is in now. */
export async function updateEntry(db: Trx, before: EntryBefore, input: EntryInput): Promise<void> {
  await db
    .updateTable('situation_entries')
    .set({ ...entryColumns(input), updated_at: nowIso() })
    .where('id', '=', before.id)
    .execute()
  await db.deleteFrom('situation_entry_recipients').where('entry_id', '=', before.id).execute()
  await setRecipients(db, before.id, input.recipientAgencyIds)
  await refreshCells(db, [cellKeyOf(before), cellKeyOf({ ...before, ...input })])
}

async function setRecipients(db: Trx, entryId: string, agencyIds: string[]): Promise<void> {
  if (agencyIds.length === 0) return
  await db
    .insertInto('situation_entry_recipients')
    .values(agencyIds.map((agency_id) => ({ entry_id: entryId, agency_id })))
    .execute()
}

/** Withdraws an entry: it stays stored (and logged) but is counted no more. */
export async function withdrawEntry(db: Trx, entry: EntryBefore): Promise<void> {
  const now = nowIso()
  await db
    .updateTable('situation_entries')
    .set({ withdrawn_at: now, updated_at: now })
    .where('id', '=', entry.id)
    .execute()
  await refreshCells(db, [cellKeyOf(entry)])
}

/**
 * Gallring: removes entries (their recipients and disclosures go with them).
 * The weekly cells are left as they are on purpose: the counts of the past
 * stay when the entries behind them are gone.
 */
export async function deleteExpiredEntries(db: Trx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0
  const result = await db.deleteFrom('situation_entries').where('id', 'in', ids).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Gallring: a resent form is no longer recognised by its key; the entry keeps its own id in its place. */
export async function forgetIdempotencyKeys(db: Trx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0
  const result = await db
    .updateTable('situation_entries')
    .set((eb) => ({ idempotency_key: eb.ref('id') }))
    .where('id', 'in', ids)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
