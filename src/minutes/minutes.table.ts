export const approvalCapacities = ['chair', 'minute_checker'] as const
export type ApprovalCapacity = (typeof approvalCapacities)[number]

export interface MinutesApprovalTable {
  meeting_id: string
  capacity: ApprovalCapacity
  user_id: string
  approved_at: string
}

export interface MinutesAddendumTable {
  id: string
  meeting_id: string
  text: string
  signed_by: string
  created_at: string
}

/** The justerat protokoll, stored at the second approval; rows are never changed (triggers refuse). */
export interface MinutesSnapshotTable {
  meeting_id: string
  team_id: string
  /** The version of the rendering, so that a stored snapshot is always re-rendered the way it was made. */
  format: number
  /** JSON of the snapshot's data (minutes-snapshot.ts) */
  data: string
  html: string
  sha256: string
  created_at: string
}

/** An approved minutes' record removed by gallring: which meeting, the hash it had, when and by which run. Never changed. */
export interface MinutesDisposalTable {
  meeting_id: string
  team_id: string
  sha256: string
  approved_at: string
  disposed_at: string
  run_id: string
}

/** A copy of approved minutes released on a request for public records, with what was masked under which provision. */
export interface MinutesReleaseTable {
  id: string
  meeting_id: string
  decided_by: string
  decided_at: string
  /** The request's reference (diarienummer), or "" */
  request_reference: string
  /** JSON: section → null (released) or the id of the secrecy provision masking it */
  masks: string
}
