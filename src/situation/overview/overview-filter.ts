import type { AgencyKind } from '../../agencies/agency.table'

/** What the overview counts: how many weeks back, and which area, category and kind of source. */
export type OverviewFilter = {
  weeks: number
  areaId: string | null
  categoryId: string | null
  sourceKind: AgencyKind | null
}
