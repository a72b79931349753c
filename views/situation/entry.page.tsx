import type { ShownEntry } from '../../src/access/entry-policy'
import { formatDateTime, formatDay, formatWeekKey, formatWeekSpan } from '../../src/i18n/format'
import type { TeamRow } from '../../src/teams/team.table'
import { CsrfField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** One entry as the viewer may see it: the stub says only area, week, category and trend. */
export const EntryCard = (props: { entry: ShownEntry; link?: boolean }) => {
  const { t } = usePage()
  const e = props.entry
  const head = `${e.areaName} · ${e.categoryName} · ${formatWeekKey(e.week, true)} · ${t(`trend.${e.trend}`)}`
  // In lists the heading line is the link to the entry: one link, not two, in pages with many entries.
  const title = props.link ? <a href={`/poster/${e.id}`}>{head}</a> : head
  if (e.view === 'stub') {
    return (
      <article class="entry entry--stub" id={`post-${e.id}`}>
        <p class="entry__meta">{title}</p>
        <p class="entry__text muted">{t('situation.stubNote')}</p>
      </article>
    )
  }
  return (
    <article class="entry" id={`post-${e.id}`}>
      <p class="entry__meta">
        {title}
        {e.eventCount !== null
          ? ` · ${t('situation.events', { count: String(e.eventCount) })}`
          : ''}{' '}
        · {e.sourceAgencyName}
      </p>
      <p class="entry__text">{e.description}</p>
    </article>
  )
}

export const EntryPage = (props: { team: TeamRow; entry: ShownEntry }) => {
  const { t, locale } = usePage()
  const e = props.entry
  const title = `${e.areaName}, ${e.categoryName}, ${formatWeekKey(e.week, true)}`
  return (
    <Page title={`${title} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a> ·{' '}
        <a href={`/team/${props.team.id}/poster`}>{t('situation.listTitle')}</a>
      </p>
      <h1>{title}</h1>
      {e.view === 'full' && e.withdrawn ? (
        <p class="warning">{t('situation.withdrawnNote')}</p>
      ) : null}
      {e.view === 'stub' ? (
        <>
          <dl class="facts">
            <Fact label={t('situation.area')} value={e.areaName} />
            <Fact label={t('situation.category')} value={e.categoryName} />
            <Fact label={t('situation.week')} value={formatWeekKey(e.week, true)} />
            <Fact label={t('situation.trend')} value={t(`trend.${e.trend}`)} />
          </dl>
          <p class="notice">{t('situation.stubExplained')}</p>
        </>
      ) : (
        <>
          <dl class="facts">
            <Fact label={t('situation.area')} value={e.areaName} />
            <Fact label={t('situation.category')} value={e.categoryName} />
            <Fact
              label={t('situation.period')}
              value={`${formatDay(e.periodFrom, locale)} – ${formatDay(e.periodTo, locale)} (${formatWeekSpan(e.periodFrom, e.periodTo)})`}
            />
            <Fact label={t('situation.trend')} value={t(`trend.${e.trend}`)} />
            {e.eventCount !== null ? (
              <Fact label={t('situation.eventCount')} value={String(e.eventCount)} />
            ) : null}
            <Fact label={t('situation.source')} value={e.sourceAgencyName} />
            <Fact label={t('situation.scope')} value={t(`scope.${e.scope}`)} />
            {e.recipients !== null && e.recipients.length > 0 ? (
              <Fact
                label={t('situation.recipients')}
                value={e.recipients.map((r) => r.name).join(', ')}
              />
            ) : null}
            {e.legalBasisTitle !== null ? (
              <Fact label={t('situation.legalBasis')} value={e.legalBasisTitle} />
            ) : null}
            {e.ownReference ? (
              <Fact label={t('situation.ownReference')} value={e.ownReference} />
            ) : null}
            <Fact label={t('situation.updated')} value={formatDateTime(e.updatedAt, locale)} />
          </dl>
          <h2>{t('situation.description')}</h2>
          <p class="entry__text card">{e.description}</p>
          {e.mayEdit ? (
            <div class="button-row">
              <a class="button" href={`/poster/${e.id}/andra`}>
                {t('situation.edit')}
              </a>
              <form method="post" action={`/poster/${e.id}/dra-tillbaka`} class="inline-form">
                <CsrfField />
                <button type="submit" class="button button--danger">
                  {t('situation.withdraw')}
                </button>
              </form>
            </div>
          ) : e.fromOwnAgency ? (
            <p class="muted">{t('situation.frozenNote')}</p>
          ) : null}
        </>
      )}
    </Page>
  )
}

const Fact = (props: { label: string; value: string }) => (
  <div>
    <dt>{props.label}</dt>
    <dd>{props.value}</dd>
  </div>
)
