import ical, { ICalEventStatus } from 'ical-generator'
import { mayViewMeeting } from '../access/meeting-policy'
import { randomToken, sha256Hex } from '../auth/tokens'
import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import { todayInStockholm } from '../i18n/format'
import type { Locale, Translate } from '../i18n/t'
import { listUpcomingMeetingsOfUser } from '../meetings/meeting.repository'

/** Gives the user a new feed token (the old one stops working) and returns it; only its hash is kept. */
export async function renewCalendarToken(db: Trx, userId: string): Promise<string> {
  const token = randomToken(24)
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute()
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: sha256Hex(token), created_at: nowIso() })
    .execute()
  return token
}

export async function hasCalendarToken(db: Db, userId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('calendar_feeds')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst()) !== undefined
  )
}

/** The active user a feed token belongs to, or null. */
export async function findCalendarUser(
  db: Db,
  token: string,
): Promise<{ id: string; agency_id: string; locale: Locale } | null> {
  if (!/^[\w-]{20,64}$/.test(token)) return null
  const row = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.agency_id', 'users.locale'])
    .where('calendar_feeds.token_hash', '=', sha256Hex(token))
    .where('users.status', '=', 'active')
    .executeTakeFirst()
  return row ?? null
}

/**
 * The user's meetings as iCalendar: one event per meeting the user may see,
 * from 30 days back, UID stable across changes, SEQUENCE bumped on each change,
 * cancelled meetings marked CANCELLED. Calendar providers are outside the
 * municipality, so events carry time, place and a link — never agenda text.
 */
export async function buildCalendar(
  db: Db,
  userId: string,
  publicOrigin: string,
  t: Translate,
): Promise<string> {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString()
  const meetings = await listUpcomingMeetingsOfUser(db, userId, todayInStockholm(), since, 500)
  const calendar = ical({
    name: t('calendar.name'),
    prodId: { company: 'Läget', product: 'Läget', language: 'SV' },
    ttl: 3600,
  })
  const host = new URL(publicOrigin).host
  for (const meeting of meetings) {
    if (!mayViewMeeting(meeting.role, meeting)) continue
    const url = `${publicOrigin}/moten/${meeting.id}`
    calendar.createEvent({
      id: `${meeting.id}@${host}`,
      start: new Date(meeting.starts_at),
      end: new Date(meeting.ends_at),
      stamp: new Date(meeting.updated_at),
      summary: `${meeting.team_name}: ${meeting.title}`,
      location: meeting.location || null,
      description: [url, meeting.video_link].filter(Boolean).join('\n'),
      url,
      sequence: meeting.sequence,
      status:
        meeting.status === 'cancelled'
          ? ICalEventStatus.CANCELLED
          : meeting.status === 'planned'
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}
