import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type {
  ActionRow,
  ActionStatus,
  CloseReason,
  FollowUpDone,
  FollowUpEffect,
} from './action.table'

export type NewAction = {
  teamId: string
  meetingId: string
  decisionId: string
  text: string
  ownerAgencyId: string
  ownerUserId: string | null
  areaId?: string | null
  dueOn: string
  goal?: string | null
}

export async function createAction(db: Trx, input: NewAction): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('actions')
    .values({
      id,
      team_id: input.teamId,
      meeting_id: input.meetingId,
      decision_id: input.decisionId,
      text: input.text,
      owner_agency_id: input.ownerAgencyId,
      owner_user_id: input.ownerUserId,
      area_id: input.areaId ?? null,
      due_on: input.dueOn,
      goal: input.goal ?? null,
      status: 'open',
      close_reason: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export async function findAction(db: Db, id: string): Promise<ActionRow | null> {
  return (
    (await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  )
}

export type ActionListRow = ActionRow & {
  owner_agency_name: string
  owner_user_name: string | null
  reviews: number
  team_name: string
}

function actionList(db: Db) {
  return db
    .selectFrom('actions')
    .innerJoin('agencies', 'agencies.id', 'actions.owner_agency_id')
    .innerJoin('teams', 'teams.id', 'actions.team_id')
    .leftJoin('users', 'users.id', 'actions.owner_user_id')
    .selectAll('actions')
    .select((eb) => [
      'agencies.name as owner_agency_name',
      'users.name as owner_user_name',
      'teams.name as team_name',
      eb
        .selectFrom('action_reviews')
        .select((r) => r.fn.countAll<number>().as('n'))
        .whereRef('action_reviews.action_id', '=', 'actions.id')
        .as('reviews'),
    ])
}

const normalise = (
  rows: (Omit<ActionListRow, 'reviews'> & { reviews: number | string | null })[],
): ActionListRow[] => rows.map((row) => ({ ...row, reviews: Number(row.reviews ?? 0) }))

/** One action with its owner's names and how often it came back, or null. */
export async function findActionRow(db: Db, id: string): Promise<ActionListRow | null> {
  const [row] = normalise(await actionList(db).where('actions.id', '=', id).execute())
  return row ?? null
}

/** The team's open and in-progress actions, oldest due first: the follow-up list. */
export async function listOpenActionsOfTeam(db: Db, teamId: string): Promise<ActionListRow[]> {
  return normalise(
    await actionList(db)
      .where('actions.team_id', '=', teamId)
      .where('actions.status', 'in', ['open', 'in_progress'])
      .orderBy('actions.due_on')
      .orderBy('actions.created_at')
      .execute(),
  )
}

export async function listActionsOfMeeting(db: Db, meetingId: string): Promise<ActionListRow[]> {
  return normalise(
    await actionList(db)
      .where('actions.meeting_id', '=', meetingId)
      .orderBy('actions.created_at')
      .execute(),
  )
}

/** Actions that came back at this meeting's follow-up, with what they were left as. */
export async function listReviewedActions(
  db: Db,
  meetingId: string,
): Promise<(ActionListRow & { outcome: ActionStatus | null })[]> {
  const rows = await actionList(db)
    .innerJoin('action_reviews as reviewed', 'reviewed.action_id', 'actions.id')
    .select('reviewed.outcome')
    .where('reviewed.meeting_id', '=', meetingId)
    .orderBy('actions.due_on')
    .execute()
  return rows.map((row) => ({ ...row, reviews: Number(row.reviews ?? 0) }))
}

export type ActionFilter = { status: 'open' | 'closed' | 'all'; teamId: string | null }

/** An agency's actions in the given teams, overdue and soonest due first. */
export async function listActionsOfAgency(
  db: Db,
  agencyId: string,
  teamIds: string[],
  filter: ActionFilter,
): Promise<ActionListRow[]> {
  if (teamIds.length === 0) return []
  let query = actionList(db)
    .where('actions.owner_agency_id', '=', agencyId)
    .where('actions.team_id', 'in', filter.teamId ? [filter.teamId] : teamIds)
  if (filter.status === 'open') query = query.where('actions.status', 'in', ['open', 'in_progress'])
  if (filter.status === 'closed') query = query.where('actions.status', 'in', ['done', 'cancelled'])
  return normalise(
    await query.orderBy('actions.due_on').orderBy('actions.created_at').limit(200).execute(),
  )
}

/**
 * Marks that the team's open actions came back at this meeting (its follow-up).
 * Run when the meeting opens; actions decided at this same meeting are not counted.
 */
export async function recordReviews(db: Trx, meetingId: string, teamId: string): Promise<number> {
  const open = await db
    .selectFrom('actions')
    .select('id')
    .where('team_id', '=', teamId)
    .where('status', 'in', ['open', 'in_progress'])
    .where('meeting_id', '!=', meetingId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('action_reviews')
            .select('action_id')
            .whereRef('action_reviews.action_id', '=', 'actions.id')
            .where('action_reviews.meeting_id', '=', meetingId),
        ),
      ),
    )
    .execute()
  if (open.length === 0) return 0
  const now = nowIso()
  await db
    .insertInto('action_reviews')
    .values(
      open.map((row) => ({
        action_id: row.id,
        meeting_id: meetingId,
        outcome: null,
        created_at: now,
      })),
    )
    .execute()
  return open.length
}

export async function setActionStatus(
  db: Trx,
  id: string,
  status: ActionStatus,
  reason: CloseReason | null,
): Promise<void> {
  const now = nowIso()
  const closed = status === 'done' || status === 'cancelled'
  await db
    .updateTable('actions')
    .set({
      status,
      close_reason: status === 'cancelled' ? reason : null,
      closed_at: closed ? now : null,
      updated_at: now,
      // Opened again: a follow-up of the closed action no longer holds.
      ...(closed ? {} : noFollowUp),
    })
    .where('id', '=', id)
    .execute()
}

const noFollowUp = {
  follow_up_done: null,
  follow_up_effect: null,
  follow_up_reason: null,
  follow_up_by: null,
  follow_up_at: null,
  follow_up_confirmed_by: null,
  follow_up_confirmed_at: null,
  follow_up_confirmed_meeting_id: null,
} as const

export type FollowUp = { done: FollowUpDone; effect: FollowUpEffect; reason: string }

/** The owner agency's follow-up of a closed action; a changed follow-up waits for the chair again. */
export async function recordFollowUp(
  db: Trx,
  actionId: string,
  userId: string,
  followUp: FollowUp,
): Promise<void> {
  await db
    .updateTable('actions')
    .set({
      ...noFollowUp,
      follow_up_done: followUp.done,
      follow_up_effect: followUp.effect,
      follow_up_reason: followUp.reason,
      follow_up_by: userId,
      follow_up_at: nowIso(),
    })
    .where('id', '=', actionId)
    .execute()
}

/** The chair's confirmation of a follow-up, at a meeting of the team. */
export async function confirmFollowUp(
  db: Trx,
  actionId: string,
  userId: string,
  meetingId: string,
): Promise<void> {
  await db
    .updateTable('actions')
    .set({
      follow_up_confirmed_by: userId,
      follow_up_confirmed_at: nowIso(),
      follow_up_confirmed_meeting_id: meetingId,
    })
    .where('id', '=', actionId)
    .where('follow_up_at', 'is not', null)
    .execute()
}

/** Closed actions of the team whose follow-up is reported and waits for the chair, or was confirmed at this meeting. */
export async function listFollowUpsForMeeting(
  db: Db,
  teamId: string,
  meetingId: string,
): Promise<ActionListRow[]> {
  return normalise(
    await actionList(db)
      .where('actions.team_id', '=', teamId)
      .where('actions.follow_up_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('actions.follow_up_confirmed_at', 'is', null),
          eb('actions.follow_up_confirmed_meeting_id', '=', meetingId),
        ]),
      )
      .orderBy('actions.follow_up_at')
      .execute(),
  )
}

