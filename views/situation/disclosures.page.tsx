import type { DisclosureListRow } from '../../src/situation/disclosure.repository'
import { formatDateTime } from '../../src/i18n/format'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** The agency's disclosure register: what it has shared and received, on which basis. Never the text. */
export const DisclosuresPage = (props: { rows: DisclosureListRow[] }) => {
  const { t, locale, viewer } = usePage()
  const sent = props.rows.filter((r) => r.direction === 'sent')
  const received = props.rows.filter((r) => r.direction === 'received')
  const table = (rows: DisclosureListRow[], id: string, caption: string) =>
    rows.length === 0 ? (
      <p class="muted">{t('disclosures.none')}</p>
    ) : (
      <table class="table" aria-describedby={id}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('disclosures.when')}</th>
            <th scope="col">{t('disclosures.team')}</th>
            <th scope="col">{t('situation.category')}</th>
            <th scope="col">{t('disclosures.from')}</th>
            <th scope="col">{t('disclosures.to')}</th>
            <th scope="col">{t('situation.legalBasis')}</th>
            <th scope="col">{t('disclosures.entry')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{formatDateTime(row.createdAt, locale)}</td>
              <td>{row.teamName}</td>
              <td>{row.categoryName}</td>
              <td>
                {row.fromAgencyName}
                {row.decidedByName ? <span class="muted"> ({row.decidedByName})</span> : null}
              </td>
              <td>{row.toAgencyNames.join(', ')}</td>
              <td>
                {row.basisTitle} <span class="muted">({row.basisReference})</span>
              </td>
              <td>
                <a href={`/poster/${row.entryId}`}>{t('situation.open')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )
  return (
    <Page title={t('disclosures.title')} wide>
      <h1>{t('disclosures.title')}</h1>
      <p class="lead">{t('disclosures.intro', { agency: viewer?.agencyName ?? '' })}</p>
      <section aria-labelledby="sent-title" class="card">
        <h2 id="sent-title">{t('disclosures.sent')}</h2>
        {table(sent, 'sent-title', t('disclosures.sent'))}
      </section>
      <section aria-labelledby="received-title" class="card">
        <h2 id="received-title">{t('disclosures.received')}</h2>
        {table(received, 'received-title', t('disclosures.received'))}
      </section>
    </Page>
  )
}
