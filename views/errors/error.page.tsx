import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export const ErrorPage = (props: { title: string; message: string }) => {
  const { t, viewer } = usePage()
  return (
    <Page title={props.title}>
      <div class="narrow">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href={viewer ? '/' : '/logga-in'}>
            {viewer ? t('error.backToStart') : t('auth.loginTitle')}
          </a>
        </p>
      </div>
    </Page>
  )
}

/** The error as a fragment for htmx requests: announced, not a whole page. */
export const ErrorFragment = (props: { message: string }) => (
  <p class="error-message" role="alert">
    {props.message}
  </p>
)
