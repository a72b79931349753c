import type { BrokenYearly } from '../../src/yearly/yearly-verify'
import type { Child } from 'hono/jsx'
import { SubNav } from '../components/sub-nav'
import type { AccessLogListRow, AuditListRow } from '../../src/audit/review.repository'
import type { AgencyRow } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime, formatWeekKey } from '../../src/i18n/format'
import type { MessageKey } from '../../src/i18n/t'
import type { TeamRow } from '../../src/teams/team.table'
import { auditOutcomes } from '../../src/audit/audit-event.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import type { RetentionRunRow } from '../../src/retention/retention-runs'
import { RetentionReportTable, RetentionRunList } from '../retention/retention.parts'
import type { BrokenMinutes } from '../../src/minutes/minutes-verify'

export type ReviewFilterForm = { values: FormValues; errors: FieldErrors }
export type ReviewOptions = {
  people: { id: string; label: string }[]
  agencies: AgencyRow[]
  teams: TeamRow[]
  actions: string[]
}

const ReviewLayout = (props: { title: string; children: Child }) => {
  const { t } = usePage()
  return (
    <Page title={props.title} wide>
      <SubNav
        label={t('review.nav')}
        links={[
          ['/granskning/lasningar', t('review.accessLog')],
          ['/granskning/handelser', t('review.auditLog')],
          ['/granskning/kontroll', t('review.check')],
          ['/granskning/gallring', t('admin.retention')],
        ]}
      />
      <h1>{props.title}</h1>
      <p class="muted">{t('review.noContent')}</p>
      {props.children}
    </Page>
  )
}

/** The filter, as a GET form: its address is the question, so it can be bookmarked and paged. */
const FilterForm = (props: {
  action: string
  form: ReviewFilterForm
  options: ReviewOptions
  audit: boolean
}) => {
  const { t } = usePage()
  const field = { ...props.form, idPrefix: 'filter' }
  const labels: Record<string, string> = {
    person: t('review.person'),
    aktor: t('review.agency'),
    team: t('review.team'),
    objekt: t('review.objectId'),
    fran: t('review.from'),
    till: t('review.to'),
    handelse: t('review.action'),
    utfall: t('review.outcome'),
    sida: t('review.page'),
  }
  return (
    <form method="get" action={props.action} role="search" novalidate>
      <ErrorSummary errors={props.form.errors} labels={labels} idPrefix="filter" />
      <div class="inline-fields">
        <SelectField
          name="person"
          label={labels.person!}
          placeholder={t('review.anyone')}
          options={props.options.people.map((p) => ({ value: p.id, label: p.label }))}
          {...field}
        />
        <SelectField
          name="aktor"
          label={labels.aktor!}
          placeholder={t('review.anyAgency')}
          options={props.options.agencies.map((a) => ({ value: a.id, label: a.name }))}
          {...field}
        />
        <SelectField
          name="team"
          label={labels.team!}
          placeholder={t('review.anyTeam')}
          options={props.options.teams.map((team) => ({ value: team.id, label: team.name }))}
          {...field}
        />
      </div>
      <div class="inline-fields">
        <TextField
          name="objekt"
          label={labels.objekt!}
          hint={t('review.objectIdHint')}
          maxlength={36}
          {...field}
        />
        <TextField name="fran" type="date" label={labels.fran!} {...field} />
        <TextField name="till" type="date" label={labels.till!} {...field} />
      </div>
      {props.audit ? (
        <div class="inline-fields">
          <SelectField
            name="handelse"
            label={labels.handelse!}
            placeholder={t('review.anyAction')}
            options={props.options.actions.map((a) => ({ value: a, label: a }))}
            {...field}
          />
          <SelectField
            name="utfall"
            label={labels.utfall!}
            placeholder={t('review.anyOutcome')}
            options={auditOutcomes.map((o) => ({ value: o, label: t(`review.outcome.${o}`) }))}
            {...field}
          />
        </div>
      ) : null}
      <button type="submit" class="button">
        {t('review.search')}
      </button>
    </form>
  )
}

