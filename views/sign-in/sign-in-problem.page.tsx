import type { MessageKey } from '../../src/i18n/t'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** A sign-in through a provider that did not work: what happened, in words, and the way back. */
export const SignInProblemPage = (props: {
  message: MessageKey
  params?: Record<string, string>
}) => {
  const { t } = usePage()
  return (
    <Page title={t('sso.problem.title')}>
      <div class="narrow">
        <h1>{t('sso.problem.title')}</h1>
        <p role="alert">{t(props.message, props.params)}</p>
        <p>
          <a class="button" href="/logga-in">
            {t('sso.problem.back')}
          </a>
        </p>
      </div>
    </Page>
  )
}

/** After signing out of Läget, when the session came from a provider with a sign-out of its own. */
export const SignedOutPage = (props: { providerName: string; providerSignOut: string }) => {
  const { t } = usePage()
  return (
    <Page title={t('sso.signedOut.title')}>
      <div class="narrow">
        <h1>{t('sso.signedOut.title')}</h1>
        <p role="status">{t('sso.signedOut.intro', { provider: props.providerName })}</p>
        <p>
          <a class="button" href={props.providerSignOut}>
            {t('sso.signedOut.provider', { provider: props.providerName })}
          </a>
        </p>
        <p>
          <a href="/logga-in">{t('sso.signedOut.again')}</a>
        </p>
      </div>
    </Page>
  )
}

/** An invitation or password link for someone whose agency signs in through a provider only. */
export const ProviderOnlyPage = () => {
  const { t } = usePage()
  return (
    <Page title={t('sso.providerOnly.title')}>
      <div class="narrow">
        <h1>{t('sso.providerOnly.title')}</h1>
        <p>{t('sso.providerOnly.intro')}</p>
        <p>
          <a class="button" href="/logga-in">
            {t('sso.providerOnly.button')}
          </a>
        </p>
      </div>
    </Page>
  )
}
