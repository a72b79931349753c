import { formatDateTime } from '../../src/i18n/format'
import type { RetentionRunRow } from '../../src/retention/retention-runs'
import { usePage } from '../page-context'

/** The list of runs: when, who, a dry run or not, how it went, how many rows went. */
export const RetentionRunList = (props: { runs: RetentionRunRow[]; base: string }) => {
  const { t, locale } = usePage()
  if (props.runs.length === 0) return <p class="muted">{t('retention.noRuns')}</p>
  return (
    <table class="table">
      <caption class="visually-hidden">{t('retention.runs')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('retention.startedAt')}</th>
          <th scope="col">{t('retention.startedBy')}</th>
          <th scope="col">{t('retention.what')}</th>
          <th scope="col">{t('retention.outcome')}</th>
          <th scope="col">{t('retention.removed')}</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr>
            <td>
              <a href={`${props.base}/${run.id}`}>{formatDateTime(run.startedAt, locale)}</a>
            </td>
            <td>{run.startedByName ?? t('retention.daily')}</td>
            <td>{t(run.dryRun ? 'retention.dryRun' : 'retention.realRun')}</td>
            <td>{t(`retention.outcome.${run.outcome as 'done'}`)}</td>
            <td>{run.report.lines.reduce((sum, line) => sum + line.removed, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One run's report: per kind of record and team, what went, the cut-off and the oldest kept, and why. */
export const RetentionReportTable = (props: {
  run: RetentionRunRow
  teams: Map<string, string>
}) => {
  const { t, locale } = usePage()
  const { run } = props
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{t('retention.startedAt')}</dt>
          <dd>{formatDateTime(run.startedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('retention.endedAt')}</dt>
          <dd>
            {run.endedAt ? formatDateTime(run.endedAt, locale) : t('retention.outcome.running')}
          </dd>
        </div>
        <div>
          <dt>{t('retention.startedBy')}</dt>
          <dd>{run.startedByName ?? t('retention.daily')}</dd>
        </div>
        <div>
          <dt>{t('retention.what')}</dt>
          <dd>{t(run.dryRun ? 'retention.dryRun' : 'retention.realRun')}</dd>
        </div>
        <div>
          <dt>{t('retention.outcome')}</dt>
          <dd role="status">{t(`retention.outcome.${run.outcome as 'done'}`)}</dd>
        </div>
      </dl>
      {run.report.error ? <p class="warning">{run.report.error}</p> : null}
      <table class="table">
        <caption class="visually-hidden">{t('retention.report')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.kind')}</th>
            <th scope="col">{t('retention.team')}</th>
            <th scope="col">{t(run.dryRun ? 'retention.wouldRemove' : 'retention.removed')}</th>
            <th scope="col">{t('retention.cutoff')}</th>
            <th scope="col">{t('retention.oldestKept')}</th>
          </tr>
        </thead>
        <tbody>
          {run.report.lines.map((line) => (
            <tr>
              <td>{t(`retention.kind.${line.kind}`)}</td>
              <td>
                {line.teamId
                  ? (props.teams.get(line.teamId) ?? line.teamId)
                  : t('retention.allTeams')}
              </td>
              <td>{line.removed}</td>
              <td>{line.cutoff ? line.cutoff.slice(0, 10) : '–'}</td>
              <td>
                {line.oldestKept
                  ? `${line.oldestKept.at.slice(0, 10)} (${t(`retention.because.${line.oldestKept.because}`)})`
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
