import type { TeamAccess } from '../../access/team-access'
import type { OverviewFilter } from '../overview/overview-filter'
import type { Reader } from './reader'
import { shownCount } from './shown-count'
import {
  listingViewerOf,
  municipalCounts,
  sensitiveCategoryIds,
  visibleCounts,
  type VisibleCount,
} from './stored-entries'

/** A category's count as the reader may be shown it: `count` is null where it reads "<3". */
export type ShownCount = { categoryId: string; shown: string; count: number | null }

type Tally = { count: number; own: number }

/** Counts per week × area × category the reader may count, logged as one aggregate read of the team's picture. */
function countVisible(
  reader: Reader,
  access: TeamAccess,
  first: string,
  last: string,
  filter: Omit<OverviewFilter, 'weeks'>,
): Promise<VisibleCount[]> {
  reader.log([
    {
      objectType: 'situation_picture',
      objectId: access.team.id,
      teamId: access.team.id,
      role: access.role,
      shown: 'aggregate',
    },
  ])
  return visibleCounts(
    reader.db,
    access.team.id,
    listingViewerOf(reader.viewer, access.role),
    first,
    last,
    filter,
  )
}

function add(tallies: Map<string, Tally>, row: VisibleCount) {
  const tally = tallies.get(row.categoryId) ?? { count: 0, own: 0 }
  tally.count += row.count
  tally.own += row.ownCount
  tallies.set(row.categoryId, tally)
}

const shown = (categoryId: string, tally: Tally, sensitive: ReadonlySet<string>): ShownCount => {
  const text = shownCount(tally.count, sensitive.has(categoryId), tally.own)
  return { categoryId, shown: text, count: text === '<3' ? null : tally.count }
}

/**
 * The overview's cells: per area and week (key `areaId|week`), each category's
 * count as the reader may be shown it, summed over the agencies behind it first.
 */
export async function readCountsByCell(
  reader: Reader,
  access: TeamAccess,
  first: string,
  last: string,
  filter: Omit<OverviewFilter, 'weeks'>,
): Promise<Map<string, ShownCount[]>> {
  const [rows, sensitive] = await Promise.all([
    countVisible(reader, access, first, last, filter),
    sensitiveCategoryIds(reader.db, access.team.id),
  ])
  const cells = new Map<string, Map<string, Tally>>()
  for (const row of rows) {
    const key = `${row.areaId}|${row.week}`
    let cell = cells.get(key)
    if (!cell) cells.set(key, (cell = new Map()))
    add(cell, row)
  }
  return new Map(
    [...cells].map(([key, tallies]) => [
      key,
      [...tallies].map(([categoryId, tally]) => shown(categoryId, tally, sensitive)),
    ]),
  )
}

/** Each category's count over a span of weeks, all areas together, as the reader may be shown it (the analysis). */
export async function readCountsByCategory(
  reader: Reader,
  access: TeamAccess,
  first: string,
  last: string,
): Promise<Map<string, ShownCount>> {
  const [rows, sensitive] = await Promise.all([
    countVisible(reader, access, first, last, { areaId: null, categoryId: null, sourceKind: null }),
    sensitiveCategoryIds(reader.db, access.team.id),
  ])
  const tallies = new Map<string, Tally>()
  for (const row of rows) add(tallies, row)
  return new Map(
    [...tallies].map(([categoryId, tally]) => [categoryId, shown(categoryId, tally, sensitive)]),
  )
}

/** Each cell's count (key `areaId:categoryId`) over a span of weeks, as the reader may be shown it (the analysis' problems). */
export async function readCountsByProblem(
  reader: Reader,
  access: TeamAccess,
  first: string,
  last: string,
): Promise<Map<string, ShownCount>> {
  const [rows, sensitive] = await Promise.all([
    countVisible(reader, access, first, last, { areaId: null, categoryId: null, sourceKind: null }),
    sensitiveCategoryIds(reader.db, access.team.id),
  ])
  const cells = new Map<string, { categoryId: string; tally: Tally }>()
  for (const row of rows) {
    const key = `${row.areaId}:${row.categoryId}`
    const cell = cells.get(key) ?? { categoryId: row.categoryId, tally: { count: 0, own: 0 } }
    cell.tally.count += row.count
    cell.tally.own += row.ownCount
    cells.set(key, cell)
  }
  return new Map(
    [...cells].map(([key, { categoryId, tally }]) => [key, shown(categoryId, tally, sensitive)]),
  )
}

/** A cell of the municipality's picture as shown: entries and events null where the count reads "<3". */
export type ShownMunicipalCount = {
  teamName: string
  areaName: string
  categoryName: string
  entries: string
  events: string
  /** The counts behind the shown text: null where it reads "<3". */
  entryCount: number | null
  eventCount: number | null
}

/**
 * The municipality's picture over weeks `first`…`last` for the yearly report:
 * per team, area and category, aggregates only; 1–2 entries in a sensitive
 * category read "<3" (and their events are not shown), whoever reads.
 * Logged as an aggregate read of each team's picture that has counts.
 */
export async function readMunicipalPicture(
  reader: Reader,
  first: string,
  last: string,
): Promise<ShownMunicipalCount[]> {
  const rows = await municipalCounts(reader.db, first, last)
  const teams = [...new Set(rows.map((row) => row.teamId))]
  reader.log(
    teams.map((teamId) => ({
      objectType: 'situation_picture',
      objectId: teamId,
      teamId,
      role: null,
      shown: 'aggregate',
    })),
  )
  return rows.map((row) => {
    const entries = shownCount(row.entries, row.sensitive, 0)
    const hidden = entries === '<3'
    return {
      teamName: row.teamName,
      areaName: row.areaName,
      categoryName: row.categoryName,
      entries,
      events: hidden ? '–' : String(row.events),
      entryCount: hidden ? null : row.entries,
      eventCount: hidden ? null : row.events,
    }
  })
}
