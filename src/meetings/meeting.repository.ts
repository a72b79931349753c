import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type {
  AgendaItemKind,
  AgendaItemRow,
  AgendaTemplateItem,
  MeetingRow,
  MeetingSeriesRow,
  MeetingStatus,
} from './meeting.table'

// --- series

export type SeriesInput = {
  title: string
  cadence: 'weekly' | 'monthly'
  intervalWeeks: number
  monthlyNth: number | null
  weekday: number
  startTime: string
  durationMinutes: number
  location: string
  videoLink: string
  firstDay: string
  agendaTemplate: AgendaTemplateItem[]
}

const seriesColumns = (input: SeriesInput) => ({
  title: input.title,
  cadence: input.cadence,
  interval_weeks: input.intervalWeeks,
  monthly_nth: input.monthlyNth,
  weekday: input.weekday,
  start_time: input.startTime,
  duration_minutes: input.durationMinutes,
  location: input.location,
  video_link: input.videoLink,
  first_day: input.firstDay,
  agenda_template: JSON.stringify(input.agendaTemplate),
})

export async function createSeries(db: Trx, teamId: string, input: SeriesInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('meeting_series')
    .values({ id, team_id: teamId, ...seriesColumns(input), created_at: now, updated_at: now })
    .execute()
  return id
}