/** Remembers the status an action was left in at a meeting where it came back. */
export async function setReviewOutcome(
  db: Trx,
  actionId: string,
  meetingId: string,
  status: ActionStatus,
): Promise<void> {
  await db
    .updateTable('action_reviews')
    .set({ outcome: status })
    .where('action_id', '=', actionId)
    .where('meeting_id', '=', meetingId)
    .execute()
}

export async function addProgressNote(
  db: Trx,
  input: { actionId: string; agencyId: string; userId: string; text: string },
): Promise<string> {
  const id = newId()
  await db
    .insertInto('action_progress_notes')
    .values({
      id,
      action_id: input.actionId,
      agency_id: input.agencyId,
      user_id: input.userId,
      text: input.text,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export function listProgressNotes(db: Db, actionIds: string[]) {
  if (actionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('action_progress_notes')
    .innerJoin('agencies', 'agencies.id', 'action_progress_notes.agency_id')
    .selectAll('action_progress_notes')
    .select('agencies.name as agency_name')
    .where('action_id', 'in', actionIds)
    .orderBy('action_progress_notes.created_at')
    .execute()
}

/**
 * Gallring: a team's actions that are closed (done or closed without) and were
 * decided at a meeting approved before `before` — the approved minutes keep
 * their text; open actions are never removed.
 */
export async function closedActionIdsBefore(
  db: Db,
  teamId: string,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .select('actions.id')
    .where('actions.team_id', '=', teamId)
    .where('actions.status', 'in', ['done', 'cancelled'])
    .where('meetings.status', '=', 'approved')
    .where('meetings.approved_at', '<', before)
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

/** Gallring: progress notes of the team's closed actions written before `before`. */
export async function closedActionNoteIdsBefore(
  db: Db,
  teamId: string,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('action_progress_notes as n')
    .innerJoin('actions', 'actions.id', 'n.action_id')
    .select('n.id')
    .where('actions.team_id', '=', teamId)
    .where('actions.status', 'in', ['done', 'cancelled'])
    .where('n.created_at', '<', before)
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}
