import type { Selectable } from 'kysely'

export const actionStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const
export type ActionStatus = (typeof actionStatuses)[number]

/** Why an action was closed without being done. */
export const closeReasons = ['circumstances_changed', 'not_carried_out', 'moved_elsewhere'] as const
export type CloseReason = (typeof closeReasons)[number]

export const isOpenStatus = (status: ActionStatus): boolean =>
  status === 'open' || status === 'in_progress'

/** An action that has come back at this many meetings is marked for escalation. */
export const escalateAfterReviews = 3

/** Was the action carried out, as its owner agency reports it once it is closed. */
export const followUpDone = ['yes', 'partly', 'no'] as const
export type FollowUpDone = (typeof followUpDone)[number]
/** What it did to the problem, as the owner agency judges it (Brå's green, yellow, red — and "cannot tell"). */
export const followUpEffects = ['better', 'unchanged', 'worse', 'cannot_tell'] as const
export type FollowUpEffect = (typeof followUpEffects)[number]

export interface ActionTable {
  id: string
  team_id: string
  /** The meeting whose decision created it. */
  meeting_id: string
  decision_id: string
  text: string
  owner_agency_id: string
  owner_user_id: string | null
  /** the area the action concerns, if one */
  area_id: string | null
  due_on: string
  status: ActionStatus
  close_reason: CloseReason | null
  closed_at: string | null
  created_at: string
  updated_at: string
  /** The operative goal: what should be true when the action has done its work. */
  goal: string | null
  follow_up_done: FollowUpDone | null
  follow_up_effect: FollowUpEffect | null
  /** The owner agency's short justification of its judgement. */
  follow_up_reason: string | null
  follow_up_by: string | null
  follow_up_at: string | null
  /** The chair's confirmation, at a later meeting of the team. */
  follow_up_confirmed_by: string | null
  follow_up_confirmed_at: string | null
  follow_up_confirmed_meeting_id: string | null
}

export interface ActionReviewTable {
  action_id: string
  meeting_id: string
  /** The status the action was left in at that meeting, once updated there. */
  outcome: ActionStatus | null
  created_at: string
}

export interface ActionProgressNoteTable {
  id: string
  action_id: string
  agency_id: string
  user_id: string
  text: string
  created_at: string
}

export type ActionRow = Selectable<ActionTable>
