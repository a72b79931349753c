import type { Child } from 'hono/jsx'
import { DisclosureTable } from '../situation/disclosures.page'
import { SubNav } from '../components/sub-nav'
import type { AccessLogListRow } from '../../src/audit/review.repository'
import type { DisclosureListRow } from '../../src/situation/entries/disclosure.repository'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime, formatDay } from '../../src/i18n/format'
import { CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { ErrorSummary, StatusMessage } from '../components/error-summary'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { AccessLogTable, Paging } from './review.pages'

type Form = { values: FormValues; errors: FieldErrors }
type Labels = Map<string, { areaName: string; week: string }>

const LogReviewLayout = (props: { title: string; children: Child }) => {
  const { t, viewer } = usePage()
  return (
    <Page title={props.title} wide>
      <SubNav
        label={t('logReview.nav')}
        links={[
          ['/loggkontroll', t('logReview.staffReads')],
          ['/loggkontroll/vara-poster', t('logReview.entryReads')],
          ['/loggkontroll/stickprov', t('logReview.sample')],
          ['/loggkontroll/utlamnanden', t('logReview.register')],
        ]}
      />
      <p class="eyebrow">{t('logReview.agency', { agency: viewer?.agencyName ?? '' })}</p>
      <h1>{props.title}</h1>
      <p class="muted">{t('review.noContent')}</p>
      {props.children}
    </Page>
  )
}

export const AgencyReadsPage = (props: {
  side: 'staff' | 'entries'
  form: Form
  options: { people: { id: string; name: string }[]; teams: { id: string; name: string }[] }
  rows: AccessLogListRow[]
  labels: Labels
  page: number
  more: boolean
}) => {
  const { t } = usePage()
  const base = props.side === 'staff' ? '/loggkontroll' : '/loggkontroll/vara-poster'
  const title = t(props.side === 'staff' ? 'logReview.staffReads' : 'logReview.entryReads')
  const field = { ...props.form, idPrefix: 'filter' }
  const labels = {
    person: t('review.person'),
    team: t('review.team'),
    fran: t('review.from'),
    till: t('review.to'),
    sida: t('review.page'),
  }
  return (
    <LogReviewLayout title={title}>
      <p>{t(props.side === 'staff' ? 'logReview.staffIntro' : 'logReview.entriesIntro')}</p>
      <form method="get" action={base} role="search" novalidate>
        <ErrorSummary errors={props.form.errors} labels={labels} idPrefix="filter" />
        <div class="inline-fields">
          {props.side === 'staff' ? (
            <SelectField
              name="person"
              label={labels.person}
              placeholder={t('review.anyone')}
              options={props.options.people.map((p) => ({ value: p.id, label: p.name }))}
              {...field}
            />
          ) : null}
          <SelectField
            name="team"
            label={labels.team}
            placeholder={t('review.anyTeam')}
            options={props.options.teams.map((team) => ({ value: team.id, label: team.name }))}
            {...field}
          />
          <TextField name="fran" type="date" label={labels.fran} {...field} />
          <TextField name="till" type="date" label={labels.till} {...field} />
        </div>
        <button type="submit" class="button">
          {t('review.search')}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p role="status">{t('review.none')}</p>
      ) : (
        <AccessLogTable rows={props.rows} labels={props.labels} caption={title} />
      )}
      <Paging base={base} values={props.form.values} page={props.page} more={props.more} />
    </LogReviewLayout>
  )
}

