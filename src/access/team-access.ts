import type { Db } from '../db/connect'
import type { Viewer } from '../http/app-env'
import { AppError } from '../http/errors'
import { todayInStockholm } from '../i18n/format'
import { findActiveMembership, findTeam } from '../teams/team.repository'
import type { TeamRole, TeamRow } from '../teams/team.table'
import { findMeeting } from '../meetings/meeting.repository'
import type { MeetingRow } from '../meetings/meeting.table'
import { mayDo, mayViewMeeting, type MeetingAction } from './meeting-policy'

export type TeamAccess = { team: TeamRow; role: TeamRole }

/**
 * The team and the viewer's role in it, for a viewer with an active membership.
 * Anyone else, admins included, gets 404: a team's existence is itself
 * information only its members may have.
 */
export async function requireTeamAccess(db: Db, viewer: Viewer, teamId: string): Promise<TeamAccess> {
  const membership = await findActiveMembership(db, viewer.userId, teamId, todayInStockholm())
  const team = membership ? await findTeam(db, teamId) : null
  if (!membership || !team) throw new AppError(404, 'error.notFound')
  return { team, role: membership.role }
}

export type MeetingAccess = TeamAccess & { meeting: MeetingRow }

/** The meeting, its team and the viewer's role; 404 for anyone who may not see it. */
export async function requireMeetingAccess(db: Db, viewer: Viewer, meetingId: string): Promise<MeetingAccess> {
  const meeting = await findMeeting(db, meetingId)
  if (!meeting) throw new AppError(404, 'error.notFound')
  const access = await requireTeamAccess(db, viewer, meeting.team_id)
  if (!mayViewMeeting(access.role, meeting)) throw new AppError(404, 'error.notFound')
  return { ...access, meeting }
}

/** Refuses with 403 what the viewer's role does not allow (they can see the thing, so 404 would mislead). */
export function requireRole(access: TeamAccess, action: MeetingAction): void {
  if (!mayDo(access.role, action)) throw new AppError(403, 'error.forbidden')
}
