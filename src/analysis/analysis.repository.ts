import type { Db, Trx } from '../db/connect'
import type { AnalysisRow } from '../assessments/assessment.table'
import { newId, nowIso } from '../db/ids'
import type { Period } from './period'

export type AnalysisText = { conclusions: string; priorities: string }

export async function createAnalysis(
  db: Trx,
  teamId: string,
  period: Period,
  text: AnalysisText,
  createdBy: string,
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('analyses')
    .values({
      id,
      team_id: teamId,
      period_kind: period.kind,
      period_from: period.from,
      period_to: period.to,
      ...text,
      created_by: createdBy,
      approved_by: null,
      approved_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** Changes a draft; false when it was approved meanwhile (approved analyses are frozen). */
export async function updateAnalysis(db: Trx, id: string, text: AnalysisText): Promise<boolean> {
  const result = await db
    .updateTable('analyses')
    .set({ ...text, updated_at: nowIso() })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function approveAnalysis(db: Trx, id: string, approvedBy: string): Promise<boolean> {
  const now = nowIso()
  const result = await db
    .updateTable('analyses')
    .set({ approved_by: approvedBy, approved_at: now, updated_at: now })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findAnalysis(db: Db, id: string): Promise<AnalysisRow | null> {
  return (
    (await db.selectFrom('analyses').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  )
}

export function listAnalyses(db: Db, teamId: string): Promise<AnalysisRow[]> {
  return db
    .selectFrom('analyses')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

/** A problem named by a decision of the period, with each action the decision led to (none: null). */
export type ProblemActionRow = {
  area_id: string
  area_name: string
  category_id: string
  category_name: string
  decision_id: string
  decision_text: string
  action_id: string | null
  action_text: string | null
  action_status: string | null
  action_created_at: string | null
  goal: string | null
  follow_up_done: string | null
  follow_up_effect: string | null
  follow_up_confirmed_at: string | null
  owner_agency_name: string | null
}

/** The cells of the picture that the team's decisions in these days answered, and the actions taken on them. */
export function listProblemActions(
  db: Db,
  teamId: string,
  from: string,
  to: string,
): Promise<ProblemActionRow[]> {
  return db
    .selectFrom('decision_problems')
    .innerJoin('decisions', 'decisions.id', 'decision_problems.decision_id')
    .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
    .innerJoin('areas', 'areas.id', 'decision_problems.area_id')
    .innerJoin('categories', 'categories.id', 'decision_problems.category_id')
    .leftJoin('actions', 'actions.decision_id', 'decisions.id')
    .leftJoin('agencies', 'agencies.id', 'actions.owner_agency_id')
    .select([
      'areas.id as area_id',
      'areas.name as area_name',
      'categories.id as category_id',
      'categories.name as category_name',
      'decisions.id as decision_id',
      'decisions.text as decision_text',
      'actions.id as action_id',
      'actions.text as action_text',
      'actions.status as action_status',
      'actions.created_at as action_created_at',
      'actions.goal',
      'actions.follow_up_done',
      'actions.follow_up_effect',
      'actions.follow_up_confirmed_at',
      'agencies.name as owner_agency_name',
    ])
    .where('meetings.team_id', '=', teamId)
    .where('decisions.created_at', '>=', `${from}T00:00:00`)
    .where('decisions.created_at', '<=', `${to}T23:59:59.999Z`)
    .orderBy('areas.name')
    .orderBy('categories.sort_order')
    .orderBy('decisions.created_at')
    .orderBy('actions.created_at')
    .execute()
}