/** Links to the page before and after, keeping the filter. */
export const Paging = (props: {
  base: string
  values: FormValues
  page: number
  more: boolean
}) => {
  const { t } = usePage()
  const href = (page: number) => {
    const query = new URLSearchParams(
      Object.entries(props.values).filter(([key, value]) => key !== 'sida' && value !== ''),
    )
    if (page > 1) query.set('sida', String(page))
    const text = query.toString()
    return text ? `${props.base}?${text}` : props.base
  }
  return (
    <nav aria-label={t('review.paging')} class="pager">
      {props.page > 1 ? <a href={href(props.page - 1)}>{t('review.newer')}</a> : null}{' '}
      <span>{t('review.pageNumber', { page: props.page })}</span>{' '}
      {props.more ? <a href={href(props.page + 1)}>{t('review.older')}</a> : null}
    </nav>
  )
}

/** Rows of the access log: who read what, where and how much — objects named by kind, area and week, never by text. */
export const AccessLogTable = (props: {
  rows: AccessLogListRow[]
  labels: Map<string, { areaName: string; week: string }>
  caption: string
}) => {
  const { t, locale } = usePage()
  const objectName = (row: AccessLogListRow) => {
    const label =
      row.object_type === 'situation_entry' ? props.labels.get(row.object_id) : undefined
    const kind = t(`review.objectType.${row.object_type}` as MessageKey)
    return label ? `${kind}: ${label.areaName}, ${formatWeekKey(label.week, true)}` : kind
  }
  return (
    <table class="table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.time')}</th>
          <th scope="col">{t('review.person')}</th>
          <th scope="col">{t('review.team')}</th>
          <th scope="col">{t('review.object')}</th>
          <th scope="col">{t('review.shown')}</th>
          <th scope="col">{t('review.via')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>{formatDateTime(row.read_at, locale)}</td>
            <td>
              {row.user_name}
              <span class="muted">, {row.agency_name}</span>
            </td>
            <td>
              {row.team_name ?? ''}
              {row.role ? (
                <span class="muted"> ({t(`role.${row.role}` as MessageKey)})</span>
              ) : null}
            </td>
            <td>
              {objectName(row)} <span class="muted code">{row.object_id}</span>
            </td>
            <td>
              {t(`review.shown.${row.shown}` as MessageKey)}
              {row.legal_basis_title ? <span class="muted"> · {row.legal_basis_title}</span> : null}
            </td>
            <td>{t(`review.via.${row.via}` as MessageKey)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export const AccessLogPage = (props: {
  form: ReviewFilterForm
  options: ReviewOptions
  rows: AccessLogListRow[]
  labels: Map<string, { areaName: string; week: string }>
  page: number
  more: boolean
}) => {
  const { t } = usePage()
  const csv = new URLSearchParams(
    Object.entries(props.form.values).filter(([key, value]) => key !== 'sida' && value !== ''),
  ).toString()
  return (
    <ReviewLayout title={t('review.accessLog')}>
      <p>{t('review.accessLogIntro')}</p>
      <FilterForm
        action="/granskning/lasningar"
        form={props.form}
        options={props.options}
        audit={false}
      />
      <p>
        <a href={`/granskning/lasningar.csv${csv ? `?${csv}` : ''}`}>{t('review.exportCsv')}</a>
      </p>
      {props.rows.length === 0 ? <p role="status">{t('review.none')}</p> : null}
      {props.rows.length > 0 ? (
        <AccessLogTable rows={props.rows} labels={props.labels} caption={t('review.accessLog')} />
      ) : null}
      <Paging
        base="/granskning/lasningar"
        values={props.form.values}
        page={props.page}
        more={props.more}
      />
    </ReviewLayout>
  )
}

export const AuditLogPage = (props: {
  form: ReviewFilterForm
  options: ReviewOptions
  rows: AuditListRow[]
  page: number
  more: boolean
}) => {
  const { t, locale } = usePage()
  return (
    <ReviewLayout title={t('review.auditLog')}>
      <p>{t('review.auditLogIntro')}</p>
      <FilterForm action="/granskning/handelser" form={props.form} options={props.options} audit />
      {props.rows.length === 0 ? <p role="status">{t('review.none')}</p> : null}
      {props.rows.length > 0 ? (
        <table class="table">
          <caption class="visually-hidden">{t('review.auditLog')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.eventNumber')}</th>
              <th scope="col">{t('review.time')}</th>
              <th scope="col">{t('review.person')}</th>
              <th scope="col">{t('review.action')}</th>
              <th scope="col">{t('review.object')}</th>
              <th scope="col">{t('review.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>{row.seq}</td>
                <td>{formatDateTime(row.occurred_at, locale)}</td>
                <td>
                  {row.user_name ?? t('review.nobody')}
                  {row.agency_name ? <span class="muted">, {row.agency_name}</span> : null}
                </td>
                <td>
                  <span class="code">{row.action}</span>
                </td>
                <td>
                  {row.object_type ?? ''} <span class="muted code">{row.object_id ?? ''}</span>
                </td>
                <td>{t(`review.outcome.${row.outcome}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Paging
        base="/granskning/handelser"
        values={props.form.values}
        page={props.page}
        more={props.more}
      />
    </ReviewLayout>
  )
}

export const ChainCheckPage = (props: {
  brokenEvent: number | null
  brokenBatch: number | null
  brokenMinutes: BrokenMinutes | null
  brokenYearly: BrokenYearly | null
  sizes: { events: number; reads: number; minutes: number } | null
}) => {
  const { t } = usePage()
  const { sizes } = props
  return (
    <ReviewLayout title={t('review.check')}>
      <p>{t('review.checkIntro')}</p>
      {sizes ? (
        <div role="status" class="notice">
          {props.brokenEvent === null &&
          props.brokenBatch === null &&
          props.brokenMinutes === null &&
          props.brokenYearly === null ? (
            <p>
              {t('review.checkWhole', { events: sizes.events, reads: sizes.reads })}{' '}
              {t('review.checkMinutesWhole', { minutes: sizes.minutes })}
            </p>
          ) : null}
          {props.brokenMinutes ? (
            <p>
              {t('review.checkBrokenMinutes', {
                meeting: props.brokenMinutes.meetingId,
                reason: t(`review.minutesBroken.${props.brokenMinutes.reason}`),
              })}
            </p>
          ) : null}
          {props.brokenYearly ? (
            <p>
              {t('review.checkBrokenYearly', {
                year: props.brokenYearly.year,
                reason: t(`review.minutesBroken.${props.brokenYearly.reason}`),
              })}
            </p>
          ) : null}
          {props.brokenEvent !== null ? (
            <p>{t('review.checkBrokenEvent', { seq: props.brokenEvent })}</p>
          ) : null}
          {props.brokenBatch !== null ? (
            <p>{t('review.checkBrokenBatch', { batch: props.brokenBatch })}</p>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/granskning/kontroll">
        <CsrfField />
        <button type="submit" class="button">
          {t('review.checkNow')}
        </button>
      </form>
    </ReviewLayout>
  )
}

/** The auditor's view of gallring: every run's report, who started it, what went. */
export const RetentionReviewPage = (props: { runs: RetentionRunRow[] }) => {
  const { t } = usePage()
  return (
    <ReviewLayout title={t('retention.runs')}>
      <RetentionRunList runs={props.runs} base="/granskning/gallring" />
    </ReviewLayout>
  )
}

export const RetentionRunReviewPage = (props: {
  run: RetentionRunRow
  teams: Map<string, string>
}) => {
  const { t } = usePage()
  return (
    <ReviewLayout title={t('retention.report')}>
      <RetentionReportTable run={props.run} teams={props.teams} />
    </ReviewLayout>
  )
}
