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
