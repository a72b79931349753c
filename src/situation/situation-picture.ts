import type { ShownEntry } from '../access/entry-policy'
import { trends, type Trend } from './situation-entry.table'

/** One cell of the situation picture: an area × category, counted from what the viewer may see. */
export type PictureCell = {
  areaId: string
  areaName: string
  categoryId: string
  categoryName: string
  sensitive: boolean
  entries: number
  /** Entries from the viewer's own agency among them. */
  ownEntries: number
  /** Events reported in the entries the viewer sees in full; stubs carry no count. */
  events: number
  /** How many of those entries gave a count at all: with none, the number of events is not known. */
  eventsGiven: number
  trends: Record<Trend, number>
}

/** Counts per area × category, in the order the entries come (by area, then category). Withdrawn entries do not count. */
export function aggregatePicture(entries: readonly ShownEntry[]): PictureCell[] {
  const cells = new Map<string, PictureCell>()
  for (const entry of entries) {
    if (entry.view === 'full' && entry.withdrawn) continue
    const key = `${entry.areaId}:${entry.categoryId}`
    let cell = cells.get(key)
    if (!cell) {
      cell = {
        areaId: entry.areaId,
        areaName: entry.areaName,
        categoryId: entry.categoryId,
        categoryName: entry.categoryName,
        sensitive: entry.categorySensitive,
        entries: 0,
        ownEntries: 0,
        events: 0,
        eventsGiven: 0,
        trends: Object.fromEntries(trends.map((trend) => [trend, 0])) as Record<Trend, number>,
      }
      cells.set(key, cell)
    }
    cell.entries++
    cell.trends[entry.trend]++
    if (entry.view === 'full') {
      if (entry.eventCount !== null) {
        cell.events += entry.eventCount
        cell.eventsGiven++
      }
      if (entry.fromOwnAgency) cell.ownEntries++
    }
  }
  return [...cells.values()]
}

/**
 * A count as shown: 1–2 in a sensitive category reads "<3" to anyone but the
 * agency behind every one of them, so that a small number cannot point at a person.
 */
export function shownCount(count: number, sensitive: boolean, ownCount: number): string {
  return sensitive && count > 0 && count < 3 && ownCount < count ? '<3' : String(count)
}

/** A cell's events as shown: "–" when no entry gave a count, or when the cell's entries are hidden as "<3". */
export function shownEvents(cell: PictureCell): string {
  if (cell.eventsGiven === 0 || shownCount(cell.entries, cell.sensitive, cell.ownEntries) === '<3')
    return '–'
  return String(cell.events)
}

/** Entries grouped by area, then category, for the meeting view. */
export function groupByAreaAndCategory(entries: readonly ShownEntry[]) {
  const areas: {
    areaId: string
    areaName: string
    categories: { categoryId: string; categoryName: string; entries: ShownEntry[] }[]
  }[] = []
  for (const entry of entries) {
    let area = areas.find((a) => a.areaId === entry.areaId)
    if (!area)
      areas.push((area = { areaId: entry.areaId, areaName: entry.areaName, categories: [] }))
    let category = area.categories.find((c) => c.categoryId === entry.categoryId)
    if (!category)
      area.categories.push(
        (category = {
          categoryId: entry.categoryId,
          categoryName: entry.categoryName,
          entries: [],
        }),
      )
    category.entries.push(entry)
  }
  return areas
}
