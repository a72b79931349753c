import type { Selectable } from 'kysely'
import type { Trend } from '../situation/situation-entry.table'

/** A reporter's seat in a team: a short form and their own reports, nothing of the team's picture. */
export interface TeamReporterTable {
  id: string
  team_id: string
  user_id: string
  /** The seat's last day (YYYY-MM-DD); null while it lasts. */
  ends_on: string | null
  created_at: string
}

export const reportScopes = ['own', 'team'] as const
export type ReportScope = (typeof reportScopes)[number]

export const reportStatuses = ['submitted', 'included', 'returned'] as const
export type ReportStatus = (typeof reportStatuses)[number]

/** What a reporter saw, until their agency's people in the team include it (as an entry) or return it. */
export interface SituationReportTable {
  id: string
  team_id: string
  reporter_user_id: string
  agency_id: string
  area_id: string
  category_id: string
  observed_on: string
  event_count: number | null
  trend: Trend
  description: string
  scope: ReportScope
  status: ReportStatus
  return_reason: string | null
  handled_by: string | null
  handled_at: string | null
  /** The entry the report became when it was included. */
  entry_id: string | null
  idempotency_key: string
  created_at: string
}

export type TeamReporterRow = Selectable<TeamReporterTable>
export type SituationReportRow = Selectable<SituationReportTable>
