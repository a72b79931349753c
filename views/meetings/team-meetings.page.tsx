import type { TeamAccess } from '../../src/access/team-access'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatMeetingTime, formatWeek, localDayAndTime } from '../../src/i18n/format'
import { agendaTemplateNames } from '../../src/agenda/agenda-templates'
import { cadenceChoices, choiceFromCadence } from '../../src/meetings/meeting-forms'
import type { MeetingRow, MeetingSeriesRow } from '../../src/meetings/meeting.table'
import { swedishHolidayOn } from '../../src/series/recurrence'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

const weekdays = ['1', '2', '3', '4', '5', '6', '7'] as const

const MeetingTable = (props: {
  meetings: MeetingRow[]
  caption: string
  showHolidays: boolean
}) => {
  const { t, locale } = usePage()
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meeting.when')}</th>
          <th scope="col">{t('meeting.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.meetings.map((meeting) => {
          const holiday = props.showHolidays
            ? swedishHolidayOn(localDayAndTime(meeting.starts_at).day)
            : null
          return (
            <tr>
              <td>
                <a href={`/moten/${meeting.id}`}>
                  {formatMeetingTime(meeting.starts_at, meeting.ends_at, locale)}
                </a>{' '}
                <span class="muted">{formatWeek(meeting.starts_at)}</span>
                {holiday && meeting.status !== 'cancelled' ? (
                  <span class="tag tag--warn">{t('meeting.holidayTag', { holiday })}</span>
                ) : null}
                {meeting.is_moved ? <span class="tag">{t('meeting.movedTag')}</span> : null}
              </td>
              <td>{t(`meetingStatus.${meeting.status}`)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

export const TeamMeetingsPage = (props: {
  access: TeamAccess
  series: MeetingSeriesRow[]
  meetings: MeetingRow[]
}) => {
  const { t } = usePage()
  const { team } = props.access
  const now = Date.now()
  const upcoming = props.meetings.filter((m) => Date.parse(m.ends_at) >= now)
  const past = props.meetings.filter((m) => Date.parse(m.ends_at) < now).reverse()
  const manage = props.access.can.manageSeries
  return (
    <Page title={`${t('meetings.title')} – ${team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${team.id}`}>{team.name}</a>
      </p>
      <h1>{t('meetings.title')}</h1>
      <section aria-labelledby="series-title" class="card">
        <h2 id="series-title">{t('series.title')}</h2>
        {props.series.length === 0 ? <p class="muted">{t('series.none')}</p> : null}
        <ul class="link-list">
          {props.series.map((series) => (
            <li>
              {manage ? (
                <a href={`/team/${team.id}/moten/serier/${series.id}`}>{series.title}</a>
              ) : (
                series.title
              )}{' '}
              <span class="muted">
                {t(`cadence.${choiceFromCadence(series) as (typeof cadenceChoices)[number]}`)},{' '}
                {t(`weekday.${series.weekday as 1}`)} {series.start_time} (
                {t('agenda.minutesShort', { minutes: series.duration_minutes })})
              </span>
            </li>
          ))}
        </ul>
        {manage ? (
          <a class="button" href={`/team/${team.id}/moten/serier/ny`}>
            {t('series.new')}
          </a>
        ) : null}
      </section>
      <MeetingTable
        meetings={upcoming}
        caption={t('meetings.upcoming')}
        showHolidays={props.access.can.organise}
      />
      {upcoming.length === 0 ? <p class="muted">{t('home.noMeetings')}</p> : null}
      {past.length > 0 ? (
        <MeetingTable meetings={past} caption={t('meetings.past')} showHolidays={false} />
      ) : null}
    </Page>
  )
}

export const SeriesFormPage = (props: {
  team: TeamRow
  series: MeetingSeriesRow | null
  values: FormValues
  errors: FieldErrors
}) => {
  const { t } = usePage()
  const action = props.series
    ? `/team/${props.team.id}/moten/serier/${props.series.id}`
    : `/team/${props.team.id}/moten/serier`
  const title = props.series ? t('series.edit', { title: props.series.title }) : t('series.new')
  const form = { values: props.values, errors: props.errors }
  const labels = {
    title: t('series.name'),
    cadence: t('series.cadence'),
    weekday: t('series.weekday'),
    startTime: t('series.startTime'),
    durationMinutes: t('series.duration'),
    firstDay: t('series.firstDay'),
    location: t('meeting.location'),
    videoLink: t('meeting.videoLink'),
    agendaTemplate: t('series.agendaTemplate'),
  }
  return (
    <Page title={title}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}/moten`}>
          {props.team.name} · {t('meetings.title')}
        </a>
      </p>
      <h1>{title}</h1>
      {props.series ? <p>{t('series.editNote')}</p> : null}
      <ErrorSummary errors={props.errors} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField />
        <TextField name="title" label={labels.title} maxlength={120} required {...form} />
        <div class="inline-fields">
          <SelectField
            name="cadence"
            label={labels.cadence}
            options={cadenceChoices.map((c) => ({ value: c, label: t(`cadence.${c}`) }))}
            {...form}
          />
          <SelectField
            name="weekday"
            label={labels.weekday}
            options={weekdays.map((d) => ({ value: d, label: t(`weekday.${Number(d) as 1}`) }))}
            {...form}
          />
        </div>
        <div class="inline-fields">
          <TextField
            name="startTime"
            type="time"
            label={labels.startTime}
            hint={t('series.startTimeHint')}
            {...form}
          />
          <TextField
            name="durationMinutes"
            inputmode="numeric"
            label={labels.durationMinutes}
            maxlength={3}
            {...form}
          />
          <TextField name="firstDay" type="date" label={labels.firstDay} {...form} />
        </div>
        <TextField
          name="location"
          label={labels.location}
          hint={t('series.locationHint')}
          maxlength={200}
          {...form}
        />
        <TextField name="videoLink" type="url" label={labels.videoLink} maxlength={500} {...form} />
        {props.series ? null : (
          <SelectField
            name="agendaTemplate"
            label={labels.agendaTemplate}
            options={agendaTemplateNames.map((name) => ({
              value: name,
              label: t(`agendaTemplate.${name}`),
            }))}
            {...form}
          />
        )}
        <button type="submit" class="button">
          {props.series ? t('common.save') : t('series.create')}
        </button>
      </form>
    </Page>
  )
}
