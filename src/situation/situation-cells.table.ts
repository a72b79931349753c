/** Weekly counts per team × week × area × category × source agency, kept on every entry write. */
export interface SituationCellTable {
  team_id: string
  week: string
  area_id: string
  category_id: string
  source_agency_id: string
  source_kind: string
  shared_entries: number
  own_entries: number
  events: number
  increasing: number
  unchanged: number
  decreasing: number
  uncertain: number
}
