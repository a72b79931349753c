import { guestsMayBeInvited } from '../../src/guests/guest-access.repository'
import type { Child } from 'hono/jsx'
import { type MeetingAction } from '../../src/access/meeting-policy'
import type { MeetingAccess } from '../../src/access/team-access'
import type { AgendaSectionData } from '../../src/agenda/agenda-data'
import type { MeetingPageForms } from '../../src/meetings/meeting-page-forms'
import { canTransition, isUnstarted } from '../../src/meetings/meeting-status'
import type { MeetingStatus } from '../../src/meetings/meeting.table'
import { swedishHolidayOn } from '../../src/series/recurrence'
import { formatMeetingTime, formatWeek, localDayAndTime } from '../../src/i18n/format'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { AgendaSection, AgendaStatus } from './agenda.partial'
import type { MeetingRecordData } from '../../src/meetings/meeting-record-data'
import type { MeetingSituationData } from '../../src/situation/meeting-situation'
import { SituationSection } from '../situation/situation-section'
import { AttendanceSection, DecisionsSection, FollowUpSection } from './meeting-record'

const statusActions: {
  path: string
  to: MeetingStatus
  action: MeetingAction
  label: 'meeting.call' | 'meeting.open' | 'meeting.close' | 'meeting.cancel'
}[] = [
  { path: 'kalla', to: 'called', action: 'call', label: 'meeting.call' },
  { path: 'oppna', to: 'open', action: 'open', label: 'meeting.open' },
  { path: 'stang', to: 'closed', action: 'close', label: 'meeting.close' },
  { path: 'stall-in', to: 'cancelled', action: 'cancel', label: 'meeting.cancel' },
]

export type MeetingViewProps = {
  access: MeetingAccess
  agenda: AgendaSectionData
  record: MeetingRecordData
  situation: MeetingSituationData
  forms: MeetingPageForms
}

/**
 * Everything on the meeting page that changes while it runs. The live stream
 * swaps it whole after a status change, or one section at a time.
 */
