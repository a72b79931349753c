import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDay } from '../../src/i18n/format'
import { reportScopes } from '../../src/reports/report.table'
import type { ShownReport } from '../../src/situation/read'
import { trends } from '../../src/situation/situation-entry.table'
import type { AreaRow, CategoryRow } from '../../src/teams/team.table'
import { ErrorSummary, StatusMessage } from '../components/error-summary'
import { ChoiceGroup, CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

type TeamForm = {
  id: string
  name: string
  areas: AreaRow[]
  categories: CategoryRow[]
  form: { values: FormValues; errors: FieldErrors }
}

/**
 * The reporter's page, made for a phone: one short form per team they report
 * to, then their own reports and what became of them. Nothing of the team's picture.
 */
export const ReportPage = (props: {
  teams: TeamForm[]
  reports: ShownReport[]
  today: string
  sent: string | null
}) => {
  const { t } = usePage()
  return (
    <Page title={t('report.title')}>
      <h1>{t('report.title')}</h1>
      <StatusMessage message={props.sent ? t('report.sent') : null} />
      {props.teams.length === 0 ? <p>{t('report.noSeat')}</p> : null}
      {props.teams.map((team) => (
        <ReportForm team={team} today={props.today} several={props.teams.length > 1} />
      ))}
      <section aria-labelledby="own-reports">
        <h2 id="own-reports">{t('report.ownTitle')}</h2>
        {props.reports.length === 0 ? (
          <p>{t('report.ownNone')}</p>
        ) : (
          <ul class="plain-list">
            {props.reports.map((report) => (
              <li class="card">
                <p>
                  <strong>
                    {report.areaName} · {report.categoryName}
                  </strong>{' '}
                  <span class="tag">{t(`report.status.${report.status}`)}</span>
                </p>
                <p class="muted">
                  {report.teamName} · {formatDay(report.observedOn, 'sv')}
                </p>
                <p>{report.description}</p>
                {report.returnReason ? (
                  <p>
                    {t('report.returnReason')}: {report.returnReason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  )
}

const ReportForm = (props: { team: TeamForm; today: string; several: boolean }) => {
  const { t } = usePage()
  const { team } = props
  const prefix = `r-${team.id.slice(0, 8)}`
  const state = team.form
  return (
    <form method="post" action="/rapportera" class="card report-form">
      {props.several ? <h2>{team.name}</h2> : <p class="muted">{team.name}</p>}
      <ErrorSummary
        errors={state.errors}
        labels={{
          areaId: t('situation.area'),
          categoryId: t('situation.category'),
          observedOn: t('report.observedOn'),
          eventCount: t('report.eventCount'),
          trend: t('situation.trend'),
          description: t('report.description'),
          scope: t('report.scope'),
        }}
        idPrefix={prefix}
      />
      <CsrfField />
      <input type="hidden" name="teamId" value={team.id} />
      <input type="hidden" name="idempotencyKey" value={state.values.idempotencyKey ?? ''} />
      <SelectField
        name="areaId"
        label={t('situation.area')}
        placeholder={t('form.choose')}
        options={team.areas.map((a) => ({ value: a.id, label: a.name }))}
        idPrefix={prefix}
        {...state}
      />
      <SelectField
        name="categoryId"
        label={t('situation.category')}
        placeholder={t('form.choose')}
        options={team.categories.map((k) => ({ value: k.id, label: k.name }))}
        idPrefix={prefix}
        {...state}
      />
      <TextField
        name="observedOn"
        type="date"
        label={t('report.observedOn')}
        idPrefix={prefix}
        {...state}
      />
      <TextField
        name="eventCount"
        label={t('report.eventCount')}
        hint={t('report.eventCountHint')}
        inputmode="numeric"
        maxlength={5}
        idPrefix={prefix}
        {...state}
      />
      <ChoiceGroup
        name="trend"
        label={t('situation.trend')}
        options={trends.map((trend) => ({ value: trend, label: t(`trend.${trend}`) }))}
        idPrefix={prefix}
        {...state}
      />
      <TextArea
        name="description"
        label={t('report.description')}
        hint={t('report.descriptionHint')}
        maxlength={500}
        rows={4}
        idPrefix={prefix}
        {...state}
      />
      <ChoiceGroup
        name="scope"
        label={t('report.scope')}
        options={reportScopes.map((scope) => ({
          value: scope,
          label: t(`report.scope.${scope}`),
        }))}
        idPrefix={prefix}
        {...state}
      />
      <button type="submit" class="button">
        {t('report.send')}
      </button>
    </form>
  )
}
