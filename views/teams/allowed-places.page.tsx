import type { FieldErrors, FormValues } from '../../src/http/forms'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export const AllowedPlacesPage = (props: {
  team: TeamRow
  places: { id: string; name: string }[]
  form: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const base = `/team/${props.team.id}/platser`
  return (
    <Page title={`${t('places.title')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a>
      </p>
      <h1>{t('places.title')}</h1>
      <p>{t('places.intro')}</p>
      {props.places.length === 0 ? <p class="muted">{t('places.none')}</p> : null}
      <ul class="row-list">
        {props.places.map((place) => (
          <li>
            {place.name}{' '}
            <form method="post" action={`${base}/${place.id}/ta-bort`} class="inline-form">
              <CsrfField />
              <button type="submit" class="button button--link">
                {t('places.remove', { name: place.name })}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <ErrorSummary errors={props.form.errors} labels={{ name: t('places.name') }} />
      <form method="post" action={base} class="inline-fields" novalidate>
        <CsrfField />
        <TextField
          name="name"
          label={t('places.name')}
          hint={t('places.hint')}
          maxlength={120}
          {...props.form}
        />
        <button type="submit" class="button">
          {t('places.add')}
        </button>
      </form>
    </Page>
  )
}
