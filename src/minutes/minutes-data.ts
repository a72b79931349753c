import type { MeetingAccess } from '../access/team-access'
import type { meetingRecordData } from '../meetings/meeting-record-data'
import { listAgendaItems } from '../meetings/meeting.repository'
import { readTeamPictureOfMeeting, type Reader } from '../situation/read'
import { meetingSituationData } from '../situation/meeting-situation'
import { listAddenda, listApprovals } from './minutes.repository'
import { findSnapshot } from './minutes-snapshot'
import { listActionsOfMeeting } from '../actions/action.repository'
import type { ApprovalCapacity } from './minutes.table'
import { chairsMeeting } from './approvers'

/** In which capacity this viewer may still approve: as the meeting's chair, or as its minute-checker. */
export function pendingCapacity(
  access: MeetingAccess,
  viewerId: string,
  approved: Set<ApprovalCapacity>,
): ApprovalCapacity | null {
  if (access.meeting.status !== 'closed') return null
  const isChecker = access.meeting.minute_checker_user_id === viewerId
  const chairs = chairsMeeting(access.meeting, { userId: viewerId, role: access.role })
  if (chairs && !approved.has('chair') && !isChecker) return 'chair'
  if (isChecker && !approved.has('minute_checker')) return 'minute_checker'
  return null
}

export type MinutesData = Awaited<ReturnType<typeof minutesData>>

/** The minutes reveal the meeting's record in full (its situation picture only in aggregate, logged by the read door). */
const logMinutesRead = (reader: Reader, access: MeetingAccess) =>
  reader.log([
    {
      objectType: 'minutes',
      objectId: access.meeting.id,
      teamId: access.team.id,
      role: access.role,
      shown: 'full',
    },
  ])

/** What the minutes show this reader: the record in full, the situation picture in aggregate. */
export async function minutesData(
  reader: Reader,
  access: MeetingAccess,
  record: Awaited<ReturnType<typeof meetingRecordData>>,
) {
  const { db, viewer } = reader
  logMinutesRead(reader, access)
  const [items, approvals, addenda, situation, picture] = await Promise.all([
    listAgendaItems(db, access.meeting.id),
    listApprovals(db, access.meeting.id),
    listAddenda(db, access.meeting.id),
    meetingSituationData(reader, access, 'aggregate'),
    readTeamPictureOfMeeting(reader, access),
  ])
  const approved = new Set(approvals.map((a) => a.capacity))
  // The picture as aggregates, the same for the whole team: what is approved is what everyone reads.
  return {
    items,
    approvals,
    addenda,
    record,
    picture,
    assessments: situation.assessments,
    canApproveAs: pendingCapacity(access, viewer.userId, approved),
  }
}

/** The approved minutes: the stored record, with what came after it (addenda) and today's state of its actions beside it. */
export async function approvedMinutesData(reader: Reader, access: MeetingAccess) {
  const { db } = reader
  const [stored, addenda, actions] = await Promise.all([
    findSnapshot(db, access.meeting.id),
    listAddenda(db, access.meeting.id),
    listActionsOfMeeting(db, access.meeting.id),
  ])
  if (!stored) return null
  logMinutesRead(reader, access)
  return { stored, addenda, actionsToday: actions }
}

export type ApprovedMinutesData = NonNullable<Awaited<ReturnType<typeof approvedMinutesData>>>
