import type { MeetingStatus } from '../meetings/meeting.table'
import type { TeamRole } from '../teams/team.table'

/**
 * Who may do what with a team's meetings. Pure functions of the viewer's role
 * in the team; whether the meeting's status allows it is the status machine's
 * business (meeting-status.ts).
 */
export type MeetingAction =
  | 'managePlaces'
  | 'manageMap'
  | 'manageMembers'
  | 'manageSeries'
  | 'editAgenda'
  | 'call'
  | 'open'
  | 'close'
  | 'move'
  | 'cancel'
  | 'record'
  | 'report'
  | 'organise'
  | 'approveAsChair'
  | 'chairMeeting'
  | 'appointChair'
  | 'approveAsChecker'
  | 'releaseMinutes'
  | 'addAddendum'
  | 'writeAnalysis'
  | 'approveAnalysis'
  | 'inviteGuests'
  | 'readReports'
  | 'handleReports'
  | 'manageReporters'

const allowed: Record<MeetingAction, readonly TeamRole[]> = {
  managePlaces: ['coordinator'],
  // The areas' outlines on the map, as the municipality's GIS exports them.
  manageMap: ['coordinator'],
  // The team's members (people of its agencies, roles, last days); accounts and agencies stay the admin's.
  manageMembers: ['coordinator'],
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
  // Those who run the meetings: they see drafts, and the holidays a meeting falls on.
  organise: ['coordinator', 'chair'],
  // The chair's own approval of the minutes (the minute-checker's is by person, not role).
  approveAsChair: ['chair'],
  // Who may chair one meeting as a stand-in (and then approve as its chair), named by the coordinator.
  chairMeeting: ['chair', 'coordinator', 'member'],
  appointChair: ['coordinator'],
  // Who may be chosen as justerare: those who speak for an agency, never observers (nor guests, who are no members).
  approveAsChecker: ['chair', 'coordinator', 'member'],
  // A copy of approved minutes for a request for public records: the coordinator, as the team's registrar.
  releaseMinutes: ['coordinator'],
  // Corrections to approved minutes are addenda, dated and signed by the chair.
  addAddendum: ['chair'],
  // The coordinator drafts the period's analysis; the chair approves it.
  writeAnalysis: ['coordinator'],
  approveAnalysis: ['chair'],
  // A guest for one meeting (someone outside the team): the coordinator, who calls the meeting.
  inviteGuests: ['coordinator'],
  // The inbox of reports from outside the team: every seat that speaks for an agency (each sees its own agency's).
  readReports: ['coordinator', 'chair', 'member'],
  // Reports sent to the whole team, whatever the agency: the coordinator's (report-policy.ts).
  handleReports: ['coordinator'],
  // The reporters' seats: caretakers, guards and field workers of the team's agencies.
  manageReporters: ['coordinator'],
}

export function mayDo(role: TeamRole, action: MeetingAction): boolean {
  return allowed[action].includes(role)
}

/** Everything a role may do, for views: they read these flags and never compare roles. */
export type TeamCan = Readonly<Record<MeetingAction, boolean>>

export const canOf = (role: TeamRole): TeamCan =>
  Object.fromEntries(
    (Object.keys(allowed) as MeetingAction[]).map((action) => [action, mayDo(role, action)]),
  ) as TeamCan

/**
 * Planned meetings are the organisers' draft: members and observers see a
 * meeting once its call is published (and keep seeing it if it is cancelled).
 */
export function mayViewMeeting(
  role: TeamRole,
  meeting: { status: MeetingStatus; called_at: string | null },
): boolean {
  if (mayDo(role, 'organise')) return true
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
  if (mayDo(role, 'record')) return true
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

/**
 * The follow-up of a closed action (carried out? effect?) is the owner agency's
 * judgement, like its progress notes: its people in the team, never an observer.
 */
export const mayFollowUpAction = mayAddProgressNote
