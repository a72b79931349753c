import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { DecisionRow } from './decision.table'

export function listDecisions(db: Db, meetingId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export async function findDecision(
  db: Db,
  meetingId: string,
  id: string,
): Promise<DecisionRow | null> {
  return (
    (await db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', id)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst()) ?? null
  )
}

export async function createDecision(
  db: Trx,
  input: { meetingId: string; agendaItemId: string | null; text: string; createdBy: string },
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('decisions')
    .values({
      id,
      meeting_id: input.meetingId,
      agenda_item_id: input.agendaItemId,
      text: input.text,
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** Gallring: decisions of meetings approved before `before` that no action refers to any more. */
export async function decisionIdsWithoutActionsBefore(
  db: Db,
  teamId: string,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
    .select('decisions.id')
    .where('meetings.team_id', '=', teamId)
    .where('meetings.status', '=', 'approved')
    .where('meetings.approved_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('actions')
            .select('actions.id')
            .whereRef('actions.decision_id', '=', 'decisions.id'),
        ),
      ),
    )
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

export type ProblemCell = { areaId: string; categoryId: string }

/** The cells of the picture a decision answers, named when it is made. */
export async function addDecisionProblems(
  db: Trx,
  decisionId: string,
  cells: readonly ProblemCell[],
): Promise<void> {
  if (cells.length === 0) return
  await db
    .insertInto('decision_problems')
    .values(
      cells.map((cell) => ({
        decision_id: decisionId,
        area_id: cell.areaId,
        category_id: cell.categoryId,
      })),
    )
    .execute()
}

/** Links a decision to entries of its meeting's picture (ids only). */
export async function addDecisionEntries(
  db: Trx,
  decisionId: string,
  entryIds: readonly string[],
): Promise<void> {
  if (entryIds.length === 0) return
  await db
    .insertInto('decision_entries')
    .values(entryIds.map((entry_id) => ({ decision_id: decisionId, entry_id })))
    .execute()
}

/** The entries these decisions name, as ids: each reader's view shows those it may see. */
export async function listDecisionEntryLinks(
  db: Db,
  decisionIds: readonly string[],
): Promise<{ decisionId: string; entryId: string }[]> {
  if (decisionIds.length === 0) return []
  const rows = await db
    .selectFrom('decision_entries')
    .select(['decision_id', 'entry_id'])
    .where('decision_id', 'in', decisionIds)
    .execute()
  return rows.map((row) => ({ decisionId: row.decision_id, entryId: row.entry_id }))
}

export type DecisionProblem = ProblemCell & {
  decisionId: string
  areaName: string
  categoryName: string
}

/** The problems these decisions answer, with the names of their areas and categories. */
export async function listDecisionProblems(
  db: Db,
  decisionIds: readonly string[],
): Promise<DecisionProblem[]> {
  if (decisionIds.length === 0) return []
  const rows = await db
    .selectFrom('decision_problems')
    .innerJoin('areas', 'areas.id', 'decision_problems.area_id')
    .innerJoin('categories', 'categories.id', 'decision_problems.category_id')
    .select([
      'decision_problems.decision_id',
      'decision_problems.area_id',
      'decision_problems.category_id',
      'areas.name as area_name',
      'categories.name as category_name',
    ])
    .where('decision_problems.decision_id', 'in', decisionIds)
    .orderBy('areas.name')
    .orderBy('categories.sort_order')
    .orderBy('categories.name')
    .execute()
  return rows.map((row) => ({
    decisionId: row.decision_id,
    areaId: row.area_id,
    categoryId: row.category_id,
    areaName: row.area_name,
    categoryName: row.category_name,
  }))
}
