import { mayViewMeeting } from '../access/meeting-policy'
import type { ChangeRecord } from '../changes/commit'
import type { Trx } from '../db/connect'
import { formatMeetingTime, todayInStockholm } from '../i18n/format'
import { translator } from '../i18n/t'
import type { MeetingRow } from '../meetings/meeting.table'
import { chairsMeeting } from '../minutes/approvers'
import type { TeamRow } from '../teams/team.table'
import type { MailTemplate } from './mail.table'
import { queueMail } from './outbox'

/**
 * The mails a meeting's course sends to its team, in the change that makes
 * them due: the team's name, the time and place and a link — never its agenda,
 * its decisions or its situation picture. Only to active people of the team
 * who have not turned such mail off.
 */

type Recipient = {
  user_id: string
  email: string
  locale: 'sv' | 'en'
  role: import('../teams/team.table').TeamRole
}

async function recipients(trx: Trx, teamId: string): Promise<Recipient[]> {
  const today = todayInStockholm()
  return trx
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.locale', 'm.role'])
    .where('m.team_id', '=', teamId)
    .where('u.status', '=', 'active')
    .where('u.mail_notifications', '=', 1)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', today)]))
    .execute()
}

async function send(
  trx: Trx,
  change: ChangeRecord,
  to: Recipient[],
  template: MailTemplate,
  team: TeamRow,
  meeting: MeetingRow,
  link: string,
) {
  for (const person of to)
    await queueMail(trx, change, {
      to: person.email,
      userId: person.user_id,
      locale: person.locale,
      template,
      params: {
        team: team.name,
        when: formatMeetingTime(meeting.starts_at, meeting.ends_at, person.locale),
        place: meeting.location || '–',
        link,
      },
    })
}

/** The call is published: everyone of the team who may now see the meeting. */
export async function mailCallPublished(
  trx: Trx,
  change: ChangeRecord,
  team: TeamRow,
  meeting: MeetingRow,
  publicOrigin: string,
): Promise<void> {
  const called = { ...meeting, status: 'called' as const, called_at: new Date().toISOString() }
  const to = (await recipients(trx, team.id)).filter((r) => mayViewMeeting(r.role, called))
  await send(
    trx,
    change,
    to,
    'call_published',
    team,
    meeting,
    `${publicOrigin}/moten/${meeting.id}`,
  )
}

/** The meeting is closed: its chair and its minute-checker are asked to approve the minutes. */
export async function mailMinutesAwaiting(
  trx: Trx,
  change: ChangeRecord,
  team: TeamRow,
  meeting: MeetingRow,
  publicOrigin: string,
): Promise<void> {
  const to = (await recipients(trx, team.id)).filter(
    (r) =>
      r.user_id === meeting.minute_checker_user_id ||
      chairsMeeting(meeting, { userId: r.user_id, role: r.role }),
  )
  await send(
    trx,
    change,
    to,
    'minutes_awaiting',
    team,
    meeting,
    `${publicOrigin}/moten/${meeting.id}/protokoll`,
  )
}

/**
 * A reporter hears that their report was handled: included in the picture or
 * returned. The mail names the team and the outcome and links to their page,
 * never the report's text nor the reason (which they read signed in).
 */
export async function notifyReportHandled(
  trx: Trx,
  change: ChangeRecord,
  report: { reporterUserId: string; teamName: string; outcome: 'included' | 'returned' },
  publicOrigin: string,
): Promise<void> {
  const reporter = await trx
    .selectFrom('users')
    .select(['email', 'locale'])
    .where('id', '=', report.reporterUserId)
    .where('status', '=', 'active')
    .where('mail_notifications', '=', 1)
    .executeTakeFirst()
  if (!reporter) return
  await queueMail(trx, change, {
    to: reporter.email,
    userId: report.reporterUserId,
    locale: reporter.locale,
    template: 'report_handled',
    params: {
      team: report.teamName,
      outcome: translator(reporter.locale)(`report.status.${report.outcome}`),
      link: `${publicOrigin}/rapportera`,
    },
  })
}
