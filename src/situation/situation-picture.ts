import type { ShownEntry } from '../access/entry-policy'

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
