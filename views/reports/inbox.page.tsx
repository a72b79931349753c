import type { TeamCan } from '../../src/access/meeting-policy'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDay } from '../../src/i18n/format'
import type { ReporterSeatRow } from '../../src/reports/report.repository'
import type { ShownReport } from '../../src/situation/read'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary, StatusMessage } from '../components/error-summary'
import { CsrfField, SelectField, TextArea } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/**
 * The team's inbox of reports from outside it: each as the viewer may see it
 * (their own agency's whole, the coordinator's team-wide ones whole, the rest
 * as a stub), to include in the picture or return with a reason.
 */
export const ReportInboxPage = (props: {
  team: TeamRow
  can: TeamCan
  reports: ShownReport[]
  failed: { reportId: string; values: FormValues; errors: FieldErrors } | null
  done: string | null
}) => {
  const { t } = usePage()
  const { done } = props
  return (
    <Page title={`${t('inbox.title')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a>
        {props.can.manageReporters ? (
          <>
            {' · '}
            <a href={`/team/${props.team.id}/rapportorer`}>{t('reporters.title')}</a>
          </>
        ) : null}
      </p>
      <h1>{t('inbox.title')}</h1>
      <p>{t('inbox.intro')}</p>
      <StatusMessage
        message={
          done === 'included'
            ? t('inbox.included')
            : done === 'returned'
              ? t('inbox.returned')
              : null
        }
      />
      {props.reports.length === 0 ? <p>{t('inbox.none')}</p> : null}
      <ul class="plain-list">
        {props.reports.map((report) => {
          const prefix = `ret-${report.id.slice(0, 8)}`
          const form =
            props.failed?.reportId === report.id ? props.failed : { values: {}, errors: {} }
          return (
            <li class="card" id={`rapport-${report.id}`}>
              <h2>
                {report.areaName} · {report.categoryName}
              </h2>
              <p class="muted">
                {formatDay(report.observedOn, 'sv')} · {report.agencyName}
                {report.reporterName ? ` (${report.reporterName})` : ''}
                {report.eventCount !== null
                  ? ` · ${t('inbox.events', { count: report.eventCount })}`
                  : ''}
                {report.trend ? ` · ${t(`trend.${report.trend}`)}` : ''}
              </p>
              {report.view === 'full' ? (
                <>
                  <p>{report.description}</p>
                  <p class="muted">{t(`inbox.scope.${report.scope}`)}</p>
                  <form
                    method="post"
                    action={`/team/${props.team.id}/rapporter/${report.id}/ta-med`}
                  >
                    <CsrfField />
                    <button type="submit" class="button">
                      {t('inbox.include')}
                    </button>
                  </form>
                  <form
                    method="post"
                    action={`/team/${props.team.id}/rapporter/${report.id}/returnera`}
                  >
                    <ErrorSummary
                      errors={form.errors}
                      labels={{ reason: t('inbox.reason') }}
                      idPrefix={prefix}
                    />
                    <CsrfField />
                    <TextArea
                      name="reason"
                      label={t('inbox.reason')}
                      hint={t('inbox.reasonHint')}
                      maxlength={500}
                      rows={2}
                      idPrefix={prefix}
                      {...form}
                    />
                    <button type="submit" class="button button--secondary">
                      {t('inbox.return')}
                    </button>
                  </form>
                </>
              ) : (
                <p>{t('inbox.stub')}</p>
              )}
            </li>
          )
        })}
      </ul>
    </Page>
  )
}

/** The coordinator's page of reporter seats: people of the team's agencies who report from outside the meeting. */
export const ReportersPage = (props: {
  team: TeamRow
  seats: ReporterSeatRow[]
  candidates: { id: string; name: string; agency_name: string }[]
  today: string
  form: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const base = `/team/${props.team.id}`
  return (
    <Page title={`${t('reporters.title')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={base}>{props.team.name}</a> · <a href={`${base}/rapporter`}>{t('inbox.title')}</a>
      </p>
      <h1>{t('reporters.title')}</h1>
      <p>{t('reporters.intro')}</p>
      {props.seats.length === 0 ? <p>{t('reporters.none')}</p> : null}
      <ul class="row-list">
        {props.seats.map((seat) => {
          const ended = seat.ends_on !== null && seat.ends_on < props.today
          return (
            <li>
              <p class="row-list__title">
                {seat.user_name} <span class="muted">({seat.agency_name})</span>{' '}
                {ended ? <span class="tag">{t('reporters.ended')}</span> : null}
              </p>
              {ended ? null : (
                <form method="post" action={`${base}/rapportorer/${seat.id}/avsluta`}>
                  <CsrfField />
                  <button
                    type="submit"
                    class="button button--secondary"
                    aria-label={`${t('reporters.end')}: ${seat.user_name}`}
                  >
                    {t('reporters.end')}
                  </button>
                </form>
              )}
            </li>
          )
        })}
      </ul>
      <form method="post" action={`${base}/rapportorer`} class="card">
        <h2>{t('reporters.add')}</h2>
        <ErrorSummary errors={props.form.errors} labels={{ userId: t('membership.user') }} />
        <CsrfField />
        <SelectField
          name="userId"
          label={t('membership.user')}
          hint={t('reporters.candidatesHint')}
          placeholder={t('form.choose')}
          options={props.candidates.map((u) => ({
            value: u.id,
            label: `${u.name} (${u.agency_name})`,
          }))}
          {...props.form}
        />
        <button type="submit" class="button">
          {t('reporters.addButton')}
        </button>
      </form>
    </Page>
  )
}
