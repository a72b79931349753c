/** The kinds of record gallring removes, each with its default period in months (null: kept). */
export const retentionKinds = {
  // 13 months after the end of the period an entry describes (domain.md §4), with its recipients.
  // The weekly counts, the approved minutes and the disclosure register stay.
  entries: { months: 13, perTeam: true },
  // The disclosure register (who gave what kind of entry to whom, on which basis, never its text)
  // outlives the entries it records: as long as the logs, which hold the same trail.
  disclosures: { months: 24, perTeam: true },
  // The sharing guide's answers behind a disclosure: blanked, the disclosure itself kept.
  guide_answers: { months: 13, perTeam: true },
  // Reports from outside the team, by the day of what they saw: an included one lives on as its
  // entry (kept as entries are), a returned or forgotten one has nothing more to do.
  reports: { months: 3, perTeam: true },
  // Progress notes of closed actions: by default they go with their action.
  progress_notes: { months: null, perTeam: true },
  // Decisions and actions of approved meetings, closed ones only, with their progress notes: by
  // default kept as long as the approved minutes are (which hold their text either way).
  decisions_actions: { months: null, perTeam: true },
  // The justerat protokoll: kept unless the municipality's plan says otherwise. When it goes, a
  // disposal row keeps the hash it had, so the approval's audit event still checks out.
  approved_minutes: { months: null, perTeam: true },
  audit_events: { months: 24, perTeam: false },
  access_log: { months: 24, perTeam: false },
  // Ended sessions, spent or expired one-time links: 0 = as soon as they can no longer be used.
  sessions: { months: 0, perTeam: false },
  one_time_tokens: { months: 0, perTeam: false },
  // A resent form is recognised by its key for a month; after that the key is forgotten.
  idempotency_keys: { months: 1, perTeam: false },
} as const satisfies Record<string, { months: number | null; perTeam: boolean }>

export type RetentionKind = keyof typeof retentionKinds
export const retentionKindNames = Object.keys(retentionKinds) as RetentionKind[]

export interface RetentionSettingTable {
  record_type: RetentionKind
  /** '' for every team */
  team_id: string
  /** null: kept */
  months: number | null
  updated_at: string
}

export interface RetentionRunTable {
  id: string
  started_at: string
  ended_at: string | null
  started_by: string | null
  dry_run: number
  outcome: 'running' | 'done' | 'failed' | 'skipped'
  /** JSON of RetentionReport */
  report: string
}

export interface AuditCheckpointTable {
  up_to_seq: number
  last_hash: string
  minutes: string
  created_at: string
}

export interface AccessLogCheckpointTable {
  up_to_batch: number
  up_to_seq: number
  last_hash: string
  created_at: string
}

/** One line of a run's report: a kind of record in one team (or in all), what went and what stays. */
export type RetentionLine = {
  kind: RetentionKind
  teamId: string | null
  removed: number
  /** The cut-off the rule gave: older than this goes. */
  cutoff: string | null
  /** The oldest row kept, and the rule that keeps it. */
  oldestKept: { at: string; because: 'period' | 'open_action' | 'meeting_not_approved' } | null
}

export type RetentionReport = { lines: RetentionLine[]; error?: string }
