import type { FollowUpDone, FollowUpEffect } from '../actions/action.table'
import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { YearlyReportRow } from './yearly.table'

export async function findYearlyReport(db: Db, year: number): Promise<YearlyReportRow | null> {
  return (
    (await db
      .selectFrom('yearly_reports')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirst()) ?? null
  )
}

export type YearlyReportListRow = Pick<YearlyReportRow, 'id' | 'year' | 'approved_at'>

export function listYearlyReports(db: Db): Promise<YearlyReportListRow[]> {
  return db
    .selectFrom('yearly_reports')
    .select(['id', 'year', 'approved_at'])
    .orderBy('year', 'desc')
    .execute()
}

export async function createYearlyReport(trx: Trx, year: number, userId: string): Promise<string> {
  const id = newId()
  const now = nowIso()
  await trx
    .insertInto('yearly_reports')
    .values({
      id,
      year,
      summary: '',
      created_by: userId,
      created_at: now,
      updated_at: now,
      approved_by: null,
      approved_at: null,
      data: null,
      html: null,
      sha256: null,
    })
    .execute()
  return id
}

/** Changes a draft's summary; false when the report was approved meanwhile. */
export async function updateSummary(trx: Trx, reportId: string, summary: string): Promise<boolean> {
  const result = await trx
    .updateTable('yearly_reports')
    .set({ summary, updated_at: nowIso() })
    .where('id', '=', reportId)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export type ProblemInput = { areaId: string; categoryId: string; cause: string }

export async function addProblem(trx: Trx, reportId: string, input: ProblemInput): Promise<string> {
  const id = newId()
  await trx
    .insertInto('yearly_problems')
    .values({
      id,
      report_id: reportId,
      area_id: input.areaId,
      category_id: input.categoryId,
      cause: input.cause,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export type YearlyProblemListRow = {
  id: string
  team_name: string
  area_name: string
  category_name: string
  cause: string
}

export function listProblems(db: Db, reportId: string): Promise<YearlyProblemListRow[]> {
  return db
    .selectFrom('yearly_problems')
    .innerJoin('areas', 'areas.id', 'yearly_problems.area_id')
    .innerJoin('categories', 'categories.id', 'yearly_problems.category_id')
    .innerJoin('teams', 'teams.id', 'areas.team_id')
    .select([
      'yearly_problems.id',
      'teams.name as team_name',
      'areas.name as area_name',
      'categories.name as category_name',
      'yearly_problems.cause',
    ])
    .where('yearly_problems.report_id', '=', reportId)
    .orderBy('yearly_problems.created_at')
    .orderBy('yearly_problems.id')
    .execute()
}

export type PlanRowInput = {
  cause: string
  action: string
  goal: string
  timing: string
  agencyId: string
}

export async function addPlanRow(trx: Trx, reportId: string, input: PlanRowInput): Promise<string> {
  const id = newId()
  await trx
    .insertInto('yearly_plan_rows')
    .values({
      id,
      report_id: reportId,
      cause: input.cause,
      action: input.action,
      goal: input.goal,
      timing: input.timing,
      agency_id: input.agencyId,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export type YearlyPlanListRow = {
  id: string
  cause: string
  action: string
  goal: string
  timing: string
  agency_name: string
}

export function listPlanRows(db: Db, reportId: string): Promise<YearlyPlanListRow[]> {
  return db
    .selectFrom('yearly_plan_rows')
    .innerJoin('agencies', 'agencies.id', 'yearly_plan_rows.agency_id')
    .select([
      'yearly_plan_rows.id',
      'yearly_plan_rows.cause',
      'yearly_plan_rows.action',
      'yearly_plan_rows.goal',
      'yearly_plan_rows.timing',
      'agencies.name as agency_name',
    ])
    .where('yearly_plan_rows.report_id', '=', reportId)
    .orderBy('yearly_plan_rows.created_at')
    .orderBy('yearly_plan_rows.id')
    .execute()
}

/** Removes a problem or a plan row of a draft; false when there was none (or the report is approved). */
export async function removeRow(
  trx: Trx,
  table: 'yearly_problems' | 'yearly_plan_rows',
  reportId: string,
  rowId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom(table)
    .where('id', '=', rowId)
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

export type FollowUpInput = { done: FollowUpDone; effect: FollowUpEffect; note: string }

/** How a row of last year's plan went, as this year's report says; written again when changed. */
export async function setFollowUp(
  trx: Trx,
  reportId: string,
  planRowId: string,
  input: FollowUpInput,
): Promise<void> {
  const now = nowIso()
  await trx
    .insertInto('yearly_follow_ups')
    .values({ report_id: reportId, plan_row_id: planRowId, ...input, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['report_id', 'plan_row_id']).doUpdateSet({ ...input, updated_at: now }),
    )
    .execute()
}

export type FollowUpRow = YearlyPlanListRow & {
  done: FollowUpDone | null
  effect: FollowUpEffect | null
  note: string | null
}

/** Last year's plan (`previousReportId`), each row with this year's follow-up of it, if written. */
export function listFollowUps(
  db: Db,
  reportId: string,
  previousReportId: string,
): Promise<FollowUpRow[]> {
  return db
    .selectFrom('yearly_plan_rows')
    .innerJoin('agencies', 'agencies.id', 'yearly_plan_rows.agency_id')
    .leftJoin('yearly_follow_ups', (join) =>
      join
        .onRef('yearly_follow_ups.plan_row_id', '=', 'yearly_plan_rows.id')
        .on('yearly_follow_ups.report_id', '=', reportId),
    )
    .select([
      'yearly_plan_rows.id',
      'yearly_plan_rows.cause',
      'yearly_plan_rows.action',
      'yearly_plan_rows.goal',
      'yearly_plan_rows.timing',
      'agencies.name as agency_name',
      'yearly_follow_ups.done',
      'yearly_follow_ups.effect',
      'yearly_follow_ups.note',
    ])
    .where('yearly_plan_rows.report_id', '=', previousReportId)
    .orderBy('yearly_plan_rows.created_at')
    .orderBy('yearly_plan_rows.id')
    .execute()
}

/** Freezes the report with its record; false when another approval came first. */
export async function approveYearlyReport(
  trx: Trx,
  reportId: string,
  record: { approvedBy: string; approvedAt: string; data: string; html: string; sha256: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('yearly_reports')
    .set({
      approved_by: record.approvedBy,
      approved_at: record.approvedAt,
      data: record.data,
      html: record.html,
      sha256: record.sha256,
      updated_at: record.approvedAt,
    })
    .where('id', '=', reportId)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The teams' approved analyses of periods within the year: what the teams judged, the report's source. */
export function listApprovedAnalysesOfYear(db: Db, year: number) {
  return db
    .selectFrom('analyses')
    .innerJoin('teams', 'teams.id', 'analyses.team_id')
    .select([
      'analyses.id',
      'teams.name as team_name',
      'analyses.period_kind',
      'analyses.period_from',
      'analyses.period_to',
      'analyses.conclusions',
      'analyses.priorities',
    ])
    .where('analyses.approved_at', 'is not', null)
    .where('analyses.period_from', '>=', `${year}-01-01`)
    .where('analyses.period_to', '<=', `${year}-12-31`)
    .orderBy('teams.name')
    .orderBy('analyses.period_from')
    .execute()
}

/** Every team's areas and categories, for naming a problem. */
export async function listCellChoices(db: Db) {
  const [areas, categories] = await Promise.all([
    db
      .selectFrom('areas')
      .innerJoin('teams', 'teams.id', 'areas.team_id')
      .select(['areas.id', 'areas.name', 'areas.team_id', 'teams.name as team_name'])
      .where('areas.retired_at', 'is', null)
      .orderBy('teams.name')
      .orderBy('areas.name')
      .execute(),
    db
      .selectFrom('categories')
      .innerJoin('teams', 'teams.id', 'categories.team_id')
      .select(['categories.id', 'categories.name', 'categories.team_id', 'teams.name as team_name'])
      .where('categories.retired_at', 'is', null)
      .orderBy('teams.name')
      .orderBy('categories.sort_order')
      .execute(),
  ])
  return { areas, categories }
}
