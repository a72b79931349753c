import type { Selectable } from 'kysely'
import type { Trend } from '../situation/situation-entry.table'

export interface AreaAssessmentTable {
  id: string
  team_id: string
  meeting_id: string
  area_id: string
  week: string
  /** position on the team's scale, 0 = lowest ("Grön") */
  level: number
  trend: Trend
  justification: string
  set_by: string
  created_at: string
  updated_at: string
}

export type AreaAssessmentRow = Selectable<AreaAssessmentTable>

export const analysisPeriods = ['quarter', 'tertial', 'year'] as const
export type AnalysisPeriod = (typeof analysisPeriods)[number]

export interface AnalysisTable {
  id: string
  team_id: string
  period_kind: AnalysisPeriod
  period_from: string
  period_to: string
  conclusions: string
  priorities: string
  created_by: string
  approved_by: string | null
  approved_at: string | null
  created_at: string
  updated_at: string
}

export type AnalysisRow = Selectable<AnalysisTable>
