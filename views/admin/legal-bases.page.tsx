import { agencyKinds } from '../../src/agencies/agency.table'
import { formatDay } from '../../src/i18n/format'
import { guidePurposes, type LegalBasis } from '../../src/sharing/legal-basis.table'
import { ErrorSummary } from '../components/error-summary'
import {
  CheckboxField,
  CsrfField,
  SelectField,
  TextArea,
  TextField,
} from '../components/form-field'
import { usePage } from '../page-context'
import { AdminPage, type FormState } from './admin-layout'

const KindsFieldset = (props: {
  prefix: 'discloser' | 'recipient'
  legend: string
  form: FormState
}) => {
  const { t } = usePage()
  const error = props.form.errors[`${props.prefix}s`]
  return (
    <fieldset id={`f-${props.prefix}s`} class={error ? 'field--error' : undefined}>
      <legend>{props.legend}</legend>
      {error ? (
        <p class="field__error">
          {typeof error === 'string' ? t(error) : t(error.key, error.params)}
        </p>
      ) : null}
      <CheckboxField
        name={`${props.prefix}-any`}
        label={t('legalBasis.anyAgency')}
        {...props.form}
      />
      <div class="kind-grid">
        {agencyKinds.map((kind) => (
          <CheckboxField
            name={`${props.prefix}-${kind}`}
            label={t(`agencyKind.${kind}`)}
            {...props.form}
          />
        ))}
      </div>
    </fieldset>
  )
}

const BasisFields = (props: { form: FormState }) => {
  const { t } = usePage()
  const answers = [
    { value: 'any', label: t('legalBasis.answer.any') },
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ]
  return (
    <>
      <div class="inline-fields">
        <TextField
          name="reference"
          label={t('legalBasis.reference')}
          maxlength={200}
          {...props.form}
        />
        <TextField
          name="code"
          label={t('legalBasis.code')}
          hint={t('legalBasis.codeHint')}
          maxlength={60}
          {...props.form}
        />
      </div>
      <TextField name="title" label={t('legalBasis.titleField')} maxlength={200} {...props.form} />
      <TextArea
        name="explanation"
        label={t('legalBasis.explanation')}
        maxlength={2000}
        rows={4}
        {...props.form}
      />
      <KindsFieldset prefix="discloser" legend={t('legalBasis.disclosers')} form={props.form} />
      <KindsFieldset prefix="recipient" legend={t('legalBasis.recipients')} form={props.form} />
      <CheckboxField
        name="allowsPrivateRecipients"
        label={t('legalBasis.allowsPrivate')}
        {...props.form}
      />
      <fieldset>
        <legend>{t('legalBasis.guideLegend')}</legend>
        <div class="inline-fields">
          <SelectField
            name="identifiable"
            label={t('legalBasis.q.identifiable')}
            options={answers}
            {...props.form}
          />
          <SelectField
            name="under18"
            label={t('legalBasis.q.under18')}
            options={answers}
            {...props.form}
          />
          <SelectField
            name="under21"
            label={t('legalBasis.q.under21')}
            options={answers}
            {...props.form}
          />
          <SelectField
            name="consent"
            label={t('legalBasis.q.consent')}
            options={answers}
            {...props.form}
          />
        </div>
        <SelectField
          name="purpose"
          label={t('legalBasis.q.purpose')}
          placeholder={t('legalBasis.answer.any')}
          options={guidePurposes.map((p) => ({ value: p, label: t(`legalBasis.purpose.${p}`) }))}
          {...props.form}
        />
      </fieldset>
      <div class="inline-fields">
        <TextField name="validFrom" type="date" label={t('legalBasis.validFrom')} {...props.form} />
        <TextField name="validTo" type="date" label={t('legalBasis.validTo')} {...props.form} />
      </div>
      <CheckboxField name="verifyBeforeUse" label={t('legalBasis.verify')} {...props.form} />
    </>
  )
}

const labels = (t: ReturnType<typeof usePage>['t']) => ({
  code: t('legalBasis.code'),
  reference: t('legalBasis.reference'),
  title: t('legalBasis.titleField'),
  explanation: t('legalBasis.explanation'),
  disclosers: t('legalBasis.disclosers'),
  recipients: t('legalBasis.recipients'),
  validTo: t('legalBasis.validTo'),
  validFrom: t('legalBasis.validFrom'),
})

export const LegalBasesPage = (props: {
  bases: LegalBasis[]
  form: FormState
  done: string | null
}) => {
  const { t, locale } = usePage()
  return (
    <AdminPage title={t('admin.legalBases')} done={props.done}>
      <p>{t('legalBasis.intro')}</p>
      <table class="table">
        <caption class="visually-hidden">{t('admin.legalBases')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('legalBasis.reference')}</th>
            <th scope="col">{t('legalBasis.titleField')}</th>
            <th scope="col">{t('legalBasis.validity')}</th>
          </tr>
        </thead>
        <tbody>
          {props.bases.map((basis) => (
            <tr>
              <td>
                <a href={`/admin/rattsliga-grunder/${basis.id}`}>{basis.reference}</a>
                {basis.verifyBeforeUse ? (
                  <span class="tag tag--warn">{t('legalBasis.verifyTag')}</span>
                ) : null}
                {basis.retired_at ? <span class="tag">{t('legalBasis.retiredTag')}</span> : null}
              </td>
              <td>{basis.title}</td>
              <td>
                {basis.valid_from
                  ? t('legalBasis.from', { date: formatDay(basis.valid_from, locale) })
                  : ''}
                {basis.valid_to
                  ? ` ${t('legalBasis.to', { date: formatDay(basis.valid_to, locale) })}`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="new-basis" class="card">
        <h2 id="new-basis">{t('legalBasis.new')}</h2>
        <ErrorSummary errors={props.form.errors} labels={labels(t)} />
        <form method="post" action="/admin/rattsliga-grunder" novalidate>
          <CsrfField />
          <BasisFields form={props.form} />
          <button type="submit" class="button">
            {t('legalBasis.create')}
          </button>
        </form>
      </section>
    </AdminPage>
  )
}

export const LegalBasisEditPage = (props: {
  basis: LegalBasis
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  const { basis } = props
  return (
    <AdminPage title={basis.reference} done={props.done}>
      {basis.retired_at ? <p class="warning">{t('legalBasis.retiredNote')}</p> : null}
      <ErrorSummary errors={props.form.errors} labels={labels(t)} />
      <form method="post" action={`/admin/rattsliga-grunder/${basis.id}`} novalidate class="card">
        <CsrfField />
        <BasisFields form={props.form} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
      <form
        method="post"
        action={`/admin/rattsliga-grunder/${basis.id}/${basis.retired_at ? 'ateraktivera' : 'avveckla'}`}
      >
        <CsrfField />
        <button type="submit" class="button button--secondary">
          {basis.retired_at ? t('legalBasis.reinstate') : t('legalBasis.retire')}
        </button>
      </form>
      <p>
        <a href="/admin/rattsliga-grunder">{t('legalBasis.back')}</a>
      </p>
    </AdminPage>
  )
}
