import type { Selectable } from 'kysely'
import type { FollowUpDone, FollowUpEffect } from '../actions/action.table'

/** The municipality's yearly lägesbild and åtgärdsplan: a draft until the steering group approves it, then frozen. */
export interface YearlyReportTable {
  id: string
  year: number
  /** The coordinating function's summary of the year's picture: checked for personal data. */
  summary: string
  created_by: string
  created_at: string
  updated_at: string
  approved_by: string | null
  approved_at: string | null
  /** The frozen record (YearlySnapshot as JSON), its HTML, and the HTML's SHA-256. */
  data: string | null
  html: string | null
  sha256: string | null
}

/** One of the year's main problems: a cell of a team's picture and its cause, as the teams judged it. */
export interface YearlyProblemTable {
  id: string
  report_id: string
  area_id: string
  category_id: string
  cause: string
  created_at: string
}

/** A row of the action plan in Brå's columns: cause, action, operative goal, when, who. */
export interface YearlyPlanRowTable {
  id: string
  report_id: string
  cause: string
  action: string
  goal: string
  timing: string
  agency_id: string
  created_at: string
}

/** How a row of last year's plan went, written in this year's report. */
export interface YearlyFollowUpTable {
  report_id: string
  plan_row_id: string
  done: FollowUpDone
  effect: FollowUpEffect
  note: string
  updated_at: string
}

export type YearlyReportRow = Selectable<YearlyReportTable>
export type YearlyPlanRow = Selectable<YearlyPlanRowTable>
