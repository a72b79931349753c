import { agencyKinds } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { ErrorSummary } from '../components/error-summary'
import { CheckboxField, CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
export const LoginPage = (props: { values: FormValues; errors: FieldErrors; next: string }) => {
  const { t } = usePage()
  const labels = { email: t('auth.email'), password: t('auth.password') }
  return (
    <Page title={t('auth.loginTitle')}>
      <div class="narrow">
        <h1>{t('auth.loginTitle')}</h1>
        <p>{t('auth.loginIntro')}</p>
        <ErrorSummary errors={props.errors} labels={labels} />
        <form method="post" action={`/logga-in?nasta=${encodeURIComponent(props.next)}`} novalidate>
          <CsrfField />
          <TextField name="email" type="email" label={labels.email} autocomplete="username" required {...props} />
          <TextField name="password" type="password" label={labels.password} autocomplete="current-password" required {...props} />
          <button type="submit" class="button">
            {t('auth.loginButton')}
          </button>
        </form>
        <p class="muted">{t('auth.loggingNotice')}</p>
      </div>
    </Page>
  )
}
type Props = { values: FormValues; errors: FieldErrors; action: string }

const PasswordFields = (props: Props) => {
  const { t } = usePage()
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t('auth.newPassword')}
        hint={t('auth.passwordHint')}
        autocomplete="new-password"
        required
        {...props}
      />
      <TextField
        name="passwordConfirm"
        type="password"
        label={t('auth.passwordConfirm')}
        autocomplete="new-password"
        required
        {...props}
      />
    </>
  )
}

export const FirstAdminPage = (props: Props) => {
  const { t } = usePage()
  const labels = {
    name: t('user.name'),
    email: t('auth.email'),
    password: t('auth.newPassword'),
    passwordConfirm: t('auth.passwordConfirm'),
    agencyName: t('firstAdmin.agencyName'),
    agencyKind: t('agency.kind'),
  }
  return (
    <Page title={t('firstAdmin.title')}>
      <div class="narrow">
        <h1>{t('firstAdmin.title')}</h1>
        <p>{t('firstAdmin.intro')}</p>
        <ErrorSummary errors={props.errors} labels={labels} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <TextField name="name" label={labels.name} autocomplete="name" required {...props} />
          <TextField name="email" type="email" label={labels.email} autocomplete="username" required {...props} />
          <PasswordFields {...props} />
          <fieldset>
            <legend>{t('firstAdmin.agencyLegend')}</legend>
            <TextField name="agencyName" label={labels.agencyName} required {...props} />
            <SelectField
              name="agencyKind"
              label={labels.agencyKind}
              options={agencyKinds.map((kind) => ({ value: kind, label: t(`agencyKind.${kind}`) }))}
              {...props}
            />
            <CheckboxField name="agencyPublic" label={t('agency.isPublicAuthority')} {...props} />
          </fieldset>
          <button type="submit" class="button">
            {t('firstAdmin.create')}
          </button>
        </form>
      </div>
    </Page>
  )
}

export const InvitationPage = (props: Props & { name: string; email: string }) => {
  const { t } = usePage()
  const labels = { password: t('auth.newPassword'), passwordConfirm: t('auth.passwordConfirm') }
  return (
    <Page title={t('invitation.title')}>
      <div class="narrow">
        <h1>{t('invitation.title')}</h1>
        <p>{t('invitation.intro', { name: props.name, email: props.email })}</p>
        <ErrorSummary errors={props.errors} labels={labels} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <PasswordFields {...props} />
          <button type="submit" class="button">
            {t('invitation.activate')}
          </button>
        </form>
      </div>
    </Page>
  )
}
