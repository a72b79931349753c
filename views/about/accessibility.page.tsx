import { Page } from '../layouts/page'
import { usePage } from '../page-context'

// DIGG's form for reporting that a public body's digital service is not accessible.
const diggReportUrl =
  'https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-offentlig-service-dos-lagen/anmal-bristande-tillganglighet'

const gaps = ['overviewTable', 'liveUpdates', 'print'] as const

export const AccessibilityPage = (props: { contact: string | null }) => {
  const { t } = usePage()
  const contact = props.contact
  const contactHref = contact && !/^https?:/.test(contact) ? `mailto:${contact}` : contact
  return (
    <Page title={t('a11y.title')}>
      <div class="narrow">
        <h1>{t('a11y.title')}</h1>
        <p class="lead">{t('a11y.intro')}</p>

        <h2>{t('a11y.statusTitle')}</h2>
        <p>{t('a11y.status')}</p>

        <h2>{t('a11y.gapsTitle')}</h2>
        <ul>
          {gaps.map((gap) => (
            <li>{t(`a11y.gap.${gap}`)}</li>
          ))}
        </ul>

        <h2>{t('a11y.feedbackTitle')}</h2>
        <p>{t('a11y.feedback')}</p>
        <p>
          {contact && contactHref ? (
            <>
              {t('a11y.contact')} <a href={contactHref}>{contact}</a>
            </>
          ) : (
            t('a11y.contactAdmin')
          )}
        </p>

        <h2>{t('a11y.enforcementTitle')}</h2>
        <p>
          {t('a11y.enforcement')} <a href={diggReportUrl}>{t('a11y.diggLink')}</a>
        </p>

        <h2>{t('a11y.testedTitle')}</h2>
        <p>{t('a11y.tested')}</p>
      </div>
    </Page>
  )
}
