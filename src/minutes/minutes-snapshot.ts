import { createHash } from 'node:crypto'
import type { MeetingAccess } from '../access/team-access'
import {
  listActionsOfMeeting,
  listReviewedActions,
  type ActionListRow,
} from '../actions/action.repository'
import { listAssessmentsOfMeeting } from '../assessments/assessment.repository'
import { parseScale } from '../assessments/scale'
import { listGuests, listPresentAgencies } from '../attendance/attendance.repository'
import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import { listDecisionProblems, listDecisions } from '../decisions/decision.repository'
import { formatDateTime, formatDay, formatMeetingTime } from '../i18n/format'
import { translator, type Translate } from '../i18n/t'
import { listAgendaItems } from '../meetings/meeting.repository'
import { readTeamPictureOfMeeting, type Reader } from '../situation/read'
import { listAreas } from '../teams/team.repository'
import { renderMinutesRecord } from '../../views/minutes/minutes-record'
import type { MinutesSnapshot, SnapshotLabels } from './snapshot-shape'
import { listApprovals } from './minutes.repository'

export type { MinutesSnapshot } from './snapshot-shape'

/** The language of the record: it is the team's legal record, approved in Swedish. */
export const recordLocale = 'sv'

function labelsOf(t: Translate): SnapshotLabels {
  return {
    record: t('minutes.approvedRecord'),
    when: t('meeting.when'),
    location: t('meeting.location'),
    attendance: t('attendance.title'),
    attendanceNone: t('attendance.none'),
    agenda: t('agenda.title'),
    followUp: t('followUp.title'),
    followUpNone: t('followUp.none'),
    situation: t('minutes.situation'),
    assessments: t('assessment.title'),
    assessmentsNone: t('assessment.noneInMeeting'),
    area: t('situation.area'),
    level: t('assessment.level'),
    trend: t('situation.trend'),
    justification: t('assessment.justification'),
    entries: t('situation.entriesTitle'),
    entriesNone: t('situation.noEntries'),
    category: t('situation.category'),
    entriesCount: t('situation.entriesCount'),
    eventsCount: t('situation.eventsCount'),
    trends: t('situation.trends'),
    decisions: t('decisions.title'),
    decisionsNone: t('decisions.none'),
    approval: t('minutes.approval'),
  }
}

function actionFacts(t: Translate, action: ActionListRow): string {
  const owner = action.owner_user_name
    ? `${action.owner_agency_name} (${action.owner_user_name})`
    : action.owner_agency_name
  const status = action.close_reason
    ? `${t(`actionStatus.${action.status}`)} – ${t(`closeReason.${action.close_reason}`)}`
    : t(`actionStatus.${action.status}`)
  return `${owner} · ${t('actions.due', { date: formatDay(action.due_on, recordLocale) })} · ${status}`
}

/**
 * Gathers the snapshot in the approving transaction (so nothing can change
 * between reading and storing it). Reads go through the read door as the
 * approver, logged as what the record reveals: the record and the picture in aggregate.
 */
