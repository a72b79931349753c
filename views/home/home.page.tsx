import { formatMeetingTime } from '../../src/i18n/format'
import type { UpcomingMeetingRow } from '../../src/meetings/meeting.repository'
import type { MyTeamRow } from '../../src/teams/team.repository'
import { MeetingList } from '../meetings/meeting-list'
import type { ActionListRow } from '../../src/actions/action.repository'
import { ActionList } from '../actions/action-list'
import { CalendarCard } from '../calendar/calendar-link.page'
import { usePage } from '../page-context'

/** The start page's content: one person's teams, next meetings and their agency's open actions. */
export const HomeContent = (props: {
  canAdminister: boolean
  teams: MyTeamRow[]
  meetings: UpcomingMeetingRow[]
  guestMeetings: {
    id: string
    starts_at: string
    ends_at: string
    team_name: string
  }[]
  actions: ActionListRow[]
  moreActions: boolean
  today: string
  hasCalendar: boolean
  /** The teams this person reports to from outside the meeting (a reporter seat). */
  reportsTo: { team_id: string; team_name: string }[]
}) => {
  const { t, viewer, locale } = usePage()
  return (
    <>
      <h1>{t('home.greeting', { name: viewer?.name ?? '' })}</h1>
      {props.reportsTo.length ? (
        <section aria-labelledby="reporting" class="card">
          <h2 id="reporting">{t('report.title')}</h2>
          <p>
            {t('home.reportsTo', { teams: props.reportsTo.map((s) => s.team_name).join(', ') })}
          </p>
          <p>
            <a href="/rapportera" class="button">
              {t('home.reportLink')}
            </a>
          </p>
        </section>
      ) : null}
      {props.guestMeetings.length ? (
        <section aria-labelledby="guest-meetings" class="card">
          <h2 id="guest-meetings">{t('home.guestMeetings')}</h2>
          <ul class="link-list">
            {props.guestMeetings.map((meeting) => (
              <li>
                <a href={`/moten/${meeting.id}`}>
                  {meeting.team_name},{' '}
                  {formatMeetingTime(meeting.starts_at, meeting.ends_at, locale)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="grid">
        <section aria-labelledby="my-teams" class="card">
          <h2 id="my-teams">{t('home.myTeams')}</h2>
          {props.teams.length === 0 ? (
            <>
              <p class="muted">
                {props.canAdminister ? t('home.noTeamsAdmin') : t('home.noTeams')}
              </p>
              {props.canAdminister ? (
                <p>
                  <a href="/admin">{t('home.adminFirstSteps')}</a>
                </p>
              ) : null}
            </>
          ) : (
            <ul class="link-list">
              {props.teams.map((team) => (
                <li>
                  <a href={`/team/${team.id}`}>{team.name}</a>{' '}
                  <span class="muted">
                    {t(`teamKind.${team.kind}`)} · {t(`role.${team.role}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="my-meetings" class="card">
          <h2 id="my-meetings">{t('home.nextMeetings')}</h2>
          <MeetingList meetings={props.meetings} showTeam />
        </section>
        <section aria-labelledby="my-actions" class="card">
          <h2 id="my-actions">{t('home.agencyActions', { agency: viewer?.agencyName ?? '' })}</h2>
          <ActionList actions={props.actions} today={props.today} showTeam />
          <p>
            <a href="/atgarder">
              {props.moreActions ? t('home.moreActions') : t('home.allActions')}
            </a>
          </p>
        </section>
      </div>
      <CalendarCard hasLink={props.hasCalendar} />
    </>
  )
}
