import { mayDo, mayUpdateAction } from '../access/meeting-policy'
import type { MeetingAccess } from '../access/team-access'
import {
  listActionsOfMeeting,
  listFollowUpsForMeeting,
  listOpenActionsOfTeam,
  listReviewedActions,
  type ActionListRow,
} from '../actions/action.repository'
import type { ActionStatus } from '../actions/action.table'
import type { Db } from '../db/connect'
import {
  listDecisionEntryLinks,
  listDecisionProblems,
  listDecisions,
} from '../decisions/decision.repository'
import type { Viewer } from '../http/app-env'
import { localDayAndTime, todayInStockholm } from '../i18n/format'
import {
  listAreas,
  listCategories,
  listMemberships,
  listTeamAgencies,
} from '../teams/team.repository'
import { listGuests, listPresentAgencies } from '../attendance/attendance.repository'
import { isUnstarted } from './meeting-status'
import {
  chairCandidates,
  chairsMeeting,
  checkerCandidates,
  meetingChair,
} from '../minutes/approvers'

/** The day of the team's next meeting after this one: the default due date for its actions. */
export async function defaultDueDay(db: Db, access: MeetingAccess): Promise<string> {
  const next = await db
    .selectFrom('meetings')
    .select('starts_at')
    .where('team_id', '=', access.team.id)
    .where('starts_at', '>', access.meeting.starts_at)
    .where('status', '!=', 'cancelled')
    .orderBy('starts_at')
    .executeTakeFirst()
  return localDayAndTime(
    next?.starts_at ??
      new Date(Date.parse(access.meeting.starts_at) + 14 * 86_400_000).toISOString(),
  ).day
}

export type FollowUpRow = ActionListRow & { outcome: ActionStatus | null; mayUpdate: boolean }

/** Everything the meeting page shows about what happened at the meeting, as this viewer may see it. */
export async function meetingRecordData(db: Db, access: MeetingAccess, viewer: Viewer) {
  const { meeting, team } = access
  const today = todayInStockholm()
  const started = !isUnstarted(meeting.status) && meeting.status !== 'cancelled'
  const [agencies, present, guests, decisions, actions, members, followUp, dueDay, areas] =
    await Promise.all([
      listTeamAgencies(db, team.id, today),
      listPresentAgencies(db, meeting.id),
      listGuests(db, meeting.id),
      listDecisions(db, meeting.id),
      listActionsOfMeeting(db, meeting.id),
      listMemberships(db, team.id),
      // Before the meeting: what will come back. From the opening on: what came back, and how it was left.
      started
        ? listReviewedActions(db, meeting.id)
        : listOpenActionsOfTeam(db, team.id).then((rows) =>
            rows.map((row) => ({ ...row, outcome: null })),
          ),
      defaultDueDay(db, access),
      listAreas(db, team.id),
    ])
  const activeMembers = members.filter((m) => m.ends_on === null || m.ends_on >= today)
  const [problems, entryLinks, categories, followUpsToConfirm] = await Promise.all([
    listDecisionProblems(
      db,
      decisions.map((decision) => decision.id),
    ),
    listDecisionEntryLinks(
      db,
      decisions.map((decision) => decision.id),
    ),
    listCategories(db, team.id),
    started ? listFollowUpsForMeeting(db, team.id, meeting.id) : [],
  ])
  const running = meeting.status === 'open' || meeting.status === 'closed'
  return {
    chair: meetingChair(members, meeting, today),
    chairCandidates: chairCandidates(members, today),
    checkerCandidates: checkerCandidates(members, present, meeting, today),
    agencies,
    present,
    guests,
    decisions,
    actions,
    followUp: followUp.map((row): FollowUpRow => ({
      ...row,
      mayUpdate: mayUpdateAction(access.role, viewer.agencyId, row),
    })),
    members: activeMembers.map((m) => ({
      userId: m.user_id,
      name: m.user_name,
      agencyId: m.agency_id,
      agencyName: m.agency_name,
    })),
    areas: areas.filter((area) => area.retired_at === null),
    categories: categories.filter((category) => category.retired_at === null),
    problems,
    /** Entries of the picture the decisions name, by id: shown only where the reader sees the entry. */
    entryLinks,
    followUpsToConfirm,
    // The one who chairs this meeting confirms the owner agencies' follow-ups in it.
    canConfirmFollowUp:
      running && chairsMeeting(meeting, { userId: viewer.userId, role: access.role }),
    minuteCheckerId: meeting.minute_checker_user_id,
    dueDay,
    today,
    canRecord:
      mayDo(access.role, 'record') && (meeting.status === 'open' || meeting.status === 'closed'),
  }
}

export type MeetingRecordData = Awaited<ReturnType<typeof meetingRecordData>>
