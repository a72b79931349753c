import type { Child } from 'hono/jsx'
import {
  mayAdminister,
  mayKeepAgencyPeople,
  mayReadYearlyReport,
  mayReviewAgencyLogs,
  mayReviewLogs,
} from '../../src/access/installation-policy'
import { usePage } from '../page-context'
import { CsrfField } from '../components/form-field'

const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  selfRequestsOnly: true,
  // 422 carries the form again with its errors, so it is swapped in like a success.
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

export const Page = (props: {
  title: string
  children: Child
  wide?: boolean
  printStylesheet?: string
}) => {
  const { t, locale, viewer, csrfToken, path } = usePage()
  const headers = csrfToken ? JSON.stringify({ 'X-CSRF-Token': csrfToken }) : undefined
  const nav = (href: string, label: string) => (
    <li>
      <a href={href} aria-current={isCurrent(path, href) ? 'page' : undefined}>
        {label}
      </a>
    </li>
  )
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{`${props.title} – Läget`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/app.css" />
        <link rel="stylesheet" href="/css/print.css" media="print" />
        {props.printStylesheet ? (
          <link rel="stylesheet" href={props.printStylesheet} media="print" />
        ) : null}
        <script src="/vendor/htmx.min.js" defer></script>
        <script src="/vendor/htmx-ext-sse.min.js" defer></script>
        <script src="/js/live.js" defer></script>
        <script src="/js/ui.js" defer></script>
      </head>
      <body hx-headers={headers}>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              Läget
            </a>
            {viewer ? (
              <nav aria-label={t('layout.mainNav')}>
                <ul class="nav">
                  {nav('/', t('nav.start'))}
                  {nav('/atgarder', t('nav.actions'))}
                  {nav('/utlamnanden', t('nav.disclosures'))}
                  {mayAdminister(viewer) ? nav('/admin', t('nav.admin')) : null}
                  {mayReviewLogs(viewer) ? nav('/granskning/lasningar', t('nav.review')) : null}
                  {mayReviewAgencyLogs(viewer) ? nav('/loggkontroll', t('nav.logReview')) : null}
                  {mayReadYearlyReport(viewer) ? nav('/arsrapport', t('nav.yearly')) : null}
                  {viewer && mayKeepAgencyPeople(viewer, viewer.agencyId)
                    ? nav('/aktor', t('nav.agencyContact'))
                    : null}
                </ul>
              </nav>
            ) : null}
            {viewer ? (
              <div class="account">
                <span class="account__who">
                  {viewer.name}
                  <span class="muted">, {viewer.agencyName}</span>
                </span>
                <a href="/installningar">{t('nav.settings')}</a>
                <form method="post" action="/logga-ut" class="inline-form">
                  <CsrfField />
                  <button type="submit" class="button button--link">
                    {t('nav.logout')}
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1} class={props.wide ? 'main main--wide' : 'main'}>
          {props.children}
        </main>
        <footer class="site-footer">
          <form method="post" action="/sprak" class="inline-form">
            <CsrfField />
            <input type="hidden" name="tillbaka" value={path} />
            <label for="locale-switch">{t('layout.language')}</label>{' '}
            <select id="locale-switch" name="locale">
              <option value="sv" selected={locale === 'sv'} lang="sv">
                Svenska
              </option>
              <option value="en" selected={locale === 'en'} lang="en">
                English
              </option>
            </select>{' '}
            <button type="submit" class="button button--secondary">
              {t('layout.changeLanguage')}
            </button>
          </form>
          <p class="muted">
            {t('layout.footerNote')} <a href="/tillganglighet">{t('layout.accessibility')}</a>
          </p>
        </footer>
      </body>
    </html>
  )
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)
}
