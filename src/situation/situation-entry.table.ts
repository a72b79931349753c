import type { Selectable } from 'kysely'
import type { SharingScope } from '../teams/team.table'

export const trends = ['increasing', 'unchanged', 'decreasing', 'uncertain'] as const
export type Trend = (typeof trends)[number]

export interface SituationEntryTable {
  id: string
  team_id: string
  /** The meeting whose situation picture the entry belongs to; approving it freezes the entry. */
  meeting_id: string | null
  area_id: string
  category_id: string
  period_from: string
  period_to: string
  /** ISO week of period_to, "2026-W47" */
  week: string
  event_count: number | null
  trend: Trend
  description: string
  own_reference: string
  source_agency_id: string
  author_user_id: string
  scope: SharingScope
  legal_basis_id: string | null
  idempotency_key: string
  withdrawn_at: string | null
  created_at: string
  updated_at: string
}

export interface SituationEntryRecipientTable {
  entry_id: string
  agency_id: string
}

export interface DisclosureTable {
  id: string
  team_id: string
  /** null once gallring removed the entry: the register outlives what it records */
  entry_id: string | null
  category_id: string
  from_agency_id: string
  scope: SharingScope
  legal_basis_id: string
  /** JSON of the sharing guide's answers */
  guide_answers: string
  decided_by: string
  created_at: string
}

export interface DisclosureRecipientTable {
  disclosure_id: string
  agency_id: string
}

export type SituationEntryRow = Selectable<SituationEntryTable>
