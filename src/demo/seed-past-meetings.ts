import { getISODay } from 'date-fns'
import { requireMeetingAccess } from '../access/team-access'
import { createAction, recordReviews } from '../actions/action.repository'
import { agendaTemplates } from '../agenda/agenda-templates'
import { saveAssessment } from '../assessments/assessment.repository'
import { setAttendance } from '../attendance/attendance.repository'
import { commitAs } from '../changes/commit'
import type { Db, Trx } from '../db/connect'
import { createDecision } from '../decisions/decision.repository'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../i18n/format'
import { createMeeting, setMeetingStatus, setMinuteChecker } from '../meetings/meeting.repository'
import { listMemberships } from '../teams/team.repository'
import { mayDo } from '../access/meeting-policy'
import { approveMinutes } from '../minutes/approval'
import type { ApprovalCapacity } from '../minutes/minutes.table'
import { occurrenceOn } from '../series/recurrence'
import { findViewer } from '../users/user.repository'

/** Each area's level at the three past meetings, oldest first: the overview and the analysis have levels to show. */
const levels = [
  [0, 1, 1],
  [1, 2, 3],
  [0, 0, 1],
  [1, 1, 0],
  [2, 2, 2],
  [0, 0, 0],
]

const decisions = [
  {
    text: 'Extra vuxennärvaro vid Stationsområdet på fredagskvällar under fyra veckor',
    action: 'Fritidsgårdens personal och nattvandrare går rundan 19–23',
    owner: 'fritid1',
  },
  {
    text: 'Belysningen i gångtunneln vid Norrby ses över',
    action: 'Bostadsbolaget byter armaturer och rapporterar vid nästa möte',
    owner: 'bostad1',
  },
  {
    text: 'Samordnad insats mot nedskräpning och klotter i Hamnen',
    action: 'Kommunens trygghetsenhet beställer sanering inom en vecka',
    owner: 'samordnare',
  },
]

export type PastMeetingTeam = {
  teamId: string
  seriesId: string
  series: {
    title: string
    weekday: number
    startTime: string
    durationMinutes: number
    location: string
  }
  /** user key → id, for the people who hold the meeting */
  userIds: Map<string, string>
  chairKey: string
  checkerKey: string
}

/** The series' day `weeksAgo` meetings back: its weekday, before today. */
export function pastSeriesDay(weekday: number, weeksAgo: number): string {
  const today = todayInStockholm()
  const back = (getISODay(new Date(`${today}T12:00:00Z`)) - weekday + 7) % 7 || 7
  return addDaysToDay(today, -back - 7 * (weeksAgo - 1))
}

export type HeldMeeting = { meetingId: string; weeksAgo: number; approvedAt: string }

/**
 * Three past meetings of the EST group, held the way Läget holds them: called,
 * opened, attendance, the open actions followed up, each area assessed, a
 * decision with an action, closed. The demo's entries of those weeks are then
 * reported to them, and `approvePastMeetings` has them approved.
 */
export async function holdPastMeetings(trx: Trx, team: PastMeetingTeam): Promise<HeldMeeting[]> {
  const user = (key: string) => team.userIds.get(key)!
  const held: HeldMeeting[] = []
  for (let weeksAgo = 3; weeksAgo >= 1; weeksAgo--) {
    const day = pastSeriesDay(team.series.weekday, weeksAgo)
    const when = occurrenceOn(day, team.series.startTime, team.series.durationMinutes)
    const meetingId = await holdMeeting(trx, team, weeksAgo, day, when, user)
    // Approved the afternoon after.
    const approvedAt = new Date(Date.parse(when.endsAt) + 28 * 3_600_000).toISOString()
    held.push({ meetingId, weeksAgo, approvedAt })
  }
  return held
}

/**
 * The chair and the justerare approve each held meeting through the product's
 * own approval, so the stored record is made as in real use and the demo shows
 * what an approved meeting looks like.
 */
export async function approvePastMeetings(
  db: Db,
  team: PastMeetingTeam,
  held: readonly HeldMeeting[],
): Promise<void> {
  for (const { meetingId, approvedAt } of held) {
    for (const [capacity, key] of [
      ['chair', team.chairKey],
      ['minute_checker', team.checkerKey],
    ] as [ApprovalCapacity, string][]) {
      const viewer = (await findViewer(db, team.userIds.get(key)!))!
      await commitAs(
        { db },
        { userId: viewer.userId, agencyId: viewer.agencyId },
        async (trx, change) => {
          const access = await requireMeetingAccess(trx, viewer, meetingId)
          const reader = { db: trx, viewer, log: () => {} }
          await approveMinutes(trx, change, reader, access, capacity, approvedAt)
        },
      )
    }
  }
}

async function holdMeeting(
  trx: Trx,
  team: PastMeetingTeam,
  weeksAgo: number,
  day: string,
  when: { startsAt: string; endsAt: string },
  user: (key: string) => string,
): Promise<string> {
  const meetingId = await createMeeting(
    trx,
    {
      teamId: team.teamId,
      seriesId: team.seriesId,
      seriesDay: day,
      title: team.series.title,
      startsAt: when.startsAt,
      endsAt: when.endsAt,
      location: team.series.location,
      videoLink: '',
    },
    agendaTemplates.est,
  )
  await setMeetingStatus(trx, meetingId, 'planned', 'called')
  await setMeetingStatus(trx, meetingId, 'called', 'open')
  await recordReviews(trx, meetingId, team.teamId)
  // Every agency that speaks in the team was there; the observer's was not.
  const members = await listMemberships(trx, team.teamId)
  const agencyIds = [...new Set(members.map((m) => m.agency_id))]
  const present = new Set(members.filter((m) => mayDo(m.role, 'report')).map((m) => m.agency_id))
  await setAttendance(trx, meetingId, agencyIds, present)
  await setMinuteChecker(trx, meetingId, user(team.checkerKey))
  const areas = await trx
    .selectFrom('areas')
    .select(['id', 'name'])
    .where('team_id', '=', team.teamId)
    .orderBy('name')
    .execute()
  const week = isoWeekKey(day)
  for (const [index, area] of areas.entries()) {
    const history = levels[index % levels.length]!
    const level = history[3 - weeksAgo]!
    const before = history[2 - weeksAgo] ?? level
    const trend = level > before ? 'increasing' : level < before ? 'decreasing' : 'unchanged'
    await saveAssessment(
      trx,
      { teamId: team.teamId, meetingId, areaId: area.id, week, setBy: user(team.chairKey) },
      { level, trend, justification: `${area.name}: bedömt runt bordet` },
    )
  }
  const decision = decisions[3 - weeksAgo]!
  const decisionId = await createDecision(trx, {
    meetingId,
    agendaItemId: null,
    text: decision.text,
    createdBy: user(team.chairKey),
  })
  const owner = await trx
    .selectFrom('users')
    .select('agency_id')
    .where('id', '=', user(decision.owner))
    .executeTakeFirstOrThrow()
  await createAction(trx, {
    teamId: team.teamId,
    meetingId,
    decisionId,
    text: decision.action,
    ownerAgencyId: owner.agency_id,
    ownerUserId: null,
    dueOn: addDaysToDay(day, 7),
  })
  await setMeetingStatus(trx, meetingId, 'open', 'closed')
  // The times as they were, not the moment the demo was made.
  await trx
    .updateTable('meetings')
    .set({
      called_at: addDaysToDay(day, -6) + 'T08:00:00.000Z',
      opened_at: when.startsAt,
      closed_at: when.endsAt,
    })
    .where('id', '=', meetingId)
    .execute()
  return meetingId
}
