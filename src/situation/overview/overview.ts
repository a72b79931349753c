import { listAssessmentsOfTeam } from '../../assessments/assessment.repository'
import { parseScale } from '../../assessments/scale'
import { todayInStockholm, weekKeysEnding } from '../../i18n/format'
import type { AreaRow, CategoryRow } from '../../teams/team.table'
import type { TeamAccess } from '../../access/team-access'
import { readCountsByCell, type Reader, type ShownCount } from '../read'

/** The span the overview opens with (product.md §4, flow 8). */
export const defaultOverviewWeeks = 12

import type { OverviewFilter } from './overview-filter'

/** A category's entries in one cell as the viewer may be shown them: a number, or "<3". */
export type ShownCategoryCount = { categoryId: string; shown: string }

export type OverviewCell = {
  /** Entries the viewer may see, sensitive categories' small counts left out */
  total: number
  /** Some sensitive category's count here is 1–2 and not all the viewer's own: shown as "<3", not in the total. */
  hiddenSensitive: boolean
  categories: ShownCategoryCount[]
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
export async function overviewData(
  reader: Reader,
  access: TeamAccess,
  filter: OverviewFilter,
  allAreas: AreaRow[],
  categories: CategoryRow[],
  today = todayInStockholm(),
): Promise<OverviewData> {
  const team = access.team
  const weeks = weekKeysEnding(today, filter.weeks)
  const first = weeks[0]!
  const last = weeks[weeks.length - 1]!
  const [byCell, assessments] = await Promise.all([
    readCountsByCell(reader, access, first, last, filter),
    listAssessmentsOfTeam(reader.db, team.id, last, filter.areaId),
  ])

  // Levels: each week shows the latest assessment up to it, marked when carried from an earlier week.
  const levels = new Map<string, { level: number; trend: string; week: string }[]>()
  for (const a of assessments)
    levels.set(a.area_id, [
      ...(levels.get(a.area_id) ?? []),
      { level: a.level, trend: a.trend, week: a.week },
    ])

  const areas = allAreas.filter((area) =>
    filter.areaId ? area.id === filter.areaId : area.retired_at === null,
  )
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
          const counts: ShownCount[] = byCell.get(`${area.id}|${week}`) ?? []
          return {
            total: counts.reduce((sum, c) => sum + (c.count ?? 0), 0),
            hiddenSensitive: counts.some((c) => c.count === null),
            categories: counts.map(({ categoryId, shown }) => ({ categoryId, shown })),
            level: current ? { ...current, carried: current.week !== week } : null,
          }
        }),
      }
    }),
  }
}