export const MeetingLiveRegion = (props: MeetingViewProps) => {
  const { t, locale } = usePage()
  const { meeting } = props.access
  const when = formatMeetingTime(meeting.starts_at, meeting.ends_at, locale)
  const local = localDayAndTime(meeting.starts_at)
  const holiday = swedishHolidayOn(local.day)
  const { can } = props.access
  const { chair } = props.record
  const organiser = can.organise
  const started =
    meeting.status === 'open' || meeting.status === 'closed' || meeting.status === 'approved'
  const actions = statusActions.filter((a) => can[a.action] && canTransition(meeting.status, a.to))
  const moveForm = props.forms.move ?? {
    values: {
      day: local.day,
      startTime: local.time,
      durationMinutes: String(
        Math.round((Date.parse(meeting.ends_at) - Date.parse(meeting.starts_at)) / 60_000),
      ),
      location: meeting.location,
      videoLink: meeting.video_link,
    },
    errors: {},
  }
  return (
    <div id="meeting-live" sse-swap="meeting" hx-swap="outerHTML">
      <dl class="facts">
        <div>
          <dt>{t('meeting.when')}</dt>
          <dd>
            {when} <span class="muted">({formatWeek(meeting.starts_at)})</span>
          </dd>
        </div>
        {meeting.location ? (
          <div>
            <dt>{t('meeting.location')}</dt>
            <dd>{meeting.location}</dd>
          </div>
        ) : null}
        {meeting.video_link ? (
          <div>
            <dt>{t('meeting.videoLink')}</dt>
            <dd>
              <a href={meeting.video_link} rel="noopener noreferrer">
                {meeting.video_link}
              </a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('meeting.chair')}</dt>
          <dd>
            {chair
              ? t(chair.standIn ? 'meeting.chairStandIn' : 'meeting.chairOfTeam', {
                  name: chair.name,
                  agency: chair.agencyName,
                })
              : t('meeting.noChair')}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.status')}</dt>
          <dd>
            <span class={`status status--${meeting.status}`}>
              {t(`meetingStatus.${meeting.status}`)}
            </span>
          </dd>
        </div>
      </dl>
      {holiday && organiser && isUnstarted(meeting.status) ? (
        <p class="warning">{t('meeting.holidayWarning', { holiday })}</p>
      ) : null}
      {actions.length > 0 ? (
        <div class="button-row">
          {actions.map((a) => (
            <form method="post" action={`/moten/${meeting.id}/${a.path}`} class="inline-form">
              <CsrfField />
              <button
                type="submit"
                class={a.to === 'cancelled' ? 'button button--danger' : 'button'}
              >
                {t(a.label)}
              </button>
            </form>
          ))}
        </div>
      ) : null}
      {can.appointChair && isUnstarted(meeting.status) ? (
        <details class="card" open={props.forms.meetingChair !== undefined}>
          <summary>{t('meeting.appointChair')}</summary>
          <form method="post" action={`/moten/${meeting.id}/ordforande`} novalidate>
            <CsrfField />
            <SelectField
              name="userId"
              label={t('meeting.chairChoice')}
              placeholder={t('meeting.chairDefault')}
              options={props.record.chairCandidates.map((person) => ({
                value: person.userId,
                label: `${person.name} (${person.agencyName})`,
              }))}
              idPrefix="chair"
              {...(props.forms.meetingChair ?? {
                values: { userId: meeting.chair_user_id ?? '' },
                errors: {},
              })}
            />
            <button type="submit" class="button button--secondary">
              {t('meeting.setChair')}
            </button>
          </form>
        </details>
      ) : null}
      {can.move && isUnstarted(meeting.status) ? (
        <details class="card" open={props.forms.move !== undefined}>
          <summary>{t('meeting.moveTitle')}</summary>
          <ErrorSummary
            errors={moveForm.errors}
            labels={{
              day: t('meeting.day'),
              startTime: t('series.startTime'),
              durationMinutes: t('series.duration'),
              videoLink: t('meeting.videoLink'),
            }}
            idPrefix="move"
          />
          <form method="post" action={`/moten/${meeting.id}/flytta`} novalidate>
            <CsrfField />
            <div class="inline-fields">
              <TextField
                name="day"
                type="date"
                label={t('meeting.day')}
                idPrefix="move"
                {...moveForm}
              />
              <TextField
                name="startTime"
                type="time"
                label={t('series.startTime')}
                idPrefix="move"
                {...moveForm}
              />
              <TextField
                name="durationMinutes"
                inputmode="numeric"
                label={t('series.duration')}
                idPrefix="move"
                {...moveForm}
              />
            </div>
            <TextField
              name="location"
              label={t('meeting.location')}
              idPrefix="move"
              maxlength={200}
              {...moveForm}
            />
            <TextField
              name="videoLink"
              type="url"
              label={t('meeting.videoLink')}
              idPrefix="move"
              maxlength={500}
              {...moveForm}
            />
            <button type="submit" class="button">
              {t('meeting.moveButton')}
            </button>
          </form>
        </details>
      ) : null}
      {meeting.status === 'open' ? (
        <nav aria-label={t('meeting.jumpTo')} class="jump-links">
          <ul>
            {(
              [
                ['#dagordning', t('agenda.title')],
                ['#lagesbild', t('situation.meetingTitle')],
                ['#beslut', t('decisions.title')],
                ['#uppfoljning', t('followUp.title')],
                ['#narvaro', t('attendance.title')],
              ] as const
            ).map(([href, label]) => (
              <li>
                <a href={href}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {started ? (
        <AttendanceSection meeting={meeting} record={props.record} forms={props.forms} />
      ) : null}
      <FollowUpSection meeting={meeting} record={props.record} />
      <AgendaStatus announce={null} />
      <AgendaSection data={props.agenda} failed={props.forms.agenda ?? null} />
      {meeting.status !== 'cancelled' ? (
        <SituationSection
          data={props.situation}
          items={props.agenda.items}
          failedAssessment={props.forms.assessment ?? null}
        />
      ) : null}
      {started ? (
        <DecisionsSection
          meeting={meeting}
          items={props.agenda.items}
          record={props.record}
          forms={props.forms}
          entries={props.situation.entries}
        />
      ) : null}
      {meeting.status === 'closed' || meeting.status === 'approved' ? (
        <p>
          <a class="button" href={`/moten/${meeting.id}/protokoll`}>
            {t('minutes.open')}
          </a>
        </p>
      ) : null}
    </div>
  )
}

/** Told by the live stream when it ends because the session has (signed out, idle or too old). */
export const LiveEndedNotice = () => {
  const { t, path } = usePage()
  return (
    <p class="notice">
      {t('live.ended')}{' '}
      <a href={`/logga-in?nasta=${encodeURIComponent(path)}`}>{t('live.signInAgain')}</a>
    </p>
  )
}

/** The meeting page around its live region, which the route renders (or takes from the cache). */
export const MeetingPage = (props: { access: MeetingAccess; children: Child }) => {
  const { t, locale } = usePage()
  const { meeting, team } = props.access
  const when = formatMeetingTime(meeting.starts_at, meeting.ends_at, locale)
  const live = meeting.status !== 'approved' && meeting.status !== 'cancelled'
  return (
    <Page title={`${meeting.title}, ${when}`} wide>
      {props.access.guest ? (
        <p class="eyebrow">{team.name}</p>
      ) : (
        <p class="eyebrow">
          <a href={`/team/${team.id}`}>{team.name}</a> ·{' '}
          <a href={`/team/${team.id}/moten`}>{t('meetings.title')}</a>
        </p>
      )}
      <h1>{meeting.title}</h1>
      {props.access.guest ? <p class="notice">{t('guest.youAreGuest')}</p> : null}
      {props.access.can.inviteGuests && guestsMayBeInvited(meeting.status) ? (
        <p>
          <a href={`/moten/${meeting.id}/gastinbjudan`}>{t('guest.link')}</a>
        </p>
      ) : null}
      {live ? (
        <div hx-ext="sse" sse-connect={`/moten/${meeting.id}/live`} sse-close="ended">
          {/* Live changes arrive as fragments that each replace the element with their id. */}
          <div id="live-patches" sse-swap="patch" hx-swap="none" hidden></div>
          <div id="live-ended" role="status" sse-swap="ended" hx-swap="innerHTML"></div>
          {props.children}
        </div>
      ) : (
        props.children
      )}
    </Page>
  )
}
