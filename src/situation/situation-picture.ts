import type { ShownEntry } from '../access/entry-policy'

/**
 * A count as shown: 1–2 in a sensitive category reads "<3" to anyone but the
 * agency behind every one of them, so that a small number cannot point at a person.
 */
export function shownCount(count: number, sensitive: boolean, ownCount: number): string {
  return sensitive && count > 0 && count < 3 && ownCount < count ? '<3' : String(count)
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
