import { mayDo } from '../access/meeting-policy'
import type { MeetingRow } from '../meetings/meeting.table'
import type { MembershipListRow } from '../teams/team.repository'
import type { TeamRole } from '../teams/team.table'

export type Person = { userId: string; name: string; agencyId: string; agencyName: string }

const personOf = (m: MembershipListRow): Person => ({
  userId: m.user_id,
  name: m.user_name,
  agencyId: m.agency_id,
  agencyName: m.agency_name,
})

const activeOn = (today: string) => (m: MembershipListRow) =>
  m.ends_on === null || m.ends_on >= today

/**
 * Whether a person chairs this meeting (and approves its minutes as chair):
 * its own chair where the coordinator named a stand-in, otherwise whoever holds
 * the team's chair role.
 */
export const chairsMeeting = (
  meeting: Pick<MeetingRow, 'chair_user_id'>,
  person: { userId: string; role: TeamRole },
): boolean =>
  meeting.chair_user_id
    ? meeting.chair_user_id === person.userId
    : mayDo(person.role, 'approveAsChair')

const chairs = (meeting: Pick<MeetingRow, 'chair_user_id'>, m: MembershipListRow) =>
  chairsMeeting(meeting, { userId: m.user_id, role: m.role })

/** Who may be named to chair this meeting: active members of a role that may chair. */
export function chairCandidates(members: readonly MembershipListRow[], today: string): Person[] {
  return members
    .filter(activeOn(today))
    .filter((m) => mayDo(m.role, 'chairMeeting'))
    .map(personOf)
}

/**
 * Who may be chosen as justerare: active members of a role that may approve
 * (not observers; guests are no members), from an agency marked present, and
 * not the one who chairs the meeting — the two approvals are two people.
 */
export function checkerCandidates(
  members: readonly MembershipListRow[],
  present: ReadonlySet<string>,
  meeting: Pick<MeetingRow, 'chair_user_id'>,
  today: string,
): Person[] {
  return members
    .filter(activeOn(today))
    .filter((m) => mayDo(m.role, 'approveAsChecker') && present.has(m.agency_id))
    .filter((m) => !chairs(meeting, m))
    .map(personOf)
}

/** Who chairs the meeting, as the meeting page names them; null when the team has no chair. */
export function meetingChair(
  members: readonly MembershipListRow[],
  meeting: Pick<MeetingRow, 'chair_user_id'>,
  today: string,
): (Person & { standIn: boolean }) | null {
  const chair = meeting.chair_user_id
    ? members.find((m) => m.user_id === meeting.chair_user_id)
    : members.filter(activeOn(today)).find((m) => chairs(meeting, m))
  return chair ? { ...personOf(chair), standIn: meeting.chair_user_id !== null } : null
}
