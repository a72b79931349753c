import { teamHasOutlines } from '../map/area-outline.repository'
import { mayDo } from '../access/meeting-policy'
import type { MeetingAccess } from '../access/team-access'
import { readMeetingEntries, type Reader } from './read'
import { listAssessmentsOfMeeting, previousAssessments } from '../assessments/assessment.repository'
import { parseScale } from '../assessments/scale'
import { listAreas } from '../teams/team.repository'

/** The meeting's situation picture as this viewer may see it: withdrawn entries are left out here. */
export async function meetingSituationData(
  reader: Reader,
  access: MeetingAccess,
  purpose: 'show' | 'aggregate' = 'show',
) {
  const { db } = reader
  const [entries, areas, current, previous, hasMap] = await Promise.all([
    readMeetingEntries(reader, access, purpose),
    listAreas(db, access.team.id),
    listAssessmentsOfMeeting(db, access.meeting.id),
    previousAssessments(db, access.team.id, access.meeting.starts_at),
    // The minutes (aggregate) show no map.
    purpose === 'show' ? teamHasOutlines(db, access.team.id) : false,
  ])
  const status = access.meeting.status
  return {
    meetingId: access.meeting.id,
    teamId: access.team.id,
    entries,
    /** Every area of the team, retired ones included, in the order the entries come in. */
    areaIds: areas.map((area) => area.id),
    /** The team has areas drawn on a map: the section offers the map of the meeting's picture. */
    hasMap,
    canReport: mayDo(access.role, 'report') && status !== 'approved' && status !== 'cancelled',
    assessments: {
      scale: parseScale(access.team.assessment_scale),
      // Retired areas stay where this meeting assessed them.
      areas: areas.filter(
        (area) => area.retired_at === null || current.some((a) => a.area_id === area.id),
      ),
      current: new Map(current.map((a) => [a.area_id, a])),
      previous,
      canAssess: mayDo(access.role, 'record') && (status === 'open' || status === 'closed'),
    },
  }
}

export type MeetingSituationData = Awaited<ReturnType<typeof meetingSituationData>>
