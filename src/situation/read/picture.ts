import type { ShownEntry, StoredEntry } from '../../access/entry-policy'
import { shownCount } from './shown-count'
import { trends, type Trend } from '../situation-entry.table'

/** One cell of the situation picture: an area × category, counted from what the viewer may see. */
type CountedCell = {
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

/** What one entry adds to the picture. */
type PictureItem = {
  areaId: string
  areaName: string
  categoryId: string
  categoryName: string
  sensitive: boolean
  trend: Trend
  /** Read in full: its count of events (null when it gave none) and whether it is the reader's own. */
  full: { eventCount: number | null; own: boolean } | null
}

/** Counts per area × category, in the order the items come (by area, then category). */
function countPicture(items: readonly PictureItem[]): CountedCell[] {
  const cells = new Map<string, CountedCell>()
  for (const entry of items) {
    const key = `${entry.areaId}:${entry.categoryId}`
    let cell = cells.get(key)
    if (!cell) {
      cell = {
        areaId: entry.areaId,
        areaName: entry.areaName,
        categoryId: entry.categoryId,
        categoryName: entry.categoryName,
        sensitive: entry.sensitive,
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
    if (entry.full) {
      if (entry.full.eventCount !== null) {
        cell.events += entry.full.eventCount
        cell.eventsGiven++
      }
      if (entry.full.own) cell.ownEntries++
    }
  }
  return [...cells.values()]
}

/**
 * One cell of the picture as the reader may be shown it: a count of 1–2 in a
 * sensitive category reads "<3" (not all of them the reader's own agency's),
 * and then neither its events nor its trends' counts are given.
 */
export type ShownPictureCell = {
  areaId: string
  areaName: string
  categoryId: string
  categoryName: string
  /** A number, or "<3". */
  entries: string
  /** "–" when no entry read in full gave a count, or when the cell reads "<3". */
  events: string
  /** The trends some entry gave, each with its count ("" when the cell reads "<3"). */
  trends: { trend: Trend; count: string }[]
}

/** The situation picture in numbers as this reader may see it: counts per area × category, the "<3" rule applied. Withdrawn entries do not count. */
export function pictureOf(entries: readonly ShownEntry[]): ShownPictureCell[] {
  return showPicture(
    entries.flatMap((entry): PictureItem[] => {
      if (entry.view === 'full' && entry.withdrawn) return []
      return [
        {
          ...itemOf(entry),
          full:
            entry.view === 'full'
              ? { eventCount: entry.eventCount, own: entry.fromOwnAgency }
              : null,
        },
      ]
    }),
  )
}

/**
 * The picture as the whole team may be shown it, the same for every member (the
 * justerat protokoll): entries shared with the team or with named agencies count
 * (every member sees them, at least as a stub), entries kept to their own agency
 * do not; events come from the entries every member reads in full (shared with
 * the team); no count is anyone's own, so 1–2 in a sensitive category reads "<3".
 */
export function teamPictureOf(stored: readonly StoredEntry[]): ShownPictureCell[] {
  return showPicture(
    stored
      .filter((entry) => !entry.withdrawn && entry.scope !== 'own')
      .map((entry) => ({
        ...itemOf(entry),
        full: entry.scope === 'team' ? { eventCount: entry.eventCount, own: false } : null,
      })),
  )
}

const itemOf = (
  entry: Pick<
    StoredEntry,
    'areaId' | 'areaName' | 'categoryId' | 'categoryName' | 'categorySensitive' | 'trend'
  >,
) => ({
  areaId: entry.areaId,
  areaName: entry.areaName,
  categoryId: entry.categoryId,
  categoryName: entry.categoryName,
  sensitive: entry.categorySensitive,
  trend: entry.trend,
})

function showPicture(items: readonly PictureItem[]): ShownPictureCell[] {
  return countPicture(items).map((cell) => {
    const shown = shownCount(cell.entries, cell.sensitive, cell.ownEntries)
    const hidden = shown === '<3'
    return {
      areaId: cell.areaId,
      areaName: cell.areaName,
      categoryId: cell.categoryId,
      categoryName: cell.categoryName,
      entries: shown,
      events: cell.eventsGiven === 0 || hidden ? '–' : String(cell.events),
      trends: trends
        .filter((trend) => cell.trends[trend] > 0)
        .map((trend) => ({ trend, count: hidden ? '' : String(cell.trends[trend]) })),
    }
  })
}
