import type { AgencyRow } from '../../src/agencies/agency.table'
import { fromFlag } from '../../src/db/ids'
import { ErrorSummary } from '../components/error-summary'
import { AgencyKindFields } from '../components/agency-kind-fields'
import { CheckboxField, CsrfField, TextField } from '../components/form-field'
import { usePage } from '../page-context'
import { AdminPage, type FormState } from './admin-layout'

const AgencyFields = (props: { form: FormState; isNew?: boolean }) => {
  const { t } = usePage()
  return (
    <>
      <TextField name="name" label={t('agency.name')} required maxlength={120} {...props.form} />
      <AgencyKindFields
        names={{ kind: 'kind', isPublic: 'isPublicAuthority', confirm: 'confirmPublicAuthority' }}
        placeholder={props.isNew}
        {...props.form}
      />
      <CheckboxField
        name="ssoRequired"
        label={t('agency.ssoRequired')}
        hint={t('agency.ssoRequiredHint')}
        {...props.form}
      />
    </>
  )
}

const useLabels = () => {
  const { t } = usePage()
  return {
    name: t('agency.name'),
    kind: t('agency.kind'),
    isPublicAuthority: t('agency.isPublicAuthority'),
    ssoRequired: t('agency.ssoRequired'),
  }
}

export const AgenciesPage = (props: {
  agencies: AgencyRow[]
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.agencies')} done={props.done}>
      <table class="table">
        <caption class="visually-hidden">{t('admin.agencies')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agency.name')}</th>
            <th scope="col">{t('agency.kind')}</th>
            <th scope="col">{t('agency.publicAuthorityColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {props.agencies.map((agency) => (
            <tr>
              <td>
                <a href={`/admin/aktorer/${agency.id}`}>{agency.name}</a>
              </td>
              <td>{t(`agencyKind.${agency.kind}`)}</td>
              <td>
                {fromFlag(agency.is_public_authority)
                  ? t('common.yes')
                  : `${t('common.no')} (${t('agency.privateActor')})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="new-agency" class="card">
        <h2 id="new-agency">{t('admin.agency.new')}</h2>
        <ErrorSummary errors={props.form.errors} labels={useLabels()} />
        <form method="post" action="/admin/aktorer" novalidate>
          <CsrfField />
          <AgencyFields form={props.form} isNew />
          <button type="submit" class="button">
            {t('admin.agency.create')}
          </button>
        </form>
      </section>
    </AdminPage>
  )
}

export const AgencyEditPage = (props: {
  agency: AgencyRow
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  return (
    <AdminPage title={props.agency.name} done={props.done}>
      <ErrorSummary errors={props.form.errors} labels={useLabels()} />
      <form method="post" action={`/admin/aktorer/${props.agency.id}`} novalidate class="card">
        <CsrfField />
        <AgencyFields form={props.form} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
      <p>
        <a href="/admin/aktorer">{t('admin.backToAgencies')}</a>
      </p>
    </AdminPage>
  )
}
