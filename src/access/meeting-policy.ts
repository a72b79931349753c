import type { MeetingStatus } from '../meetings/meeting.table'
import type { TeamRole } from '../teams/team.table'

/**
 * Who may do what with a team's meetings. Pure functions of the viewer's role
 * in the team; whether the meeting's status allows it is the status machine's
 * business (meeting-status.ts).
 */
export type MeetingAction =
  | 'managePlaces'
  | 'manageSeries'
  | 'editAgenda'
  | 'call'
  | 'open'
  | 'close'
  | 'move'
  | 'cancel'
  | 'record'
  | 'report'

const allowed: Record<MeetingAction, readonly TeamRole[]> = {
  managePlaces: ['coordinator'],
  manageSeries: ['coordinator'],
  editAgenda: ['coordinator', 'chair'],
  call: ['coordinator'],
  // The chair runs the meeting; the coordinator may stand in when the chair is away.
  open: ['chair', 'coordinator'],
  close: ['chair', 'coordinator'],
  move: ['coordinator'],
  cancel: ['coordinator'],
  // Attendance, the minute-checker, decisions and actions: the chair, with the coordinator as secretary.
  record: ['chair', 'coordinator'],
  // Situation entries: every seat that speaks for an agency; observers only read.
  report: ['coordinator', 'chair', 'member'],
}

export function mayDo(role: TeamRole, action: MeetingAction): boolean {
  return allowed[action].includes(role)
}

/**
 * Planned meetings are the organisers' draft: members and observers see a
 * meeting once its call is published (and keep seeing it if it is cancelled).
 */
export function mayViewMeeting(
  role: TeamRole,
  meeting: { status: MeetingStatus; called_at: string | null },
): boolean {
  if (role === 'coordinator' || role === 'chair') return true
  return (
    meeting.status !== 'planned' && (meeting.status !== 'cancelled' || meeting.called_at !== null)
  )
}

/**
 * Who may change an action's status or add progress notes: those who run the
 * team's meetings, and the owner agency's own people in the team (not observers).
 */
export function mayUpdateAction(
  role: TeamRole,
  viewerAgencyId: string,
  action: { owner_agency_id: string },
): boolean {
  if (role === 'chair' || role === 'coordinator') return true
  return role === 'member' && viewerAgencyId === action.owner_agency_id
}

/** Progress notes are the owner agency's own report: its people in the team, whatever their seat, but never an observer. */
export function mayAddProgressNote(
  role: TeamRole,
  viewerAgencyId: string,
  action: { owner_agency_id: string },
): boolean {
  return role !== 'observer' && viewerAgencyId === action.owner_agency_id
}
