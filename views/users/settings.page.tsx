import { CheckboxField, CsrfField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export const SettingsPage = (props: { mailNotifications: boolean; saved: boolean }) => {
  const { t } = usePage()
  return (
    <Page title={t('settings.title')}>
      <div class="narrow">
        <h1>{t('settings.title')}</h1>
        {props.saved ? <p role="status">{t('settings.saved')}</p> : null}
        <form method="post" action="/installningar" novalidate>
          <CsrfField />
          <CheckboxField
            name="mailNotifications"
            label={t('settings.mailNotifications')}
            hint={t('settings.mailNotificationsHint')}
            values={{ mailNotifications: props.mailNotifications ? 'on' : '' }}
            errors={{}}
          />
          <button type="submit" class="button">
            {t('common.save')}
          </button>
        </form>
      </div>
    </Page>
  )
}
