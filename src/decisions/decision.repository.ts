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
