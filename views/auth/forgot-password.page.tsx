import type { FieldErrors, FormValues } from '../../src/http/forms'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** Asking for a link to choose a new password; the same answer for every address. */
export const ForgotPasswordPage = (props: {
  mailConfigured: boolean
  sent: boolean
  values: FormValues
  errors: FieldErrors
}) => {
  const { t } = usePage()
  return (
    <Page title={t('auth.forgot.title')}>
      <div class="narrow">
        <h1>{t('auth.forgot.title')}</h1>
        {!props.mailConfigured ? (
          <p>{t('auth.forgot.noMail')}</p>
        ) : props.sent ? (
          <p role="status">{t('auth.forgot.sent')}</p>
        ) : (
          <>
            <p>{t('auth.forgot.intro')}</p>
            <ErrorSummary errors={props.errors} labels={{ email: t('auth.email') }} />
            <form method="post" action="/glomt-losenord" novalidate>
              <CsrfField />
              <TextField
                name="email"
                type="email"
                label={t('auth.email')}
                autocomplete="username"
                required
                values={props.values}
                errors={props.errors}
              />
              <button type="submit" class="button">
                {t('auth.forgot.button')}
              </button>
            </form>
          </>
        )}
        <p>
          <a href="/logga-in">{t('auth.forgot.back')}</a>
        </p>
      </div>
    </Page>
  )
}
