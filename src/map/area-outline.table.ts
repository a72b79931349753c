import type { Selectable } from 'kysely'

export interface AreaOutlineTable {
  area_id: string
  /** A GeoJSON MultiPolygon: WGS 84 longitude/latitude, or planar metres (SWEREF 99 TM and the like). */
  geometry: string
  updated_by: string
  updated_at: string
}

export type AreaOutlineRow = Selectable<AreaOutlineTable>
