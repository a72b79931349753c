import { CsrfField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export const CalendarLinkPage = (props: { url: string }) => {
  const { t } = usePage()
  return (
    <Page title={t('calendar.linkTitle')}>
      <div class="narrow">
        <h1>{t('calendar.linkTitle')}</h1>
        <p>{t('calendar.linkIntro')}</p>
        <p>
          <label for="calendar-link">{t('calendar.link')}</label>
          <input id="calendar-link" type="text" readonly value={props.url} class="copyable" />
        </p>
        <p class="muted">{t('calendar.linkSecret')}</p>
        <p>
          <a href="/">{t('error.backToStart')}</a>
        </p>
      </div>
    </Page>
  )
}

/** The card on the start page that creates or renews the link. */
export const CalendarCard = (props: { hasLink: boolean }) => {
  const { t } = usePage()
  return (
    <section aria-labelledby="calendar-title" class="card">
      <h2 id="calendar-title">{t('calendar.cardTitle')}</h2>
      <p>{props.hasLink ? t('calendar.hasLink') : t('calendar.noLink')}</p>
      <form method="post" action="/kalender/ny">
        <CsrfField />
        <button type="submit" class="button button--secondary">
          {props.hasLink ? t('calendar.renew') : t('calendar.create')}
        </button>
      </form>
    </section>
  )
}
