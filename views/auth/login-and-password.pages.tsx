import type { PasswordLinkKind } from '../../src/auth/password-links'
import type { IdentityProviderRow } from '../../src/sign-in/sign-in.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { ErrorSummary } from '../components/error-summary'
import { AgencyKindFields } from '../components/agency-kind-fields'
import { CsrfField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
export const LoginPage = (props: {
  values: FormValues
  errors: FieldErrors
  next: string
  providers: readonly Pick<IdentityProviderRow, 'kind' | 'slug' | 'name'>[]
}) => {
  const { t } = usePage()
  const labels = { email: t('auth.email'), password: t('auth.password') }
  const nextQuery = `?nasta=${encodeURIComponent(props.next)}`
  return (
    <Page title={t('auth.loginTitle')}>
      <div class="narrow">
        <h1>{t('auth.loginTitle')}</h1>
        <ErrorSummary errors={props.errors} labels={labels} />
        {props.providers.length ? (
          <section aria-labelledby="sign-in-providers">
            <h2 id="sign-in-providers">{t('sso.loginHeading')}</h2>
            <ul class="sign-in-providers">
              {props.providers.map((provider) => (
                <li>
                  <a
                    class="button"
                    href={`/logga-in/${provider.kind}/${provider.slug}${nextQuery}`}
                  >
                    {t('sso.loginWith', { provider: provider.name })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {props.providers.length ? <h2>{t('sso.passwordHeading')}</h2> : null}
        <p>{t('auth.loginIntro')}</p>
        <form method="post" action={`/logga-in?nasta=${encodeURIComponent(props.next)}`} novalidate>
          <CsrfField />
          <TextField
            name="email"
            type="email"
            label={labels.email}
            autocomplete="username"
            required
            {...formState(props)}
          />
          <TextField
            name="password"
            type="password"
            label={labels.password}
            autocomplete="current-password"
            required
            {...formState(props)}
          />
          <button type="submit" class="button">
            {t('auth.loginButton')}
          </button>
        </form>
        <p>
          <a href="/glomt-losenord">{t('auth.forgot.link')}</a>
        </p>
        <p class="muted">{t('auth.loggingNotice')}</p>
      </div>
    </Page>
  )
}
type Props = { values: FormValues; errors: FieldErrors; action: string }
type FormState = { values: FormValues; errors: FieldErrors }

/** Only the form's state goes into the fields: a page's other props (a person's name) must never reach a field's `name`. */
const formState = (props: FormState): FormState => ({ values: props.values, errors: props.errors })

const PasswordFields = (props: FormState) => {
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
        {...formState(props)}
      />
      <TextField
        name="passwordConfirm"
        type="password"
        label={t('auth.passwordConfirm')}
        autocomplete="new-password"
        required
        {...formState(props)}
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
    agencyPublic: t('agency.isPublicAuthority'),
  }
  return (
    <Page title={t('firstAdmin.title')}>
      <div class="narrow">
        <h1>{t('firstAdmin.title')}</h1>
        <p>{t('firstAdmin.intro')}</p>
        <ErrorSummary errors={props.errors} labels={labels} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <TextField
            name="name"
            label={labels.name}
            autocomplete="name"
            required
            {...formState(props)}
          />
          <TextField
            name="email"
            type="email"
            label={labels.email}
            autocomplete="username"
            required
            {...formState(props)}
          />
          <PasswordFields {...formState(props)} />
          <fieldset>
            <legend>{t('firstAdmin.agencyLegend')}</legend>
            <TextField name="agencyName" label={labels.agencyName} required {...formState(props)} />
            <AgencyKindFields
              names={{
                kind: 'agencyKind',
                isPublic: 'agencyPublic',
                confirm: 'agencyConfirmPublic',
              }}
              {...formState(props)}
            />
          </fieldset>
          <button type="submit" class="button">
            {t('firstAdmin.create')}
          </button>
        </form>
      </div>
    </Page>
  )
}

/** Choosing a password through a one-time link: activating an invitation, or a reset made by the admin. */
export const SetPasswordPage = (
  props: Props & { kind: PasswordLinkKind; name: string; email: string },
) => {
  const { t } = usePage()
  const labels = { password: t('auth.newPassword'), passwordConfirm: t('auth.passwordConfirm') }
  const key = props.kind === 'invitation' ? 'invitation' : 'passwordReset'
  return (
    <Page title={t(`${key}.title`)}>
      <div class="narrow">
        <h1>{t(`${key}.title`)}</h1>
        <p>{t(`${key}.intro`, { name: props.name, email: props.email })}</p>
        <ErrorSummary errors={props.errors} labels={labels} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <PasswordFields {...formState(props)} />
          <button type="submit" class="button">
            {t(`${key}.submit`)}
          </button>
        </form>
      </div>
    </Page>
  )
}
