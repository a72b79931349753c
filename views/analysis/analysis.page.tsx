import type { AnalysisData } from '../../src/analysis/analysis-data'
import { periodOf, periodsInYear } from '../../src/analysis/period'
import { analysisPeriods, type AnalysisRow } from '../../src/assessments/assessment.table'
import { parseScale } from '../../src/assessments/scale'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime, formatWeekKey } from '../../src/i18n/format'
import type { TeamRow } from '../../src/teams/team.table'
import type { TeamCan } from '../../src/access/meeting-policy'
import { Level } from '../assessments/assessments'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextArea } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

const usePeriodLabel = () => {
  const { t } = usePage()
  return (kind: AnalysisRow['period_kind'], year: number, number: number) =>
    kind === 'year'
      ? t('analysis.label.year', { year: String(year) })
      : t(`analysis.label.${kind}`, { year: String(year), number: String(number) })
}

const labelOfRow = (row: AnalysisRow) => {
  const [year, month] = row.period_from.split('-').map(Number) as [number, number]
  const months = { quarter: 3, tertial: 4, year: 12 }[row.period_kind]
  return { kind: row.period_kind, year, number: Math.floor((month - 1) / months) + 1 }
}

type Props = {
  team: TeamRow
  can: TeamCan
  data: AnalysisData
  analysis: AnalysisRow | null
  approved: AnalysisRow[]
  form: { values: FormValues; errors: FieldErrors } | null
}

