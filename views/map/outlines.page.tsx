import type { FieldErrors, FormValues } from '../../src/http/forms'
import type { AreaRow, TeamRow } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextArea } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export type OutlinesForm = {
  values: FormValues
  errors: FieldErrors
  /** After a save: the areas whose outlines were saved, and names in the file no area has. */
  saved: string[]
  unmatched: string[]
}

/** The coordinator's page for the areas' outlines: which have one, and an upload of GeoJSON. */
export const AreaOutlinesPage = (props: {
  team: TeamRow
  /** Where this page lives: the coordinator's /team/:id/karta or the admin's /admin/team/:id/karta. */
  base: string
  /** Links to the team's own pages, which the admin (no member) cannot open. */
  teamLinks: boolean
  areas: AreaRow[]
  withOutline: ReadonlySet<string>
  form: OutlinesForm
}) => {
  const { t } = usePage()
  const { team, form } = props
  const { base } = props
  return (
    <Page title={`${t('map.manageTitle')} – ${team.name}`}>
      <p class="eyebrow">
        {props.teamLinks ? (
          <>
            <a href={`/team/${team.id}`}>{team.name}</a> ·{' '}
            <a href={`/team/${team.id}/lagesbild`}>{t('overview.title')}</a>
          </>
        ) : (
          <a href={`/admin/team/${team.id}`}>{team.name}</a>
        )}
      </p>
      <h1>{t('map.manageTitle')}</h1>
      <p>{t('map.manageIntro')}</p>
      {form.saved.length > 0 ? (
        <div class="notice" role="status">
          <p>{t('map.saved', { areas: form.saved.join(', ') })}</p>
          {form.unmatched.length > 0 ? (
            <p>{t('map.unmatched', { names: form.unmatched.join(', ') })}</p>
          ) : null}
        </div>
      ) : null}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('map.area')}</th>
            <th scope="col">{t('map.title')}</th>
          </tr>
        </thead>
        <tbody>
          {props.areas.map((area) => (
            <tr>
              <th scope="row">{area.name}</th>
              <td>
                {props.withOutline.has(area.id) ? (
                  <>
                    {t('map.hasOutline')}{' '}
                    <form method="post" action={`${base}/${area.id}/ta-bort`} class="inline-form">
                      <CsrfField />
                      <button type="submit" class="button button--link">
                        {t('map.remove', { area: area.name })}
                      </button>
                    </form>
                  </>
                ) : (
                  <span class="muted">{t('map.noOutline')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorSummary
        errors={form.errors}
        labels={{ geojson: t('map.text'), areaId: t('map.area') }}
        idPrefix="outline"
      />
      <form method="post" action={base} enctype="multipart/form-data" class="card" novalidate>
        <CsrfField />
        <div class="field">
          <label for="outline-fil">{t('map.file')}</label>
          <input
            id="outline-fil"
            name="fil"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
          />
        </div>
        <TextArea name="geojson" label={t('map.text')} rows={6} idPrefix="outline" {...form} />
        <SelectField
          name="areaId"
          label={t('map.area')}
          hint={t('map.areaHint')}
          placeholder={t('map.areaByName')}
          options={props.areas.map((area) => ({ value: area.id, label: area.name }))}
          idPrefix="outline"
          {...form}
        />
        <button type="submit" class="button">
          {t('map.save')}
        </button>
      </form>
    </Page>
  )
}
