import type { Db } from '../../db/connect'
import type { AppDeps } from '../../http/app-env'
import { addDaysToDay, localDayAndTime, todayInStockholm } from '../../i18n/format'

/**
 * The meeting a new entry is reported for: the team's meeting now open, or else
 * its next planned or called one. Null when the team has none ahead. Kept until
 * a meeting or a series changes, or the day does.
 */
export function meetingForNewEntry(
  { db, changeCache }: Pick<AppDeps, 'db' | 'changeCache'>,
  teamId: string,
  now = new Date(),
): Promise<{ id: string; starts_at: string } | null> {
  return changeCache.get(
    `entry-meeting:${teamId}:${todayInStockholm(now)}`,
    ['meeting', 'meeting_series'],
    () => findMeetingForNewEntry(db, teamId, now),
  )
}

async function findMeetingForNewEntry(
  db: Db,
  teamId: string,
  now: Date,
): Promise<{ id: string; starts_at: string } | null> {
  const open = await db
    .selectFrom('meetings')
    .select(['id', 'starts_at'])
    .where('team_id', '=', teamId)
    .where('status', '=', 'open')
    .orderBy('starts_at')
    .executeTakeFirst()
  if (open) return open
  const startOfToday = new Date(`${todayInStockholm(now)}T00:00:00Z`).getTime() - 2 * 3_600_000
  return (
    (await db
      .selectFrom('meetings')
      .select(['id', 'starts_at'])
      .where('team_id', '=', teamId)
      .where('status', 'in', ['planned', 'called'])
      .where('starts_at', '>=', new Date(startOfToday).toISOString())
      .orderBy('starts_at')
      .executeTakeFirst()) ?? null
  )
}

/**
 * The period a new entry covers by default: the days since the team's last
 * meeting before `meeting` (its day included, since what happened after it
 * counts), up to today; a week when there was none.
 */
export async function defaultPeriod(
  db: Db,
  teamId: string,
  meeting: { starts_at: string } | null,
  now = new Date(),
): Promise<{ from: string; to: string }> {
  const today = todayInStockholm(now)
  const before = meeting?.starts_at ?? now.toISOString()
  const last = await db
    .selectFrom('meetings')
    .select('starts_at')
    .where('team_id', '=', teamId)
    .where('status', 'in', ['open', 'closed', 'approved'])
    .where('starts_at', '<', before)
    .orderBy('starts_at', 'desc')
    .executeTakeFirst()
  const from = last ? localDayAndTime(last.starts_at).day : addDaysToDay(today, -6)
  return { from: from > today ? today : from, to: today }
}
