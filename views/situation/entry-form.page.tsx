import type { FieldErrors, FormValues } from '../../src/http/forms'
import type { LegalBasis } from '../../src/sharing/legal-basis.table'
import type { EntryFormOptions } from '../../src/situation/entries/entry-rules'
import type { TeamRow } from '../../src/teams/team.table'
import { StatusMessage } from '../components/error-summary'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { EntryForm } from './entry-form'

export type EntryFormState = {
  values: FormValues
  errors: FieldErrors
  proposed: LegalBasis[] | null
  guideNeeded: boolean
}

/** A new situation entry (entryId null) or a change to one. */
export const EntryFormPage = (props: {
  team: TeamRow
  options: EntryFormOptions
  state: EntryFormState
  savedId: string | null
  entryId: string | null
}) => {
  const { t } = usePage()
  const title = props.entryId ? t('situation.editTitle') : t('situation.newTitle')
  return (
    <Page title={`${title} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a> ·{' '}
        <a href={`/team/${props.team.id}/poster`}>{t('situation.listTitle')}</a>
      </p>
      <h1>{title}</h1>
      {props.savedId ? (
        <div class="status-message" role="status">
          <p>
            {t('situation.saved')}{' '}
            <a href={`/poster/${props.savedId}`}>{t('situation.showSaved')}</a>
          </p>
        </div>
      ) : null}
      <StatusMessage message={null} />
      {!props.entryId ? <p class="muted">{t('situation.formIntro')}</p> : null}
      {props.options.areas.length === 0 || props.options.categories.length === 0 ? (
        <p class="warning">{t('situation.noAreasOrCategories')}</p>
      ) : (
        <EntryForm
          action={props.entryId ? `/poster/${props.entryId}` : `/team/${props.team.id}/poster`}
          options={props.options}
          {...props.state}
          submitLabel={props.entryId ? t('situation.saveChanges') : t('situation.save')}
        />
      )}
    </Page>
  )
}