export async function updateSeries(db: Trx, id: string, input: SeriesInput): Promise<void> {
  await db
    .updateTable('meeting_series')
    .set({ ...seriesColumns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

export async function findSeries(
  db: Db,
  teamId: string,
  id: string,
): Promise<MeetingSeriesRow | null> {
  return (
    (await db
      .selectFrom('meeting_series')
      .selectAll()
      .where('id', '=', id)
      .where('team_id', '=', teamId)
      .executeTakeFirst()) ?? null
  )
}

export function listSeries(db: Db, teamId?: string): Promise<MeetingSeriesRow[]> {
  let query = db.selectFrom('meeting_series').selectAll().orderBy('title')
  if (teamId) query = query.where('team_id', '=', teamId)
  return query.execute()
}

// --- meetings

export type NewMeeting = {
  teamId: string
  seriesId: string | null
  seriesDay: string | null
  title: string
  startsAt: string
  endsAt: string
  location: string
  videoLink: string
}

export async function createMeeting(
  db: Trx,
  input: NewMeeting,
  agenda: AgendaTemplateItem[],
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('meetings')
    .values({
      id,
      team_id: input.teamId,
      series_id: input.seriesId,
      series_day: input.seriesDay,
      title: input.title,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      location: input.location,
      video_link: input.videoLink,
      status: 'planned',
      is_moved: 0,
      sequence: 0,
      called_at: null,
      opened_at: null,
      closed_at: null,
      approved_at: null,
      cancelled_at: null,
      minute_checker_user_id: null,
      chair_user_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  if (agenda.length > 0) {
    await db
      .insertInto('agenda_items')
      .values(
        agenda.map((item, index) => ({
          id: newId(),
          meeting_id: id,
          position: index + 1,
          title: item.title,
          kind: item.kind,
          presenter_agency_id: null,
          minutes: item.minutes,
          notes: '',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
  }
  return id
}

export function listMeetingsOfTeam(db: Db, teamId: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('starts_at')
    .execute()
}

export function listMeetingsOfSeries(db: Db, seriesId: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('series_id', '=', seriesId)
    .orderBy('starts_at')
    .execute()
}

export type MeetingChange = Partial<
  Pick<MeetingRow, 'title' | 'starts_at' | 'ends_at' | 'location' | 'video_link' | 'is_moved'>
>

/** Changes what calendar clients show, and bumps the ICS sequence so they notice. */
export async function updateMeetingFacts(
  db: Trx,
  id: string,
  change: MeetingChange,
): Promise<void> {
  await db
    .updateTable('meetings')
    .set((eb) => ({ ...change, sequence: eb('sequence', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .execute()
}

const statusTimestamp: Partial<
  Record<MeetingStatus, 'called_at' | 'opened_at' | 'closed_at' | 'approved_at' | 'cancelled_at'>
> = {
  called: 'called_at',
  open: 'opened_at',
  closed: 'closed_at',
  approved: 'approved_at',
  cancelled: 'cancelled_at',
}

/**
 * Moves a meeting to `to` only if it is still in `from`; returns false when
 * another request changed it first, so two clicks cannot both succeed.
 */
export async function setMeetingStatus(
  db: Trx,
  id: string,
  from: MeetingStatus,
  to: MeetingStatus,
): Promise<boolean> {
  const now = nowIso()
  const stamp = statusTimestamp[to]
  const result = await db
    .updateTable('meetings')
    .set((eb) => ({
      status: to,
      ...(stamp ? { [stamp]: now } : {}),
      sequence: eb('sequence', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteMeeting(db: Trx, id: string): Promise<void> {
  await db.deleteFrom('meetings').where('id', '=', id).execute()
}

// --- agenda

export function listAgendaItems(db: Db, meetingId: string): Promise<AgendaItemRow[]> {
  return db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute()
}

export async function findAgendaItem(
  db: Db,
  meetingId: string,
  id: string,
): Promise<AgendaItemRow | null> {
  return (
    (await db
      .selectFrom('agenda_items')
      .selectAll()
      .where('id', '=', id)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst()) ?? null
  )
}

export type AgendaItemInput = {
  title: string
  kind: AgendaItemKind
  presenterAgencyId: string | null
  minutes: number | null
  notes: string
}

const agendaColumns = (input: AgendaItemInput) => ({
  title: input.title,
  kind: input.kind,
  presenter_agency_id: input.presenterAgencyId,
  minutes: input.minutes,
  notes: input.notes,
})

export async function addAgendaItem(
  db: Trx,
  meetingId: string,
  input: AgendaItemInput,
): Promise<string> {
  const id = newId()
  const now = nowIso()
  const last = await db
    .selectFrom('agenda_items')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  await db
    .insertInto('agenda_items')
    .values({
      id,
      meeting_id: meetingId,
      position: Number(last?.max ?? 0) + 1,
      ...agendaColumns(input),
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export async function updateAgendaItem(db: Trx, id: string, input: AgendaItemInput): Promise<void> {
  await db
    .updateTable('agenda_items')
    .set({ ...agendaColumns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

export async function removeAgendaItem(db: Trx, meetingId: string, id: string): Promise<void> {
  await db.deleteFrom('agenda_items').where('id', '=', id).execute()
  await renumberAgenda(
    db,
    meetingId,
    (await listAgendaItems(db, meetingId)).map((item) => item.id),
  )
}

/** Swaps an item with its neighbour above (-1) or below (+1); at either end nothing moves. */
export async function moveAgendaItem(
  db: Trx,
  meetingId: string,
  id: string,
  direction: -1 | 1,
): Promise<void> {
  const ids = (await listAgendaItems(db, meetingId)).map((item) => item.id)
  const index = ids.indexOf(id)
  const target = index + direction
  if (index < 0 || target < 0 || target >= ids.length) return
  ;[ids[index], ids[target]] = [ids[target]!, ids[index]!]
  await renumberAgenda(db, meetingId, ids)
}

async function renumberAgenda(db: Trx, meetingId: string, orderedIds: string[]): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('agenda_items')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .where('meeting_id', '=', meetingId)
      .execute()
  }
}

export type UpcomingMeetingRow = MeetingRow & {
  team_name: string
  role: import('../teams/team.table').TeamRole
}

/** Meetings not yet ended in the teams where the user is an active member, soonest first. */
export function listUpcomingMeetingsOfUser(
  db: Db,
  userId: string,
  today: string,
  now: string,
  limit: number,
): Promise<UpcomingMeetingRow[]> {
  return db
    .selectFrom('meetings')
    .innerJoin('team_memberships', 'team_memberships.team_id', 'meetings.team_id')
    .innerJoin('teams', 'teams.id', 'meetings.team_id')
    .selectAll('meetings')
    .select(['teams.name as team_name', 'team_memberships.role'])
    .where('team_memberships.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('team_memberships.ends_on', 'is', null),
        eb('team_memberships.ends_on', '>=', today),
      ]),
    )
    .where('meetings.ends_at', '>=', now)
    .orderBy('meetings.starts_at')
    .limit(limit)
    .execute()
}

/** Names who chairs the meeting (null: the team's chair). */
export async function setMeetingChair(db: Trx, id: string, userId: string | null): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ chair_user_id: userId, updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

/** Names the meeting's justerare, who approves its minutes with the chair. */
export async function setMinuteChecker(db: Trx, id: string, userId: string): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ minute_checker_user_id: userId, updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}
