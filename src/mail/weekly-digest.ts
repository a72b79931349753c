import { mayViewMeeting } from '../access/meeting-policy'
import { commitAs, type Committer } from '../changes/commit'
import { addDaysToDay, localDayAndTime, stockholmDayStart } from '../i18n/format'
import { chairsMeeting } from '../minutes/approvers'
import { queueMail } from './outbox'

/** The digest goes on Mondays from this hour (Swedish time). */
export const digestHour = 7

const isMonday = (day: string): boolean => new Date(`${day}T12:00:00Z`).getUTCDay() === 1

/**
 * On Monday mornings, to each person who asked for it under Inställningar:
 * the week ahead in their teams — how many meetings, how many of their own
 * agency's actions fall due this week or are overdue, how many minutes await
 * their approval. Counts and a link, never content; one a person a week.
 */
export async function mailWeeklyDigests(deps: Committer, publicOrigin: string, now = new Date()) {
  const { day: today, time } = localDayAndTime(now.toISOString())
  if (!isMonday(today) || Number(time.slice(0, 2)) < digestHour) return 0
  const weekEnd = addDaysToDay(today, 7)
  const people = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'agency_id'])
    .where('status', '=', 'active')
    .where('mail_digest', '=', 1)
    .execute()
  if (people.length === 0) return 0
  const sent = new Set(
    (
      await deps.db
        .selectFrom('mail_outbox')
        .select('user_id')
        .where('template', '=', 'weekly_digest')
        // The week's Monday travels with the mail: one digest a person a week, whatever the clock says.
        .where('params', 'like', `%"week":"${today}"%`)
        .execute()
    ).map((row) => row.user_id),
  )
  const due: {
    userId: string
    email: string
    locale: 'sv' | 'en'
    params: Record<string, string>
  }[] = []
  for (const person of people.filter((one) => !sent.has(one.id))) {
    const seats = await deps.db
      .selectFrom('team_memberships')
      .select(['team_id', 'role'])
      .where('user_id', '=', person.id)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      .execute()
    const teamIds = seats.map((seat) => seat.team_id)
    const roleIn = new Map(seats.map((seat) => [seat.team_id, seat.role]))
    const meetings = teamIds.length
      ? await deps.db
          .selectFrom('meetings')
          .select([
            'id',
            'team_id',
            'status',
            'called_at',
            'starts_at',
            'chair_user_id',
            'minute_checker_user_id',
          ])
          .where('team_id', 'in', teamIds)
          .where((eb) =>
            eb.or([
              eb.and([
                eb('starts_at', '>=', stockholmDayStart(today)),
                eb('starts_at', '<', stockholmDayStart(weekEnd)),
              ]),
              eb('status', '=', 'closed'),
            ]),
          )
          .execute()
      : []
    const thisWeek = meetings.filter(
      (m) =>
        m.status !== 'closed' &&
        m.status !== 'cancelled' &&
        mayViewMeeting(roleIn.get(m.team_id)!, m),
    ).length
    const approved = new Set(
      (
        await deps.db
          .selectFrom('minutes_approvals')
          .select('meeting_id')
          .where('user_id', '=', person.id)
          .execute()
      ).map((row) => row.meeting_id),
    )
    const awaiting = meetings.filter(
      (m) =>
        m.status === 'closed' &&
        !approved.has(m.id) &&
        (m.minute_checker_user_id === person.id ||
          chairsMeeting(m, { userId: person.id, role: roleIn.get(m.team_id)! })),
    ).length
    const actions = teamIds.length
      ? await deps.db
          .selectFrom('actions')
          .select('due_on')
          .where('team_id', 'in', teamIds)
          .where('owner_agency_id', '=', person.agency_id)
          .where('status', 'in', ['open', 'in_progress'])
          .where('due_on', '<', weekEnd)
          .execute()
      : []
    due.push({
      userId: person.id,
      email: person.email,
      locale: person.locale,
      params: {
        meetings: String(thisWeek),
        due: String(actions.filter((a) => a.due_on >= today).length),
        overdue: String(actions.filter((a) => a.due_on < today).length),
        awaiting: String(awaiting),
        link: `${publicOrigin}/`,
        week: today,
      },
    })
  }
  if (due.length === 0) return 0
  await commitAs(deps, { userId: null, agencyId: null }, async (trx, change) => {
    for (const person of due)
      await queueMail(trx, change, {
        to: person.email,
        userId: person.userId,
        locale: person.locale,
        template: 'weekly_digest',
        params: person.params,
      })
  })
  return due.length
}
