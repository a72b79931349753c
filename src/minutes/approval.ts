import type { MeetingAccess } from '../access/team-access'
import type { ChangeRecord } from '../changes/commit'
import type { Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import { AppError } from '../http/errors'
import { assertTransition } from '../meetings/meeting-status'
import { setMeetingStatus } from '../meetings/meeting.repository'
import type { Reader } from '../situation/read'
import { gatherSnapshot, storeSnapshot } from './minutes-snapshot'
import { addApproval, listApprovals } from './minutes.repository'
import type { ApprovalCapacity } from './minutes.table'

/**
 * One approval of the minutes, in the change's transaction. The second one
 * makes them justerade: the meeting is frozen, and the record is gathered,
 * rendered and stored once for the whole team, its SHA-256 in the approval's
 * audit event (so the hash chain vouches for the record).
 */
export async function approveMinutes(
  trx: Trx,
  change: ChangeRecord,
  reader: Reader,
  access: MeetingAccess,
  capacity: ApprovalCapacity,
  /** When: now, except for the demo's past meetings, approved the day after they were held. */
  at: string = nowIso(),
): Promise<{ sha256: string | null }> {
  const meetingId = access.meeting.id
  await addApproval(trx, meetingId, capacity, reader.viewer.userId, at)
  change.audit({
    action: 'minutes.approve',
    objectType: 'meeting',
    objectId: meetingId,
    details: { teamId: access.team.id, capacity },
  })
  change.publish(meetingId, { kind: 'meeting' })
  const approvals = await listApprovals(trx, meetingId)
  if (approvals.length < 2) return { sha256: null }
  assertTransition(access.meeting.status, 'approved')
  if (!(await setMeetingStatus(trx, meetingId, 'closed', 'approved')))
    throw new AppError(409, 'meeting.error.changedMeanwhile')
  const snapshot = await gatherSnapshot(trx, reader, access)
  const sha256 = await storeSnapshot(trx, snapshot)
  change.audit({
    action: 'meeting.approved',
    objectType: 'meeting',
    objectId: meetingId,
    details: { teamId: access.team.id, sha256 },
  })
  return { sha256 }
}
