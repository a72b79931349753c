import { agencyKinds, privateAgencyKinds } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { usePage } from '../page-context'
import { CheckboxField, SelectField } from './form-field'

type Names = { kind: string; isPublic: string; confirm: string }

/**
 * An agency's kind and whether it is a public authority. The box follows the
 * kind (public/js/ui.js ticks it for authorities and unticks it for private
 * actors until the admin touches it); a private kind saved as an authority asks
 * for the confirmation box, which the server requires.
 */
export const AgencyKindFields = (props: {
  names: Names
  values: FormValues
  errors: FieldErrors
  placeholder?: boolean
}) => {
  const { t } = usePage()
  const { names } = props
  const form = { values: props.values, errors: props.errors }
  const askConfirmation =
    props.errors[names.isPublic] === 'agency.error.privateAsAuthority' ||
    Boolean(props.values[names.confirm])
  return (
    <div data-agency-kind data-private-kinds={privateAgencyKinds.join(' ')}>
      <SelectField
        name={names.kind}
        label={t('agency.kind')}
        hint={t('agency.kindHint')}
        placeholder={props.placeholder ? t('form.choose') : undefined}
        options={agencyKinds.map((kind) => ({
          value: kind,
          label: privateAgencyKinds.includes(kind)
            ? `${t(`agencyKind.${kind}`)} (${t('agency.privateActor')})`
            : t(`agencyKind.${kind}`),
        }))}
        {...form}
      />
      <CheckboxField
        name={names.isPublic}
        label={t('agency.isPublicAuthority')}
        hint={t('agency.isPublicAuthorityHint')}
        {...form}
      />
      {askConfirmation ? (
        <CheckboxField name={names.confirm} label={t('agency.confirmPublicAuthority')} {...form} />
      ) : null}
    </div>
  )
}
