import { commitAs, type Committer } from '../changes/commit'
import { addDaysToDay, localDayAndTime, stockholmDayStart } from '../i18n/format'
import { queueMail } from './outbox'

/** How many days ahead an action counts as due soon. */
export const dueSoonDays = 3
/** The hour (Swedish time) from which the day's reminders go. */
export const actionsDueHour = 7

/**
 * Once a day (from `hour`, Swedish time): to each person who has not turned
 * such mail off, how many open actions their own agency owns in their teams
 * fall due within three days and how many are overdue — counts and a link,
 * never an action's text. One such mail a person a day.
 */
export async function mailActionsDue(
  deps: Committer,
  publicOrigin: string,
  hour: number,
  now = new Date(),
): Promise<number> {
  const { day: today, time } = localDayAndTime(now.toISOString())
  if (Number(time.slice(0, 2)) < hour) return 0
  const soon = addDaysToDay(today, dueSoonDays)
  const rows = await deps.db
    .selectFrom('users as u')
    .innerJoin('team_memberships as m', 'm.user_id', 'u.id')
    .innerJoin('actions as a', (join) =>
      join.onRef('a.team_id', '=', 'm.team_id').onRef('a.owner_agency_id', '=', 'u.agency_id'),
    )
    .select(['u.id', 'u.email', 'u.locale', 'a.id as action_id', 'a.due_on'])
    .where('u.status', '=', 'active')
    .where('u.mail_notifications', '=', 1)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', today)]))
    .where('a.status', 'in', ['open', 'in_progress'])
    .where('a.due_on', '<=', soon)
    .execute()
  if (rows.length === 0) return 0
  const sentToday = new Set(
    (
      await deps.db
        .selectFrom('mail_outbox')
        .select('user_id')
        .where('template', '=', 'actions_due')
        .where('created_at', '>=', stockholmDayStart(today))
        .execute()
    ).map((row) => row.user_id),
  )
  const people = new Map<
    string,
    { email: string; locale: 'sv' | 'en'; due: Set<string>; overdue: Set<string> }
  >()
  for (const row of rows) {
    if (sentToday.has(row.id)) continue
    const person = people.get(row.id) ?? {
      email: row.email,
      locale: row.locale,
      due: new Set<string>(),
      overdue: new Set<string>(),
    }
    ;(row.due_on < today ? person.overdue : person.due).add(row.action_id)
    people.set(row.id, person)
  }
  if (people.size === 0) return 0
  await commitAs(deps, { userId: null, agencyId: null }, async (trx, change) => {
    for (const [userId, person] of people)
      await queueMail(trx, change, {
        to: person.email,
        userId,
        locale: person.locale,
        template: 'actions_due',
        params: {
          due: String(person.due.size),
          overdue: String(person.overdue.size),
          link: `${publicOrigin}/atgarder`,
        },
      })
  })
  return people.size
}
