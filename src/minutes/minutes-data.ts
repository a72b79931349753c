import type { MeetingAccess } from '../access/team-access'
import type { meetingRecordData } from '../meetings/meeting-record-data'
import { listAgendaItems } from '../meetings/meeting.repository'
import { pictureOf, type Reader } from '../situation/read'
import { meetingSituationData } from '../situation/meeting-situation'
import { listAddenda, listApprovals } from './minutes.repository'
import type { ApprovalCapacity } from './minutes.table'

/** In which capacity this viewer may still approve: as chair, or as the meeting's minute-checker. */
export function pendingCapacity(
  access: MeetingAccess,
  viewerId: string,
  approved: Set<ApprovalCapacity>,
): ApprovalCapacity | null {
  if (access.meeting.status !== 'closed') return null
  const isChecker = access.meeting.minute_checker_user_id === viewerId
  if (access.can.approveAsChair && !approved.has('chair') && !isChecker) return 'chair'
  if (isChecker && !approved.has('minute_checker')) return 'minute_checker'
  return null
}

export type MinutesData = Awaited<ReturnType<typeof minutesData>>

/** What the minutes show this reader: the record in full, the situation picture in aggregate. */
export async function minutesData(
  reader: Reader,
  access: MeetingAccess,
  record: Awaited<ReturnType<typeof meetingRecordData>>,
) {
  const { db, viewer } = reader
  // The minutes reveal the meeting's record in full; its situation picture only in aggregate.
  reader.log([
    {
      objectType: 'minutes',
      objectId: access.meeting.id,
      teamId: access.team.id,
      role: access.role,
      shown: 'full',
    },
  ])
  const [items, approvals, addenda, situation] = await Promise.all([
    listAgendaItems(db, access.meeting.id),
    listApprovals(db, access.meeting.id),
    listAddenda(db, access.meeting.id),
    meetingSituationData(reader, access, 'aggregate'),
  ])
  const approved = new Set(approvals.map((a) => a.capacity))
  // The picture as aggregates only: the minutes go to every member agency.
  return {
    items,
    approvals,
    addenda,
    record,
    picture: pictureOf(situation.entries),
    assessments: situation.assessments,
    canApproveAs: pendingCapacity(access, viewer.userId, approved),
  }
}
