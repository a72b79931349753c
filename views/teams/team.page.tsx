import type { TeamCan } from '../../src/access/meeting-policy'
import type { Translate } from '../../src/i18n/t'
import type { MeetingRow } from '../../src/meetings/meeting.table'
import type { AreaRow, TeamRole, TeamRow } from '../../src/teams/team.table'
import { MeetingList } from '../meetings/meeting-list'
import type { ActionListRow } from '../../src/actions/action.repository'
import { ActionList } from '../actions/action-list'
import type { ShownEntry } from '../../src/access/entry-policy'
import { EntryCard } from '../situation/entry.page'
import { usePage } from '../page-context'
import { formatDay } from '../../src/i18n/format'
import type { MandateWatch } from '../../src/teams/mandates'

const teamSections = (t: Translate) =>
  [
    ['lagesbild', t('overview.title')],
    ['analyser', t('analysis.list')],
    ['poster', t('team.allEntries')],
    ['moten', t('team.allMeetings')],
  ] as const

/** The team page's content, the same for everyone of one role and agency (cached). */
export const TeamOverview = (props: {
  team: TeamRow
  role: TeamRole
  can: TeamCan
  areas: AreaRow[]
  agencies: string[]
  meetings: MeetingRow[]
  actions: ActionListRow[]
  entries: ShownEntry[]
  today: string
  /** For the coordinator: mandates ending soon and actions nobody in the team owns. */
  mandates: MandateWatch | null
}) => {
  const { t } = usePage()
  return (
    <>
      <p class="eyebrow">
        {t(`teamKind.${props.team.kind}`)} · {t('team.yourRole', { role: t(`role.${props.role}`) })}
      </p>
      <h1>{props.team.name}</h1>
      {props.team.description ? <p class="lead">{props.team.description}</p> : null}
      <nav aria-label={t('team.sections')} class="team-nav">
        <ul>
          {teamSections(t).map(([path, label]) => (
            <li>
              <a href={`/team/${props.team.id}/${path}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="grid">
        <section aria-labelledby="next-meeting" class="card">
          <h2 id="next-meeting">{t('team.nextMeeting')}</h2>
          {props.meetings.length === 0 && props.can.manageSeries ? (
            <p>
              {t('team.noMeetingsYet')}{' '}
              <a href={`/team/${props.team.id}/moten`}>{t('team.setUpSeries')}</a>
            </p>
          ) : (
            <MeetingList meetings={props.meetings} />
          )}
          <p>
            <a href={`/team/${props.team.id}/moten`}>{t('team.allMeetings')}</a>
          </p>
        </section>
        <section aria-labelledby="open-actions" class="card">
          <h2 id="open-actions">{t('team.openActions')}</h2>
          <ActionList actions={props.actions} today={props.today} />
        </section>
        <section aria-labelledby="latest-entries" class="card">
          <h2 id="latest-entries">{t('team.latestEntries')}</h2>
          {props.entries.length ? (
            <ul class="entry-list">
              {props.entries.map((entry) => (
                <li>
                  <EntryCard entry={entry} link />
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('team.noEntries')}</p>
          )}
          <p class="button-row">
            {props.can.report ? (
              <a href={`/team/${props.team.id}/poster/ny`}>{t('situation.new')}</a>
            ) : null}
            <a href={`/team/${props.team.id}/poster`}>{t('team.allEntries')}</a>
          </p>
        </section>
      </div>
      <div class="grid">
        <section aria-labelledby="team-areas" class="card">
          <h2 id="team-areas">{t('team.areas')}</h2>
          {props.can.managePlaces ? (
            <p>
              <a href={`/team/${props.team.id}/platser`}>{t('team.places')}</a>
            </p>
          ) : null}
          {props.can.manageMembers ? (
            <p>
              <a href={`/team/${props.team.id}/medlemmar`}>{t('team.members')}</a>
            </p>
          ) : null}
          {props.can.manageMap ? (
            <p>
              <a href={`/team/${props.team.id}/karta`}>{t('map.manageLink')}</a>
            </p>
          ) : null}
          {props.can.readReports ? (
            <p>
              <a href={`/team/${props.team.id}/rapporter`}>{t('inbox.title')}</a>
            </p>
          ) : null}
          {props.can.manageReporters ? (
            <p>
              <a href={`/team/${props.team.id}/rapportorer`}>{t('reporters.title')}</a>
            </p>
          ) : null}
          {props.areas.length ? (
            <ul>
              {props.areas.map((area) => (
                <li>{area.name}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('team.noAreas')}</p>
          )}
        </section>
        {props.mandates &&
        (props.mandates.endingSoon.length > 0 || props.mandates.orphanedActions.length > 0) ? (
          <MandateNotices team={props.team} watch={props.mandates} />
        ) : null}
        <section aria-labelledby="team-agencies" class="card">
          <h2 id="team-agencies">{t('team.agencies')}</h2>
          <ul>
            {props.agencies.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  )
}

/** What the coordinator should see to: seats ending within 30 days, actions whose agency has left. */
const MandateNotices = (props: { team: TeamRow; watch: MandateWatch }) => {
  const { t, locale } = usePage()
  return (
    <section aria-labelledby="team-mandates" class="card">
      <h2 id="team-mandates">{t('mandates.title')}</h2>
      {props.watch.endingSoon.length > 0 ? (
        <>
          <p>{t('mandates.endingSoon')}</p>
          <ul>
            {props.watch.endingSoon.map((m) => (
              <li>
                {t('mandates.ends', {
                  name: m.user_name,
                  agency: m.agency_name,
                  date: formatDay(m.ends_on!, locale),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.watch.orphanedActions.length > 0 ? (
        <>
          <p>{t('mandates.orphaned')}</p>
          <ul>
            {props.watch.orphanedActions.map((action) => (
              <li>
                <a href={`/atgarder/${action.id}`}>{action.text}</a> ({action.owner_agency_name})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`/team/${props.team.id}/medlemmar`}>{t('team.members')}</a>
      </p>
    </section>
  )
}
