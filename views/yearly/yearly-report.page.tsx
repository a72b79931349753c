import { raw } from 'hono/html'
import type { AgencyRow } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime } from '../../src/i18n/format'
import type { ShownMunicipalCount } from '../../src/situation/read'
import type {
  FollowUpRow,
  YearlyPlanListRow,
  YearlyProblemListRow,
  YearlyReportListRow,
} from '../../src/yearly/yearly.repository'
import { FollowUpJudgement } from '../actions/action-parts'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { RecordTable } from './yearly-record'

type FormState = { values: FormValues; errors: FieldErrors }

export type YearlyForms = {
  start: FormState
  summary: FormState
  problem: FormState
  plan: FormState
  /** The follow-up form of one row of last year's plan, when it came back with errors. */
  followUp: (FormState & { rowId: string }) | null
}

/** The yearly reports there are, and (for the coordinating function) a form to start one. */
export const YearlyReportsPage = (props: {
  reports: YearlyReportListRow[]
  mayDraft: boolean
  form: FormState
}) => {
  const { t, locale } = usePage()
  return (
    <Page title={t('yearly.listTitle')}>
      <h1>{t('yearly.listTitle')}</h1>
      <p class="lead">{t('yearly.intro')}</p>
      {props.reports.length === 0 ? (
        <p>{t('yearly.none')}</p>
      ) : (
        <ul class="plain-list">
          {props.reports.map((report) => (
            <li>
              <a href={`/arsrapport/${report.year}`}>
                {t('yearly.titleFor', { year: report.year })}
              </a>{' '}
              <span class="tag">
                {report.approved_at
                  ? t('yearly.approvedOn', { date: formatDateTime(report.approved_at, locale) })
                  : t('yearly.draft')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.mayDraft ? (
        <form method="post" action="/arsrapport" class="card">
          <h2>{t('yearly.start')}</h2>
          <ErrorSummary errors={props.form.errors} labels={{ year: t('yearly.year') }} />
          <CsrfField />
          <TextField
            name="year"
            label={t('yearly.year')}
            inputmode="numeric"
            required
            maxlength={4}
            {...props.form}
          />
          <button type="submit" class="button">
            {t('yearly.startButton')}
          </button>
        </form>
      ) : null}
    </Page>
  )
}

type Draft = {
  summary: string
  picture: ShownMunicipalCount[]
  problems: YearlyProblemListRow[]
  plan: YearlyPlanListRow[]
  followUps: FollowUpRow[]
  previousApproved: boolean
  analyses: {
    id: string
    team_name: string
    period_from: string
    period_to: string
    conclusions: string
    priorities: string
  }[]
  choices: {
    areas: { id: string; name: string; team_name: string }[]
    categories: { id: string; name: string; team_name: string }[]
    agencies: AgencyRow[]
  }
  mayDraft: boolean
  mayApprove: boolean
  forms: YearlyForms
}

/** One year's report: the draft being written, or the approved record exactly as frozen. */
export const YearlyReportPage = (props: {
  year: number
  frozen: { html: string; sha256: string } | null
  draft: Draft | null
}) => {
  const { t } = usePage()
  const title = t('yearly.titleFor', { year: props.year })
  return (
    <Page title={title} wide>
      <p class="eyebrow">
        <a href="/arsrapport">{t('yearly.listTitle')}</a>
      </p>
      {props.frozen ? (
        <>
          {raw(props.frozen.html)}
          <section class="minutes-section" aria-labelledby="y-hash">
            <h2 id="y-hash">{t('minutes.integrity')}</h2>
            <p>{t('yearly.hashExplained')}</p>
            <p>
              SHA-256: <code class="hash">{props.frozen.sha256}</code>
            </p>
            <ul class="plain-list no-print">
              <li>
                <a href={`/arsrapport/${props.year}/utskrift`}>{t('yearly.print')}</a>
              </li>
              <li>
                <a href={`/arsrapport/${props.year}/pdf`} download>
                  {t('yearly.downloadPdf')}
                </a>
              </li>
              {(['lagesbild', 'problem', 'atgardsplan', 'uppfoljning'] as const).map((table) => (
                <li>
                  <a href={`/arsrapport/${props.year}/${table}.csv`} download>
                    {t(`yearly.csv.${table}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : (
        <DraftReport year={props.year} title={title} draft={props.draft!} />
      )}
    </Page>
  )
}

const DraftReport = (props: { year: number; title: string; draft: Draft }) => {
  const { t } = usePage()
  const { draft, year } = props
  const action = (path: string) => `/arsrapport/${year}/${path}`
  return (
    <>
      <h1>
        {props.title} <span class="tag">{t('yearly.draft')}</span>
      </h1>
      <p class="lead">{t('yearly.draftIntro')}</p>

      <section id="sammanfattning" aria-labelledby="d-summary">
        <h2 id="d-summary">{t('yearly.summary')}</h2>
        {draft.mayDraft ? (
          <form method="post" action={action('sammanfattning')} class="card">
            <ErrorSummary
              errors={draft.forms.summary.errors}
              labels={{ summary: t('yearly.summary') }}
              idPrefix="s"
            />
            <CsrfField />
            <TextArea
              name="summary"
              label={t('yearly.summary')}
              hint={t('yearly.summaryHint')}
              maxlength={4000}
              rows={6}
              idPrefix="s"
              {...draft.forms.summary}
            />
            <button type="submit" class="button">
              {t('common.save')}
            </button>
          </form>
        ) : (
          <p class="pre-line">{draft.summary || t('yearly.summaryNone')}</p>
        )}
      </section>

      <section aria-labelledby="d-picture">
        <h2 id="d-picture">{t('yearly.picture')}</h2>
        <p>{t('yearly.pictureIntro')}</p>
        <RecordTable
          empty={t('yearly.pictureNone')}
          head={[
            t('yearly.team'),
            t('situation.area'),
            t('situation.category'),
            t('situation.entriesCount'),
            t('situation.eventsCount'),
          ]}
          numeric={[3, 4]}
          rows={draft.picture.map((r) => [
            r.teamName,
            r.areaName,
            r.categoryName,
            r.entries,
            r.events,
          ])}
        />
      </section>

      <section aria-labelledby="d-analyses">
        <h2 id="d-analyses">{t('yearly.analyses')}</h2>
        <p>{t('yearly.analysesIntro')}</p>
        {draft.analyses.length === 0 ? (
          <p>{t('yearly.analysesNone')}</p>
        ) : (
          draft.analyses.map((analysis) => (
            <article class="card">
              <h3>
                {analysis.team_name}: {analysis.period_from} – {analysis.period_to}
              </h3>
              <h4>{t('analysis.conclusions')}</h4>
              <p class="pre-line">{analysis.conclusions}</p>
              <h4>{t('analysis.priorities')}</h4>
              <p class="pre-line">{analysis.priorities}</p>
            </article>
          ))
        )}
      </section>

      <section id="problem" aria-labelledby="d-problems">
        <h2 id="d-problems">{t('yearly.problems')}</h2>
        <RowsTable
          empty={t('yearly.problemsNone')}
          head={[t('yearly.team'), t('situation.area'), t('situation.category'), t('yearly.cause')]}
          rows={draft.problems.map((p) => ({
            id: p.id,
            cells: [p.team_name, p.area_name, p.category_name, p.cause],
          }))}
          remove={draft.mayDraft ? (id) => action(`problem/${id}/ta-bort`) : null}
        />
        {draft.mayDraft ? (
          <form method="post" action={action('problem')} class="card">
            <h3>{t('yearly.addProblem')}</h3>
            <ErrorSummary
              errors={draft.forms.problem.errors}
              labels={{
                areaId: t('situation.area'),
                categoryId: t('situation.category'),
                cause: t('yearly.cause'),
              }}
              idPrefix="p"
            />
            <CsrfField />
            <SelectField
              name="areaId"
              label={t('situation.area')}
              placeholder={t('form.choose')}
              options={draft.choices.areas.map((a) => ({
                value: a.id,
                label: `${a.team_name} – ${a.name}`,
              }))}
              idPrefix="p"
              {...draft.forms.problem}
            />
            <SelectField
              name="categoryId"
              label={t('situation.category')}
              hint={t('yearly.categoryHint')}
              placeholder={t('form.choose')}
              options={draft.choices.categories.map((k) => ({
                value: k.id,
                label: `${k.team_name} – ${k.name}`,
              }))}
              idPrefix="p"
              {...draft.forms.problem}
            />
            <TextArea
              name="cause"
              label={t('yearly.cause')}
              hint={t('yearly.causeHint')}
              maxlength={1000}
              idPrefix="p"
              {...draft.forms.problem}
            />
            <button type="submit" class="button">
              {t('yearly.addProblemButton')}
            </button>
          </form>
        ) : null}
      </section>

      <section id="plan" aria-labelledby="d-plan">
        <h2 id="d-plan">{t('yearly.plan')}</h2>
        <p>{t('yearly.planIntro')}</p>
        <RowsTable
          empty={t('yearly.planNone')}
          head={[
            t('yearly.cause'),
            t('yearly.action'),
            t('yearly.goal'),
            t('yearly.timing'),
            t('yearly.agency'),
          ]}
          rows={draft.plan.map((r) => ({
            id: r.id,
            cells: [r.cause, r.action, r.goal, r.timing, r.agency_name],
          }))}
          remove={draft.mayDraft ? (id) => action(`plan/${id}/ta-bort`) : null}
        />
        {draft.mayDraft ? (
          <form method="post" action={action('plan')} class="card">
            <h3>{t('yearly.addPlanRow')}</h3>
            <ErrorSummary
              errors={draft.forms.plan.errors}
              labels={{
                cause: t('yearly.cause'),
                action: t('yearly.action'),
                goal: t('yearly.goal'),
                timing: t('yearly.timing'),
                agencyId: t('yearly.agency'),
              }}
              idPrefix="a"
            />
            <CsrfField />
            <TextArea
              name="cause"
              label={t('yearly.cause')}
              maxlength={500}
              rows={2}
              idPrefix="a"
              {...draft.forms.plan}
            />
            <TextArea
              name="action"
              label={t('yearly.action')}
              maxlength={500}
              rows={2}
              idPrefix="a"
              {...draft.forms.plan}
            />
            <TextArea
              name="goal"
              label={t('yearly.goal')}
              hint={t('yearly.goalHint')}
              maxlength={500}
              rows={2}
              idPrefix="a"
              {...draft.forms.plan}
            />
            <TextField
              name="timing"
              label={t('yearly.timing')}
              hint={t('yearly.timingHint')}
              maxlength={100}
              idPrefix="a"
              {...draft.forms.plan}
            />
            <SelectField
              name="agencyId"
              label={t('yearly.agency')}
              placeholder={t('form.choose')}
              options={draft.choices.agencies.map((a) => ({ value: a.id, label: a.name }))}
              idPrefix="a"
              {...draft.forms.plan}
            />
            <button type="submit" class="button">
              {t('yearly.addPlanRowButton')}
            </button>
          </form>
        ) : null}
      </section>

      <section id="uppfoljning" aria-labelledby="d-follow-up">
        <h2 id="d-follow-up">{t('yearly.followUp')}</h2>
        {!draft.previousApproved ? (
          <p>{t('yearly.followUpNoPlan', { year: year - 1 })}</p>
        ) : draft.followUps.length === 0 ? (
          <p>{t('yearly.followUpNone')}</p>
        ) : (
          draft.followUps.map((row) => (
            <FollowUpCard
              year={year}
              row={row}
              mayDraft={draft.mayDraft}
              form={draft.forms.followUp}
            />
          ))
        )}
      </section>

      {draft.mayApprove ? (
        <section aria-labelledby="d-approve">
          <h2 id="d-approve">{t('yearly.approve')}</h2>
          <form method="post" action={action('faststall')} class="card">
            <p>{t('yearly.approveIntro')}</p>
            <CsrfField />
            <button type="submit" class="button">
              {t('yearly.approveButton', { year })}
            </button>
          </form>
        </section>
      ) : null}
    </>
  )
}

const RowsTable = (props: {
  empty: string
  head: string[]
  rows: { id: string; cells: string[] }[]
  remove: ((id: string) => string) | null
}) => {
  const { t } = usePage()
  if (props.rows.length === 0) return <p>{props.empty}</p>
  return (
    <div class="table-scroll">
      <table class="table">
        <thead>
          <tr>
            {props.head.map((label) => (
              <th scope="col">{label}</th>
            ))}
            {props.remove ? (
              <th scope="col">
                <span class="visually-hidden">{t('yearly.remove')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {row.cells.map((cell) => (
                <td>{cell}</td>
              ))}
              {props.remove ? (
                <td>
                  <form method="post" action={props.remove(row.id)}>
                    <CsrfField />
                    <button
                      type="submit"
                      class="button button--secondary"
                      aria-label={`${t('yearly.remove')}: ${row.cells[1] ?? row.cells[0]}`}
                    >
                      {t('yearly.remove')}
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const FollowUpCard = (props: {
  year: number
  row: FollowUpRow
  mayDraft: boolean
  form: YearlyForms['followUp']
}) => {
  const { t } = usePage()
  const { row } = props
  const prefix = `u-${row.id.slice(0, 8)}`
  const state =
    props.form && props.form.rowId === row.id
      ? props.form
      : {
          values: { done: row.done ?? '', effect: row.effect ?? '', note: row.note ?? '' },
          errors: {},
        }
  return (
    <article class="card">
      <h3>{row.action}</h3>
      <p>
        {t('yearly.goal')}: {row.goal} · {t('yearly.agency')}: {row.agency_name} ·{' '}
        {t('yearly.timing')}: {row.timing}
      </p>
      {props.mayDraft ? (
        <form method="post" action={`/arsrapport/${props.year}/uppfoljning/${row.id}`}>
          <ErrorSummary
            errors={state.errors}
            labels={{
              done: t('followUp.done'),
              effect: t('followUp.effect'),
              note: t('yearly.note'),
            }}
            idPrefix={prefix}
          />
          <CsrfField />
          <FollowUpJudgement state={state} idPrefix={prefix} />
          <TextArea
            name="note"
            label={t('yearly.note')}
            hint={t('followUp.reasonHint')}
            maxlength={1000}
            rows={2}
            idPrefix={prefix}
            {...state}
          />
          <button type="submit" class="button">
            {t('yearly.saveFollowUp')}
          </button>
        </form>
      ) : (
        <p>
          {row.done ? t(`followUp.done.${row.done}`) : t('yearly.notFollowedUp')}
          {row.effect ? ` · ${t(`followUp.effect.${row.effect}`)}` : ''}
          {row.note ? ` · ${row.note}` : ''}
        </p>
      )}
    </article>
  )
}

/** The approved report alone on the page, for printing on A4. */
export const YearlyPrintPage = (props: { year: number; html: string; sha256: string }) => {
  const { t } = usePage()
  return (
    <Page title={t('yearly.titleFor', { year: props.year })}>
      <p class="no-print">
        <a href={`/arsrapport/${props.year}`}>{t('yearly.back')}</a>
      </p>
      {raw(props.html)}
      <p class="muted">SHA-256: {props.sha256}</p>
    </Page>
  )
}
