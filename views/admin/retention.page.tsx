import type { RetentionRunRow } from '../../src/retention/retention-runs'
import type { RetentionSettings } from '../../src/retention/retention-settings'
import { retentionKindNames, retentionKinds } from '../../src/retention/retention.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { usePage } from '../page-context'
import { RetentionReportTable, RetentionRunList } from '../retention/retention.parts'
import { AdminPage, type FormState } from './admin-layout'

const base = '/admin/gallring'

/** Gallring: the periods per kind of record (and per team), a run now or a dry run, and the reports. */
export const RetentionPage = (props: {
  settings: RetentionSettings
  teams: { id: string; name: string }[]
  runs: RetentionRunRow[]
  form: FormState
  teamForm: FormState
  done: string | null
}) => {
  const { t } = usePage()
  const values = {
    ...Object.fromEntries(
      retentionKindNames.map((kind) => [
        `months-${kind}`,
        String(props.settings.months[kind] ?? ''),
      ]),
    ),
    ...props.form.values,
  }
  const teamName = new Map(props.teams.map((team) => [team.id, team.name]))
  const overrides = [...props.settings.perTeam].flatMap(([teamId, kinds]) =>
    Object.entries(kinds).map(([kind, months]) => ({ teamId, kind, months })),
  )
  const teamKinds = retentionKindNames.filter((kind) => retentionKinds[kind].perTeam)
  return (
    <AdminPage title={t('admin.retention')} done={props.done}>
      <p>{t('retention.intro')}</p>
      <section aria-labelledby="retention-periods" class="card">
        <h2 id="retention-periods">{t('retention.periods')}</h2>
        <ErrorSummary
          errors={props.form.errors}
          labels={Object.fromEntries(
            retentionKindNames.map((kind) => [`months-${kind}`, t(`retention.kind.${kind}`)]),
          )}
        />
        <form method="post" action={`${base}/perioder`} novalidate>
          <CsrfField />
          {retentionKindNames.map((kind) => (
            <TextField
              name={`months-${kind}`}
              label={t(`retention.kind.${kind}`)}
              hint={t(`retention.hint.${kind}`)}
              inputmode="numeric"
              maxlength={3}
              values={values}
              errors={props.form.errors}
            />
          ))}
          <button type="submit" class="button">
            {t('retention.savePeriods')}
          </button>
        </form>
      </section>

      <section aria-labelledby="retention-teams" class="card">
        <h2 id="retention-teams">{t('retention.perTeam')}</h2>
        <p>{t('retention.perTeamIntro')}</p>
        {overrides.length > 0 ? (
          <ul>
            {overrides.map((o) => (
              <li>
                {teamName.get(o.teamId) ?? o.teamId}: {t(`retention.kind.${o.kind as 'entries'}`)} –{' '}
                {o.months === null
                  ? t('retention.kept')
                  : t('retention.months', { months: o.months })}{' '}
                <form method="post" action={`${base}/team/ta-bort`} class="inline-form">
                  <CsrfField />
                  <input type="hidden" name="teamId" value={o.teamId} />
                  <input type="hidden" name="kind" value={o.kind} />
                  <button type="submit" class="button button--secondary">
                    {t('retention.removeOverride')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : null}
        <ErrorSummary
          errors={props.teamForm.errors}
          labels={{
            teamId: t('retention.team'),
            kind: t('retention.kind'),
            months: t('retention.monthsLabel'),
          }}
          idPrefix="team"
        />
        <form method="post" action={`${base}/team`} class="inline-fields" novalidate>
          <CsrfField />
          <SelectField
            name="teamId"
            label={t('retention.team')}
            placeholder={t('form.choose')}
            options={props.teams.map((team) => ({ value: team.id, label: team.name }))}
            idPrefix="team"
            {...props.teamForm}
          />
          <SelectField
            name="kind"
            label={t('retention.kind')}
            options={teamKinds.map((kind) => ({ value: kind, label: t(`retention.kind.${kind}`) }))}
            idPrefix="team"
            {...props.teamForm}
          />
          <TextField
            name="months"
            label={t('retention.monthsLabel')}
            inputmode="numeric"
            maxlength={3}
            idPrefix="team"
            {...props.teamForm}
          />
          <button type="submit" class="button button--secondary">
            {t('retention.saveOverride')}
          </button>
        </form>
      </section>

      <section aria-labelledby="retention-run" class="card">
        <h2 id="retention-run">{t('retention.runTitle')}</h2>
        <p>{t('retention.runIntro')}</p>
        <div class="button-row">
          <form method="post" action={`${base}/prova`} class="inline-form">
            <CsrfField />
            <button type="submit" class="button button--secondary">
              {t('retention.tryRun')}
            </button>
          </form>
          <form method="post" action={`${base}/kor`} class="inline-form">
            <CsrfField />
            <button type="submit" class="button">
              {t('retention.runNow')}
            </button>
          </form>
        </div>
      </section>

      <h2>{t('retention.runs')}</h2>
      <RetentionRunList runs={props.runs} base={`${base}/korningar`} />
    </AdminPage>
  )
}

export const RetentionRunPage = (props: { run: RetentionRunRow; teams: Map<string, string> }) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('retention.report')} done={null}>
      <p>
        <a href={base}>{t('retention.back')}</a>
      </p>
      <RetentionReportTable run={props.run} teams={props.teams} />
    </AdminPage>
  )
}
