import type { Db } from '../db/connect'
import type { Viewer } from '../http/app-env'
import { AppError } from '../http/errors'
import { todayInStockholm } from '../i18n/format'
import { findTeamWithActiveRole } from '../teams/team.repository'
import type { TeamRole, TeamRow } from '../teams/team.table'
import type { MeetingRow } from '../meetings/meeting.table'
import { guestVisibleStatuses } from '../guests/guest-access.repository'
import { canOf, mayDo, mayViewMeeting, type MeetingAction, type TeamCan } from './meeting-policy'

/** The team, the viewer's role in it, and what that role may do (`can`, asked of the policy once). */
export type TeamAccess = { team: TeamRow; role: TeamRole; can: TeamCan }

/**
 * The team and the viewer's role in it, for a viewer with an active membership.
 * Anyone else, admins included, gets 404: a team's existence is itself
 * information only its members may have.
 */
export async function requireTeamAccess(
  db: Db,
  viewer: Viewer,
  teamId: string,
): Promise<TeamAccess> {
  const access = await findTeamWithActiveRole(db, viewer.userId, teamId, todayInStockholm())
  if (!access) throw new AppError(404, 'error.notFound')
  return { ...access, can: canOf(access.role) }
}

/** `guest`: the viewer is a guest of this one meeting, not a member of its team. */
/** The team's columns beside a meeting's, in the one query that finds both. */
const teamColumns = [
  'teams.name as team_name',
  'teams.kind as team_kind',
  'teams.description as team_description',
  'teams.assessment_scale as team_assessment_scale',
  'teams.created_at as team_created_at',
  'teams.updated_at as team_updated_at',
] as const

type MeetingWithTeamRow = MeetingRow & {
  team_name: string
  team_kind: TeamRow['kind']
  team_description: string
  team_assessment_scale: string
  team_created_at: string
  team_updated_at: string
}

function splitMeetingRow(row: MeetingWithTeamRow): { team: TeamRow; meeting: MeetingRow } {
  const {
    team_name,
    team_kind,
    team_description,
    team_assessment_scale,
    team_created_at,
    team_updated_at,
    ...meeting
  } = row
  const team: TeamRow = {
    id: meeting.team_id,
    name: team_name,
    kind: team_kind,
    description: team_description,
    assessment_scale: team_assessment_scale,
    created_at: team_created_at,
    updated_at: team_updated_at,
  }
  return { team, meeting }
}

export type MeetingAccess = TeamAccess & { meeting: MeetingRow; guest?: boolean }

/** The meeting, its team and the viewer's role; 404 for anyone who may not see it. */
export async function requireMeetingAccess(
  db: Db,
  viewer: Viewer,
  meetingId: string,
): Promise<MeetingAccess> {
  // One query: the meeting, its team and the viewer's active membership in it.
  const row = await db
    .selectFrom('meetings')
    .innerJoin('teams', 'teams.id', 'meetings.team_id')
    .innerJoin('team_memberships', 'team_memberships.team_id', 'meetings.team_id')
    .selectAll('meetings')
    .select([...teamColumns, 'team_memberships.role'])
    .where('meetings.id', '=', meetingId)
    .where('team_memberships.user_id', '=', viewer.userId)
    .where((eb) =>
      eb.or([
        eb('team_memberships.ends_on', 'is', null),
        eb('team_memberships.ends_on', '>=', todayInStockholm()),
      ]),
    )
    .executeTakeFirst()
  if (!row) return requireGuestAccess(db, viewer, meetingId)
  const { role, ...rest } = row
  const { team, meeting } = splitMeetingRow(rest)
  if (!mayViewMeeting(role, meeting)) throw new AppError(404, 'error.notFound')
  return { team, role, can: canOf(role), meeting }
}

/**
 * A guest of one meeting (not a member of its team) sees it as an observer —
 * stubs only, writing nothing — from its call until its minutes are approved.
 */
async function requireGuestAccess(
  db: Db,
  viewer: Viewer,
  meetingId: string,
): Promise<MeetingAccess> {
  const row = await db
    .selectFrom('meeting_guest_access as g')
    .innerJoin('meetings', 'meetings.id', 'g.meeting_id')
    .innerJoin('teams', 'teams.id', 'meetings.team_id')
    .selectAll('meetings')
    .select(teamColumns)
    .where('g.meeting_id', '=', meetingId)
    .where('g.user_id', '=', viewer.userId)
    .where('meetings.status', 'in', guestVisibleStatuses)
    .executeTakeFirst()
  if (!row) throw new AppError(404, 'error.notFound')
  const { team, meeting } = splitMeetingRow(row)
  return { team, role: 'observer', can: canOf('observer'), meeting, guest: true }
}

/** Refuses with 403 what the viewer's role does not allow (they can see the thing, so 404 would mislead). */
export function requireRole(access: TeamAccess, action: MeetingAction): void {
  if (!mayDo(access.role, action)) throw new AppError(403, 'error.forbidden')
}
