import type { DisclosureListRow } from '../../src/situation/entries/disclosure.repository'
import { formatDateTime } from '../../src/i18n/format'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** The agency's disclosure register: what it has shared and received, on which basis. Never the text. */
export const DisclosuresPage = (props: { rows: DisclosureListRow[] }) => {
  const { t, viewer } = usePage()
  const sent = props.rows.filter((r) => r.direction === 'sent')
  const received = props.rows.filter((r) => r.direction === 'received')
  return (
    <Page title={t('disclosures.title')} wide>
      <h1>{t('disclosures.title')}</h1>
      <p class="lead">{t('disclosures.intro', { agency: viewer?.agencyName ?? '' })}</p>
      <section aria-labelledby="sent-title" class="card">
        <h2 id="sent-title">{t('disclosures.sent')}</h2>
        {sent.length === 0 ? (
          <p class="muted">{t('disclosures.none')}</p>
        ) : (
          <DisclosureTable rows={sent} caption={t('disclosures.sent')} entryLinks />
        )}
      </section>
      <section aria-labelledby="received-title" class="card">
        <h2 id="received-title">{t('disclosures.received')}</h2>
        {received.length === 0 ? (
          <p class="muted">{t('disclosures.none')}</p>
        ) : (
          <DisclosureTable rows={received} caption={t('disclosures.received')} entryLinks />
        )}
      </section>
    </Page>
  )
}

/**
 * Disclosures as a table: when, (direction,) team, category, from, to, basis —
 * never the text. `entryLinks` for members, who may open the entry; a log
 * reviewer sees no content and gets the direction instead.
 */
export const DisclosureTable = (props: {
  rows: DisclosureListRow[]
  caption: string
  entryLinks?: boolean
  direction?: boolean
}) => {
  const { t, locale } = usePage()
  return (
    <table class="table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('disclosures.when')}</th>
          {props.direction ? <th scope="col">{t('disclosures.direction')}</th> : null}
          <th scope="col">{t('disclosures.team')}</th>
          <th scope="col">{t('situation.category')}</th>
          <th scope="col">{t('disclosures.from')}</th>
          <th scope="col">{t('disclosures.to')}</th>
          <th scope="col">{t('situation.legalBasis')}</th>
          {props.entryLinks ? <th scope="col">{t('disclosures.entry')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>{formatDateTime(row.createdAt, locale)}</td>
            {props.direction ? (
              <td>{t(row.direction === 'sent' ? 'disclosures.sent' : 'disclosures.received')}</td>
            ) : null}
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
            {props.entryLinks ? (
              <td>
                {row.entryId ? (
                  <a href={`/poster/${row.entryId}`}>{t('situation.open')}</a>
                ) : (
                  <span class="muted">{t('disclosures.entryRemoved')}</span>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