export async function gatherSnapshot(
  trx: Trx,
  reader: Reader,
  access: MeetingAccess,
): Promise<MinutesSnapshot> {
  const t = translator(recordLocale)
  const { meeting, team } = access
  const door: Reader = { ...reader, db: trx }
  const [present, guests, items, followUp, decisions, actions, assessments, areas, approvals] =
    await Promise.all([
      presentAgencyNames(trx, meeting.id),
      listGuests(trx, meeting.id),
      listAgendaItems(trx, meeting.id),
      listReviewedActions(trx, meeting.id),
      listDecisions(trx, meeting.id),
      listActionsOfMeeting(trx, meeting.id),
      listAssessmentsOfMeeting(trx, meeting.id),
      listAreas(trx, team.id),
      listApprovals(trx, meeting.id),
    ])
  const picture = await readTeamPictureOfMeeting(door, access)
  const problems = await listDecisionProblems(
    trx,
    decisions.map((decision) => decision.id),
  )
  const scale = parseScale(team.assessment_scale)
  const itemTitle = new Map(items.map((item) => [item.id, item.title]))
  const approvedAt =
    approvals
      .map((a) => a.approved_at)
      .sort()
      .at(-1) ?? nowIso()
  return {
    format: 1,
    meetingId: meeting.id,
    teamId: team.id,
    title: t('minutes.titleFor', { meeting: meeting.title, team: team.name }),
    when: formatMeetingTime(meeting.starts_at, meeting.ends_at, recordLocale),
    location: meeting.location,
    labels: labelsOf(t),
    attendance: [
      ...present,
      ...guests.map((guest) => t('minutes.guest', { name: guest.organisation })),
    ],
    agenda: items.map((item) => item.title),
    followUp: followUp.map((action) => ({
      actionId: action.id,
      text: action.text,
      facts: actionFacts(t, action),
      outcome: action.outcome
        ? t('minutes.outcome', { status: t(`actionStatus.${action.outcome}`) })
        : null,
    })),
    decisions: decisions.map((decision) => {
      const answers = problems.filter((problem) => problem.decisionId === decision.id)
      return {
        decisionId: decision.id,
        item: decision.agenda_item_id ? (itemTitle.get(decision.agenda_item_id) ?? null) : null,
        text: decision.text,
        // Added only when there is something to say: records made before stay byte for byte as they were.
        ...(answers.length > 0
          ? {
              problems: `${t('decisions.problems.answers')}: ${answers
                .map((p) =>
                  t('decisions.problems.cell', { area: p.areaName, category: p.categoryName }),
                )
                .join(', ')}`,
            }
          : {}),
        actions: actions
          .filter((action) => action.decision_id === decision.id)
          .map((action) => ({
            actionId: action.id,
            text: action.text,
            facts: actionFacts(t, action),
            status: action.status,
            ...(action.goal ? { goal: `${t('actions.goal')}: ${action.goal}` } : {}),
          })),
      }
    }),
    // In the team's order of areas, as the meeting showed them.
    assessments: areas.flatMap((area) =>
      assessments
        .filter((row) => row.area_id === area.id)
        .map((row) => ({
          area: area.name,
          level: scale[row.level] ?? String(row.level),
          trend: t(`trend.${row.trend}`),
          justification: row.justification,
        })),
    ),
    picture: picture.map((cell) => ({
      area: cell.areaName,
      category: cell.categoryName,
      entries: cell.entries,
      events: cell.events,
      trends: cell.trends
        .map(({ trend, count }) => `${t(`trend.${trend}`)} ${count}`.trim())
        .join(', '),
    })),
    approvals: (['chair', 'minute_checker'] as const).flatMap((capacity) =>
      approvals
        .filter((a) => a.capacity === capacity)
        .map((a) => ({
          capacity: t(capacity === 'chair' ? 'role.chair' : 'minutes.checker'),
          text: t('minutes.approvedBy', {
            name: `${a.user_name} (${a.agency_name})`,
            date: formatDateTime(a.approved_at, recordLocale),
          }),
        })),
    ),
    approvedAt,
  }
}

async function presentAgencyNames(db: Db, meetingId: string): Promise<string[]> {
  const present = await listPresentAgencies(db, meetingId)
  if (present.size === 0) return []
  const rows = await db
    .selectFrom('agencies')
    .select('name')
    .where('id', 'in', [...present])
    .execute()
  return rows.map((row) => row.name).sort((a, b) => a.localeCompare(b, 'sv'))
}

export const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** The record's HTML: the same bytes for the same snapshot, always. */
export const renderSnapshot = (snapshot: MinutesSnapshot): string => renderMinutesRecord(snapshot)

/** Stores the snapshot with its HTML and hash, in the approving transaction; returns the hash. */
export async function storeSnapshot(trx: Trx, snapshot: MinutesSnapshot): Promise<string> {
  const html = renderSnapshot(snapshot)
  const sha256 = sha256Of(html)
  await trx
    .insertInto('minutes_snapshots')
    .values({
      meeting_id: snapshot.meetingId,
      team_id: snapshot.teamId,
      format: snapshot.format,
      data: JSON.stringify(snapshot),
      html,
      sha256,
      // Stored the moment the second approval made it justerat.
      created_at: snapshot.approvedAt,
    })
    .execute()
  return sha256
}

export type StoredSnapshot = {
  snapshot: MinutesSnapshot
  html: string
  sha256: string
  createdAt: string
}

export async function findSnapshot(db: Db, meetingId: string): Promise<StoredSnapshot | null> {
  const row = await db
    .selectFrom('minutes_snapshots')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  if (!row) return null
  return {
    snapshot: JSON.parse(row.data) as MinutesSnapshot,
    html: row.html,
    sha256: row.sha256,
    createdAt: row.created_at,
  }
}
