import { commitAs, type Committer } from '../changes/commit'
import type { Trx } from '../db/connect'
import { todayInStockholm } from '../i18n/format'
import { isUnstarted } from '../meetings/meeting-status'
import type { AgendaTemplateItem, MeetingSeriesRow } from '../meetings/meeting.table'
import {
  createMeeting,
  deleteMeeting,
  listMeetingsOfSeries,
  listSeries,
  setMeetingStatus,
  updateMeetingFacts,
} from '../meetings/meeting.repository'
import { occurrences, type RecurrenceRule } from './recurrence'

/** How many upcoming meetings a series keeps generated. */
export const meetingsAhead = 8

export function ruleOf(series: MeetingSeriesRow): RecurrenceRule {
  return {
    cadence:
      series.cadence === 'monthly'
        ? { kind: 'monthly', nth: (series.monthly_nth ?? 1) as 1 | 2 | 3 | 4 | -1 }
        : { kind: 'weekly', intervalWeeks: series.interval_weeks },
    weekday: series.weekday,
    startTime: series.start_time,
    durationMinutes: series.duration_minutes,
    firstDay: series.first_day,
  }
}

function upcoming(series: MeetingSeriesRow, now: Date) {
  // One extra in case today's occurrence has already started.
  return occurrences(ruleOf(series), todayInStockholm(now), meetingsAhead + 1)
    .filter((occurrence) => Date.parse(occurrence.startsAt) > now.getTime())
    .slice(0, meetingsAhead)
}

/**
 * Makes sure the series' next meetings exist (each with the series' agenda).
 * Occurrences that already have a meeting, moved or cancelled ones included,
 * are left alone; returns how many were created.
 */
export async function ensureUpcomingMeetings(
  db: Trx,
  series: MeetingSeriesRow,
  now = new Date(),
): Promise<number> {
  const existing = new Set(
    (await listMeetingsOfSeries(db, series.id)).map((meeting) => meeting.series_day),
  )
  const template = JSON.parse(series.agenda_template) as AgendaTemplateItem[]
  let created = 0
  for (const occurrence of upcoming(series, now)) {
    if (existing.has(occurrence.day)) continue
    await createMeeting(
      db,
      {
        teamId: series.team_id,
        seriesId: series.id,
        seriesDay: occurrence.day,
        title: series.title,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        location: series.location,
        videoLink: series.video_link,
      },
      template,
    )
    created++
  }
  return created
}

/**
 * After the series itself changed: its future, unstarted meetings that were not
 * moved by hand follow the new rule. Those the new rule still has get the new
 * time and place (their agendas kept); the others are removed if still only
 * planned, or cancelled if members were already called to them.
 */
export async function applySeriesChange(
  db: Trx,
  series: MeetingSeriesRow,
  now = new Date(),
): Promise<void> {
  const wanted = new Map(
    occurrences(ruleOf(series), todayInStockholm(now), meetingsAhead * 2).map((o) => [o.day, o]),
  )
  for (const meeting of await listMeetingsOfSeries(db, series.id)) {
    if (
      !isUnstarted(meeting.status) ||
      meeting.is_moved ||
      Date.parse(meeting.starts_at) <= now.getTime()
    )
      continue
    const occurrence = meeting.series_day ? wanted.get(meeting.series_day) : undefined
    if (occurrence) {
      await updateMeetingFacts(db, meeting.id, {
        title: series.title,
        starts_at: occurrence.startsAt,
        ends_at: occurrence.endsAt,
        location: series.location,
        video_link: series.video_link,
      })
    } else if (meeting.status === 'planned') {
      await deleteMeeting(db, meeting.id)
    } else {
      await setMeetingStatus(db, meeting.id, meeting.status, 'cancelled')
    }
  }
  await ensureUpcomingMeetings(db, series, now)
}

/** Tops up every series; the server runs this at start and every hour, as no one in particular. */
export async function topUpAllSeries(committer: Committer, now = new Date()): Promise<number> {
  let created = 0
  for (const series of await listSeries(committer.db)) {
    created += await commitAs(committer, { userId: null, agencyId: null }, async (trx, change) => {
      const made = await ensureUpcomingMeetings(trx, series, now)
      if (made === 0) change.nothingChanged()
      else
        change.audit({
          action: 'series.top_up',
          objectType: 'meeting_series',
          objectId: series.id,
          details: { teamId: series.team_id, meetingsCreated: made },
        })
      return made
    })
  }
  return created
}
