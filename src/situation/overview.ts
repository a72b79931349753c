import { sql } from 'kysely'
import type { AgencyKind } from '../agencies/agency.table'
import { listAssessmentsOfTeam } from '../assessments/assessment.repository'
import { parseScale } from '../assessments/scale'
import type { Db } from '../db/connect'
import { todayInStockholm, weekKeysEnding } from '../i18n/format'
import type { AreaRow, CategoryRow, TeamRow } from '../teams/team.table'
import { shownCount } from './situation-picture'
import type { ListingViewer } from './situation-entry.repository'

/** The span the overview opens with (product.md §4, flow 8). */
export const defaultOverviewWeeks = 12

export type OverviewFilter = { weeks: number; areaId: string | null; categoryId: string | null; sourceKind: AgencyKind | null }

/** Who is counting: observers count no `own` entries at all. */
export type OverviewViewer = ListingViewer

export type CategoryCount = { categoryId: string; count: number; ownCount: number }

export type OverviewCell = {
  /** Entries the viewer may see, sensitive categories' small counts left out */
  total: number
  /** Some sensitive category's count here is 1–2 and not all the viewer's own: shown as "<3", not in the total. */
  hiddenSensitive: boolean
  categories: CategoryCount[]
  level: { level: number; trend: string; week: string; carried: boolean } | null
}

export type OverviewData = {
  weeks: string[]
  scale: string[]
  areas: AreaRow[]
  categories: CategoryRow[]
  /** by area id, then one per week */
  rows: { area: AreaRow; cells: OverviewCell[] }[]
}

/**
 * The situation picture over weeks: per area and week, the entries the viewer
 * may see (at least as a stub) counted per category, with the area's level.
 * Counts come from the weekly cells kept on write; `own` entries count only for
 * their agency and, where they list it, their recipients. Entries the viewer
 * may not see at all are not counted; sensitive counts of 1–2 stay "<3" to
 * anyone but the agency behind them.
 */
export async function overviewData(db: Db, team: TeamRow, viewer: OverviewViewer, filter: OverviewFilter, allAreas: AreaRow[], categories: CategoryRow[], today = todayInStockholm()): Promise<OverviewData> {
  const weeks = weekKeysEnding(today, filter.weeks)
  const first = weeks[0]!
  const last = weeks[weeks.length - 1]!
  const [counts, assessments] = await Promise.all([visibleCounts(db, team.id, viewer, first, last, filter), listAssessmentsOfTeam(db, team.id, last, filter.areaId)])
  const byCell = new Map<string, Map<string, CategoryCount>>()
  for (const row of counts) {
    const key = `${row.areaId}|${row.week}`
    let cell = byCell.get(key)
    if (!cell) byCell.set(key, (cell = new Map()))
    const existing = cell.get(row.categoryId)
    if (existing) {
      existing.count += row.count
      existing.ownCount += row.ownCount
    } else cell.set(row.categoryId, { categoryId: row.categoryId, count: row.count, ownCount: row.ownCount })
  }
  const sensitive = new Set(categories.filter((c) => c.is_sensitive === 1).map((c) => c.id))

  // Levels: each week shows the latest assessment up to it, marked when carried from an earlier week.
  const levels = new Map<string, { level: number; trend: string; week: string }[]>()
  for (const a of assessments) levels.set(a.area_id, [...(levels.get(a.area_id) ?? []), { level: a.level, trend: a.trend, week: a.week }])

  const areas = allAreas.filter((area) => (filter.areaId ? area.id === filter.areaId : area.retired_at === null))
  return {
    weeks,
    scale: parseScale(team.assessment_scale),
    areas,
    categories,
    rows: areas.map((area) => {
      const history = levels.get(area.id) ?? []
      let at = 0
      let current: { level: number; trend: string; week: string } | null = null
      return {
        area,
        cells: weeks.map((week): OverviewCell => {
          while (at < history.length && history[at]!.week <= week) current = history[at++]!
          const categoryCounts = [...(byCell.get(`${area.id}|${week}`)?.values() ?? [])]
          let total = 0
          let hiddenSensitive = false
          for (const c of categoryCounts) {
            if (shownCount(c.count, sensitive.has(c.categoryId), c.ownCount) === '<3') hiddenSensitive = true
            else total += c.count
          }
          return { total, hiddenSensitive, categories: categoryCounts, level: current ? { ...current, carried: current.week !== week } : null }
        }),
      }
    }),
  }
}

export type VisibleCount = { week: string; areaId: string; categoryId: string; count: number; ownCount: number }

/**
 * What the viewer may count per week × area × category between two weeks: the
 * weekly cells' shared entries, the `own` entries of the viewer's agency, and
 * (below) the `own` entries of others that list the viewer's agency. Rows of
 * the same cell may come twice; callers add them up.
 */
export async function visibleCounts(db: Db, teamId: string, viewer: OverviewViewer, first: string, last: string, filter: Omit<OverviewFilter, 'weeks'>): Promise<VisibleCount[]> {
  const agency = viewer.observer ? '' : viewer.agencyId
  let counts = db
    .selectFrom('situation_cells')
    .select([
      'week',
      'area_id',
      'category_id',
      sql<number>`sum(shared_entries + case when source_agency_id = ${agency} then own_entries else 0 end)`.as('visible'),
      sql<number>`sum(case when source_agency_id = ${agency} then shared_entries + own_entries else 0 end)`.as('own'),
    ])
    .where('team_id', '=', teamId)
    .where('week', '>=', first)
    .where('week', '<=', last)
  if (filter.areaId) counts = counts.where('area_id', '=', filter.areaId)
  if (filter.categoryId) counts = counts.where('category_id', '=', filter.categoryId)
  if (filter.sourceKind) counts = counts.where('source_kind', '=', filter.sourceKind)
  const [rows, received] = await Promise.all([
    counts.groupBy(['week', 'area_id', 'category_id']).execute(),
    viewer.observer ? Promise.resolve([]) : receivedOwnEntries(db, teamId, viewer.agencyId, first, last, filter),
  ])
  return [
    ...rows.filter((row) => Number(row.visible) > 0).map((row) => ({ week: row.week, areaId: row.area_id, categoryId: row.category_id, count: Number(row.visible), ownCount: Number(row.own) })),
    ...received.map((row) => ({ week: row.week, areaId: row.area_id, categoryId: row.category_id, count: Number(row.n), ownCount: 0 })),
  ]
}

/** `own` entries of other agencies that list the viewer's agency: the stubs it may count. */
function receivedOwnEntries(db: Db, teamId: string, agencyId: string, first: string, last: string, filter: Omit<OverviewFilter, 'weeks'>) {
  let query = db
    .selectFrom('situation_entry_recipients as r')
    .innerJoin('situation_entries as e', 'e.id', 'r.entry_id')
    .innerJoin('agencies as a', 'a.id', 'e.source_agency_id')
    .select(['e.week', 'e.area_id', 'e.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.agency_id', '=', agencyId)
    .where('e.team_id', '=', teamId)
    .where('e.scope', '=', 'own')
    .where('e.withdrawn_at', 'is', null)
    .where('e.week', '>=', first)
    .where('e.week', '<=', last)
  if (filter.areaId) query = query.where('e.area_id', '=', filter.areaId)
  if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId)
  if (filter.sourceKind) query = query.where('a.kind', '=', filter.sourceKind)
  return query.groupBy(['e.week', 'e.area_id', 'e.category_id']).execute()
}
