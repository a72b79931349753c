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