export const SamplePage = (props: {
  form: Form
  rows: AccessLogListRow[] | null
  labels: Labels
  reviews: {
    id: string
    period_from: string
    period_to: string
    reads_sampled: number
    note: string
    created_at: string
    reviewer_name: string
  }[]
  record: Form | null
  done: boolean
}) => {
  const { t, locale } = usePage()
  const field = { ...props.form, idPrefix: 'sample' }
  const record = props.record ?? { values: {}, errors: {} }
  const labels = { fran: t('review.from'), till: t('review.to'), antal: t('logReview.size') }
  return (
    <LogReviewLayout title={t('logReview.sample')}>
      <StatusMessage message={props.done ? t('logReview.saved') : null} />
      <p>{t('logReview.sampleIntro')}</p>
      <form method="get" action="/loggkontroll/stickprov" novalidate>
        <ErrorSummary errors={props.form.errors} labels={labels} idPrefix="sample" />
        <div class="inline-fields">
          <TextField name="fran" type="date" label={labels.fran} {...field} />
          <TextField name="till" type="date" label={labels.till} {...field} />
          <TextField
            name="antal"
            label={labels.antal}
            inputmode="numeric"
            maxlength={3}
            {...field}
          />
        </div>
        <button type="submit" class="button">
          {t('logReview.draw')}
        </button>
      </form>
      {props.rows ? (
        <>
          <h2>{t('logReview.drawn', { count: props.rows.length })}</h2>
          {props.rows.length > 0 ? (
            <AccessLogTable
              rows={props.rows}
              labels={props.labels}
              caption={t('logReview.sample')}
            />
          ) : (
            <p>{t('review.none')}</p>
          )}
          <h2>{t('logReview.record')}</h2>
          <ErrorSummary
            errors={record.errors}
            labels={{ note: t('logReview.note') }}
            idPrefix="record"
          />
          <form method="post" action="/loggkontroll/granskningar" novalidate>
            <CsrfField />
            <input type="hidden" name="fran" value={props.form.values.fran ?? ''} />
            <input type="hidden" name="till" value={props.form.values.till ?? ''} />
            <input type="hidden" name="antal" value={String(props.rows.length)} />
            <TextArea
              name="note"
              label={t('logReview.note')}
              hint={t('logReview.noteHint')}
              maxlength={2000}
              rows={3}
              idPrefix="record"
              {...record}
            />
            <button type="submit" class="button">
              {t('logReview.markDone')}
            </button>
          </form>
        </>
      ) : null}
      <h2>{t('logReview.history')}</h2>
      {props.reviews.length === 0 ? <p class="muted">{t('logReview.noHistory')}</p> : null}
      <ul class="row-list">
        {props.reviews.map((review) => (
          <li>
            <p class="row-list__title">
              {formatDay(review.period_from, locale)} – {formatDay(review.period_to, locale)} ·{' '}
              {t('logReview.sampled', { count: review.reads_sampled })}
            </p>
            <p class="muted">
              {review.reviewer_name}, {formatDateTime(review.created_at, locale)}
            </p>
            <p>{review.note}</p>
          </li>
        ))}
      </ul>
    </LogReviewLayout>
  )
}

/** The agency's disclosure register across every team, for its log reviewer: no entry links, since the reviewer sees no content. */
export const RegisterPage = (props: {
  form: Form
  teams: { id: string; name: string }[]
  rows: DisclosureListRow[]
}) => {
  const { t } = usePage()
  const field = { ...props.form, idPrefix: 'filter' }
  const labels = { team: t('review.team'), fran: t('review.from'), till: t('review.to') }
  const csv = new URLSearchParams(
    Object.entries(props.form.values).filter(([, value]) => value !== ''),
  ).toString()
  return (
    <LogReviewLayout title={t('logReview.register')}>
      <p>{t('logReview.registerIntro')}</p>
      <form method="get" action="/loggkontroll/utlamnanden" role="search" novalidate>
        <ErrorSummary errors={props.form.errors} labels={labels} idPrefix="filter" />
        <div class="inline-fields">
          <SelectField
            name="team"
            label={labels.team}
            placeholder={t('review.anyTeam')}
            options={props.teams.map((team) => ({ value: team.id, label: team.name }))}
            {...field}
          />
          <TextField name="fran" type="date" label={labels.fran} {...field} />
          <TextField name="till" type="date" label={labels.till} {...field} />
        </div>
        <button type="submit" class="button">
          {t('review.search')}
        </button>
      </form>
      <p>
        <a href={`/loggkontroll/utlamnanden.csv${csv ? `?${csv}` : ''}`}>{t('review.exportCsv')}</a>
      </p>
      {props.rows.length === 0 ? (
        <p role="status">{t('review.none')}</p>
      ) : (
        <DisclosureTable rows={props.rows} caption={t('logReview.register')} direction />
      )}
    </LogReviewLayout>
  )
}
