import { AppError } from '../http/errors'
import type { MeetingStatus } from './meeting.table'

/** planned → called → open → closed → approved; planned and called can be cancelled. */
const transitions: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['called', 'cancelled'],
  called: ['open', 'cancelled'],
  open: ['closed'],
  closed: ['approved'],
  approved: [],
  cancelled: [],
}

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return transitions[from].includes(to)
}

/** Refuses an illegal transition with 409 and a message that says why. */
export function assertTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (!canTransition(from, to)) throw new AppError(409, `meeting.transition.${to}`)
}

/** The agenda and the meeting's facts can change until the meeting is closed. */
export const isEditable = (status: MeetingStatus): boolean =>
  status === 'planned' || status === 'called' || status === 'open'

export const isUnstarted = (status: MeetingStatus): boolean =>
  status === 'planned' || status === 'called'

/** Attendance, decisions and actions are recorded in an open meeting, and corrected until approval. */
export function assertRecordable(status: MeetingStatus): void {
  if (status === 'approved') throw new AppError(409, 'meeting.error.frozen')
  if (status !== 'open' && status !== 'closed') throw new AppError(409, 'meeting.error.notRunning')
}
