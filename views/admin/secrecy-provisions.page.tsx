import type { SecrecyProvisionRow } from '../../src/sharing/secrecy-provision.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextField } from '../components/form-field'
import { usePage } from '../page-context'
import { AdminPage, type FormState } from './admin-layout'

/** The secrecy provisions a release copy of the minutes may cite when it masks a section. */
export const SecrecyProvisionsPage = (props: {
  provisions: SecrecyProvisionRow[]
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.secrecyProvisions')} done={props.done}>
      <p>{t('secrecyProvision.intro')}</p>
      <table class="table">
        <caption class="visually-hidden">{t('admin.secrecyProvisions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('secrecyProvision.reference')}</th>
            <th scope="col">{t('secrecyProvision.title')}</th>
            <th scope="col">{t('secrecyProvision.state')}</th>
          </tr>
        </thead>
        <tbody>
          {props.provisions.map((provision) => {
            const retired = provision.retired_at !== null
            return (
              <tr>
                <td>{provision.reference}</td>
                <td>{provision.title}</td>
                <td>
                  {t(retired ? 'secrecyProvision.retired' : 'secrecyProvision.inUse')}{' '}
                  <form
                    method="post"
                    action={`/admin/sekretess/${provision.id}/${retired ? 'aterinfor' : 'avveckla'}`}
                    class="inline-form"
                  >
                    <CsrfField />
                    <button type="submit" class="button button--secondary">
                      {t(retired ? 'secrecyProvision.reinstate' : 'secrecyProvision.retire')}
                      <span class="visually-hidden"> {provision.reference}</span>
                    </button>
                  </form>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <section aria-labelledby="new-provision" class="card">
        <h2 id="new-provision">{t('secrecyProvision.add')}</h2>
        <ErrorSummary
          errors={props.form.errors}
          labels={{
            reference: t('secrecyProvision.reference'),
            title: t('secrecyProvision.title'),
          }}
        />
        <form method="post" action="/admin/sekretess" novalidate>
          <CsrfField />
          <TextField
            name="reference"
            label={t('secrecyProvision.reference')}
            required
            maxlength={100}
            {...props.form}
          />
          <TextField
            name="title"
            label={t('secrecyProvision.title')}
            required
            maxlength={200}
            {...props.form}
          />
          <button type="submit" class="button">
            {t('secrecyProvision.addButton')}
          </button>
        </form>
      </section>
    </AdminPage>
  )
}
