import type { Selectable } from 'kysely'

export const auditOutcomes = ['success', 'failure', 'denied'] as const
export type AuditOutcome = (typeof auditOutcomes)[number]

export interface AuditChainTable {
  id: number
  last_seq: number
  last_hash: string
  /** The hash the head had before its last move (written by PostgreSQL's one-statement append). */
  prev_hash: string | null
}

export interface AuditEventTable {
  seq: number
  occurred_at: string
  actor_user_id: string | null
  actor_agency_id: string | null
  action: string
  object_type: string | null
  object_id: string | null
  outcome: AuditOutcome
  /** JSON object; never free text typed by users about the matter at hand. */
  details: string
  request_id: string | null
  prev_hash: string
  hash: string
}

export type AuditEventRow = Selectable<AuditEventTable>
