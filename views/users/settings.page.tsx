import type { FieldErrors, FormValues } from '../../src/http/forms'
import type { MessageKey } from '../../src/i18n/t'
import { CheckboxField, CsrfField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { SecondFactorSettings } from '../sign-in/second-factor.pages'

export const SettingsPage = (props: {
  mailNotifications: boolean
  mailDigest: boolean
  saved: MessageKey | null
  secondFactor: {
    enabledAt: string | null
    unusedCodes: number
    required: boolean
    values: FormValues
    errors: FieldErrors
  }
}) => {
  const { t } = usePage()
  return (
    <Page title={t('settings.title')}>
      <div class="narrow">
        <h1>{t('settings.title')}</h1>
        {props.saved ? <p role="status">{t(props.saved)}</p> : null}
        <section aria-labelledby="mail-settings">
          <h2 id="mail-settings">{t('settings.mailTitle')}</h2>
          <form method="post" action="/installningar" novalidate>
            <CsrfField />
            <CheckboxField
              name="mailNotifications"
              label={t('settings.mailNotifications')}
              hint={t('settings.mailNotificationsHint')}
              values={{ mailNotifications: props.mailNotifications ? 'on' : '' }}
              errors={{}}
            />
            <CheckboxField
              name="mailDigest"
              label={t('settings.mailDigest')}
              hint={t('settings.mailDigestHint')}
              values={{ mailDigest: props.mailDigest ? 'on' : '' }}
              errors={{}}
            />
            <button type="submit" class="button">
              {t('common.save')}
            </button>
          </form>
        </section>
        <SecondFactorSettings {...props.secondFactor} />
      </div>
    </Page>
  )
}
