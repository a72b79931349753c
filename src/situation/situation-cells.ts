import { sql, type RawBuilder } from 'kysely'
import type { Db, Trx } from '../db/connect'
import { prepared } from '../db/prepared'

export type CellKey = {
  teamId: string
  week: string
  areaId: string
  categoryId: string
  sourceAgencyId: string
}

export const cellKeyOf = (entry: {
  teamId: string
  week: string
  areaId: string
  categoryId: string
  sourceAgencyId: string
}): CellKey => ({
  teamId: entry.teamId,
  week: entry.week,
  areaId: entry.areaId,
  categoryId: entry.categoryId,
  sourceAgencyId: entry.sourceAgencyId,
})

/**
 * Counts the cells an entry write touched again from the entries themselves,
 * in the write's transaction: exact whatever the change (a move to another
 * week or area, a narrowing, a withdrawal), and cheap by the entries' index.
 */
export async function refreshCells(db: Trx, keys: readonly CellKey[]): Promise<void> {
  const unique = new Map(
    keys.map((key) => [
      `${key.teamId}|${key.week}|${key.areaId}|${key.categoryId}|${key.sourceAgencyId}`,
      key,
    ]),
  )
  for (const key of unique.values()) {
    await db
      .deleteFrom('situation_cells')
      .where('team_id', '=', key.teamId)
      .where('week', '=', key.week)
      .where('area_id', '=', key.areaId)
      .where('category_id', '=', key.categoryId)
      .where('source_agency_id', '=', key.sourceAgencyId)
      .execute()
    await insertCells(
      db,
      sql`and e.team_id = ${key.teamId} and e.week = ${key.week} and e.area_id = ${key.areaId} and e.category_id = ${key.categoryId} and e.source_agency_id = ${key.sourceAgencyId}`,
    )
  }
}

/**
 * Adds the entries `source` holds (a table or a statement's result, as `e`) to
 * their cells; `where` narrows them (`and …`).
 */
export const addToCellsFrom = (source: RawBuilder<unknown>, where: RawBuilder<unknown>) => sql`
    insert into situation_cells (team_id, week, area_id, category_id, source_agency_id, source_kind, shared_entries, own_entries, events, increasing, unchanged, decreasing, uncertain)
    select e.team_id, e.week, e.area_id, e.category_id, e.source_agency_id, a.kind,
      case when e.scope <> 'own' then 1 else 0 end,
      case when e.scope = 'own' then 1 else 0 end,
      case when e.scope <> 'own' then coalesce(e.event_count, 0) else 0 end,
      case when e.scope <> 'own' and e.trend = 'increasing' then 1 else 0 end,
      case when e.scope <> 'own' and e.trend = 'unchanged' then 1 else 0 end,
      case when e.scope <> 'own' and e.trend = 'decreasing' then 1 else 0 end,
      case when e.scope <> 'own' and e.trend = 'uncertain' then 1 else 0 end
    from ${source} e join agencies a on a.id = e.source_agency_id
    where e.withdrawn_at is null ${where}
    on conflict (team_id, week, area_id, category_id, source_agency_id) do update set
      shared_entries = situation_cells.shared_entries + excluded.shared_entries,
      own_entries = situation_cells.own_entries + excluded.own_entries,
      events = situation_cells.events + excluded.events,
      increasing = situation_cells.increasing + excluded.increasing,
      unchanged = situation_cells.unchanged + excluded.unchanged,
      decreasing = situation_cells.decreasing + excluded.decreasing,
      uncertain = situation_cells.uncertain + excluded.uncertain
  `

// Every save on SQLite runs this; built once (src/db/prepared.ts).
const addToCell = prepared((trx, p: { entryId: string }) => {
  const insert = addToCellsFrom(sql`situation_entries`, sql`and e.id = ${p.entryId}`)
  return { compile: () => insert.compile(trx) }
})

/**
 * Adds one new entry to its cell: the common write, so it costs the same however
 * many entries the cell already holds (a refresh counts them all again).
 */
export async function addEntryToCell(trx: Trx, entryId: string): Promise<void> {
  await addToCell(trx, { entryId })
}

/** Counts every cell anew from the entries (after a bulk load). */
export async function rebuildCells(db: Trx): Promise<void> {
  await db.deleteFrom('situation_cells').execute()
  await insertCells(db, sql``)
}

/** The cells of the entries `where` picks (an `and …` condition on `e`), withdrawn ones left out. */
async function insertCells(db: Db | Trx, where: RawBuilder<unknown>): Promise<void> {
  await sql`
    insert into situation_cells (team_id, week, area_id, category_id, source_agency_id, source_kind, shared_entries, own_entries, events, increasing, unchanged, decreasing, uncertain)
    select e.team_id, e.week, e.area_id, e.category_id, e.source_agency_id, a.kind,
      sum(case when e.scope <> 'own' then 1 else 0 end),
      sum(case when e.scope = 'own' then 1 else 0 end),
      sum(case when e.scope <> 'own' then coalesce(e.event_count, 0) else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'increasing' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'unchanged' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'decreasing' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'uncertain' then 1 else 0 end)
    from situation_entries e join agencies a on a.id = e.source_agency_id
    where e.withdrawn_at is null ${where}
    group by e.team_id, e.week, e.area_id, e.category_id, e.source_agency_id, a.kind
  `.execute(db)
}