/** A quarter, tertial or year of the situation picture, and the team's analysis of it. */
export const AnalysisPage = (props: Props) => {
  const { t, locale } = usePage()
  const label = usePeriodLabel()
  const { data, team } = props
  const { period } = data
  const scale = parseScale(team.assessment_scale)
  const title = `${t('analysis.title')}: ${label(period.kind, period.year, period.number)}`
  const draft = props.analysis && !props.analysis.approved_at ? props.analysis : null
  const shown = props.analysis?.approved_at ? props.analysis : null
  const coordinator = props.can.writeAnalysis
  const formState = props.form ?? {
    values: { conclusions: draft?.conclusions ?? '', priorities: draft?.priorities ?? '' },
    errors: {},
  }
  const areaName = new Map(data.areas.map((a) => [a.id, a.name]))
  const move = (start: number | null, end: number | null) =>
    start === null || end === null
      ? t('analysis.noAssessment')
      : end > start
        ? t('analysis.rose')
        : end < start
          ? t('analysis.fell')
          : t('analysis.same')
  return (
    <Page title={`${title} – ${team.name}`} wide>
      <p class="eyebrow">
        <a href={`/team/${team.id}`}>{team.name}</a> ·{' '}
        <a href={`/team/${team.id}/analyser`}>{t('analysis.list')}</a>
      </p>
      <h1>{title}</h1>
      <form method="get" action={`/team/${team.id}/analys`} class="card">
        <div class="inline-fields">
          <div class="field">
            <label for="period-kind">{t('analysis.periodKind')}</label>
            <select id="period-kind" name="period">
              {analysisPeriods.map((kind) => (
                <option value={kind} selected={kind === period.kind}>
                  {t(`analysis.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="period-year">{t('analysis.year')}</label>
            <input
              id="period-year"
              name="ar"
              type="text"
              inputmode="numeric"
              value={String(period.year)}
              maxlength={4}
            />
          </div>
          <div class="field">
            <label for="period-number">{t('analysis.number')}</label>
            <select id="period-number" name="nr">
              {[1, 2, 3, 4].map((n) => (
                <option value={String(n)} selected={n === period.number}>
                  {String(n)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="button button--secondary">
          {t('situation.filter')}
        </button>
      </form>

      <section class="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t('analysis.levels')}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('situation.area')}</th>
              <th scope="col">{t('analysis.start')}</th>
              <th scope="col">{t('analysis.end')}</th>
              <th scope="col">{t('analysis.change')}</th>
            </tr>
          </thead>
          <tbody>
            {data.levels.map((row) => (
              <tr>
                <th scope="row">{row.area.name}</th>
                <td>{row.start === null ? '–' : <Level level={row.start} scale={scale} />}</td>
                <td>{row.end === null ? '–' : <Level level={row.end} scale={scale} />}</td>
                <td>{move(row.start, row.end)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="categories-title">
        <h2 id="categories-title">{t('analysis.categories')}</h2>
        {data.changes.length === 0 ? (
          <p class="muted">{t('situation.noEntries')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('situation.category')}</th>
                <th scope="col">{t('analysis.before')}</th>
                <th scope="col">{t('analysis.now')}</th>
                <th scope="col">{t('analysis.change')}</th>
              </tr>
            </thead>
            <tbody>
              {data.changes.map((row) => (
                <tr>
                  <th scope="row">{row.category.name}</th>
                  <td>{row.before}</td>
                  <td>{row.now}</td>
                  <td>{row.grew ? t('analysis.grew') : row.fell ? t('analysis.shrank') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card" aria-labelledby="problems-title">
        <h2 id="problems-title">{t('analysis.problems')}</h2>
        <p class="muted">{t('analysis.problemsIntro')}</p>
        {data.problems.length === 0 ? (
          <p class="muted">{t('analysis.noProblems')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('analysis.problem')}</th>
                <th scope="col">{t('analysis.before')}</th>
                <th scope="col">{t('analysis.now')}</th>
                <th scope="col">{t('analysis.areaLevel')}</th>
                <th scope="col">{t('analysis.actionsAndEffect')}</th>
              </tr>
            </thead>
            <tbody>
              {data.problems.map((problem) => (
                <tr id={`problem-${problem.key.replace(':', '-')}`}>
                  <th scope="row">
                    {t('decisions.problems.cell', {
                      area: problem.areaName,
                      category: problem.categoryName,
                    })}
                  </th>
                  <td>{problem.before}</td>
                  <td>{problem.now}</td>
                  <td>{move(problem.levelStart, problem.levelEnd)}</td>
                  <td>
                    {problem.actions.length === 0 ? (
                      <span class="tag tag--warn">{t('analysis.noActionTag')}</span>
                    ) : (
                      <ul class="plain-list">
                        {problem.actions.map((action) => (
                          <li>
                            <a href={`/atgarder/${action.id}`}>{action.text}</a>{' '}
                            <span class="muted">
                              {action.ownerAgencyName} · {t(`actionStatus.${action.status}`)} ·{' '}
                              {formatWeekKey(action.week, true)}
                            </span>
                            {action.effect ? (
                              <>
                                {' '}
                                {t('analysis.effectOf', {
                                  effect: t(`followUp.effect.${action.effect}`),
                                })}
                                {action.confirmed ? ` (${t('followUp.confirmed')})` : ''}
                              </>
                            ) : null}
                            {action.notFollowedUp ? (
                              <>
                                {' '}
                                <span class="tag tag--warn">{t('analysis.notFollowedUpTag')}</span>
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('analysis.actions')}</h2>
        {data.actionsByArea.size === 0 ? <p class="muted">{t('analysis.noActions')}</p> : null}
        {[...data.actionsByArea.entries()].map(([areaId, actions]) => (
          <>
            <h3>{areaId ? areaName.get(areaId) : t('actions.noArea')}</h3>
            <ul class="row-list">
              {actions.map((action) => (
                <li>
                  <p class="row-list__title">
                    <a href={`/atgarder/${action.id}`}>{action.text}</a>
                  </p>
                  <p class="muted">
                    {action.ownerAgencyName} · {t(`actionStatus.${action.status as 'open'}`)} ·{' '}
                    {formatWeekKey(action.week, true)}
                    {areaId ? (
                      <>
                        {' · '}
                        {t('analysis.levelAfter')}:{' '}
                        {action.levelThen === null ? '–' : scale[action.levelThen]} →{' '}
                        {action.levelAtEnd === null ? '–' : scale[action.levelAtEnd]}
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </>
        ))}
      </section>

      {[...props.approved.filter((a) => a.id !== shown?.id), ...(shown ? [shown] : [])].map(
        (analysis) => (
          <section class="card" aria-labelledby={`approved-${analysis.id}`}>
            <h2 id={`approved-${analysis.id}`}>
              {t('analysis.approvedTitle', { when: formatDateTime(analysis.approved_at!, locale) })}
            </h2>
            <h3>{t('analysis.conclusions')}</h3>
            <p class="entry__text">{analysis.conclusions}</p>
            <h3>{t('analysis.priorities')}</h3>
            <p class="entry__text">{analysis.priorities}</p>
          </section>
        ),
      )}

      <section class="card" aria-labelledby="draft-title">
        <h2 id="draft-title">{draft ? t('analysis.draftTitle') : t('analysis.newTitle')}</h2>
        {draft && !coordinator ? (
          <>
            <h3>{t('analysis.conclusions')}</h3>
            <p class="entry__text">{draft.conclusions}</p>
            <h3>{t('analysis.priorities')}</h3>
            <p class="entry__text">{draft.priorities}</p>
          </>
        ) : null}
        {coordinator ? (
          <>
            <ErrorSummary
              errors={formState.errors}
              labels={{
                conclusions: t('analysis.conclusions'),
                priorities: t('analysis.priorities'),
              }}
            />
            <form
              method="post"
              action={draft ? `/analyser/${draft.id}` : `/team/${team.id}/analyser`}
              novalidate
            >
              <CsrfField />
              <input type="hidden" name="period" value={period.kind} />
              <input type="hidden" name="ar" value={String(period.year)} />
              <input type="hidden" name="nr" value={String(period.number)} />
              <TextArea
                name="conclusions"
                label={t('analysis.conclusions')}
                maxlength={4000}
                rows={5}
                {...formState}
              />
              <TextArea
                name="priorities"
                label={t('analysis.priorities')}
                maxlength={4000}
                rows={4}
                {...formState}
              />
              <button type="submit" class="button">
                {t('analysis.save')}
              </button>
            </form>
          </>
        ) : !draft ? (
          <p class="muted">{t('analysis.coordinatorWrites')}</p>
        ) : null}
        {draft && props.can.approveAnalysis ? (
          <form method="post" action={`/analyser/${draft.id}/godkann`}>
            <CsrfField />
            <button type="submit" class="button">
              {t('analysis.approve')}
            </button>
          </form>
        ) : null}
      </section>
    </Page>
  )
}

/** The team's analyses, approved and drafts, newest period first. */
export const AnalysesPage = (props: { team: TeamRow; analyses: AnalysisRow[] }) => {
  const { t, locale } = usePage()
  const label = usePeriodLabel()
  const current = periodOf(
    'quarter',
    new Date().getUTCFullYear(),
    Math.floor(new Date().getUTCMonth() / 3) + 1,
  )
  return (
    <Page title={`${t('analysis.list')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a>
      </p>
      <h1>{t('analysis.list')}</h1>
      <p>
        <a
          class="button"
          href={`/team/${props.team.id}/analys?period=quarter&ar=${current.year}&nr=${current.number}`}
        >
          {t('analysis.open')}
        </a>
      </p>
      {props.analyses.length === 0 ? (
        <p class="muted">{t('analysis.none')}</p>
      ) : (
        <ul class="link-list">
          {props.analyses.map((analysis) => {
            const p = labelOfRow(analysis)
            return (
              <li>
                <a href={`/analyser/${analysis.id}`}>{label(p.kind, p.year, p.number)}</a>{' '}
                <span class="muted">
                  {analysis.approved_at
                    ? t('analysis.approvedOn', {
                        when: formatDateTime(analysis.approved_at, locale),
                      })
                    : t('analysis.draft')}
                </span>
              </li>
            )
          })}
        </ul>
      )}
      <p class="muted">
        {t('analysis.periodsNote', { tertials: String(periodsInYear('tertial')) })}
      </p>
    </Page>
  )
}
