import { formatWeekKey } from '../../src/i18n/format'
import type { ShownEntry } from '../../src/access/entry-policy'
import type { AreaRow, CategoryRow, TeamRow } from '../../src/teams/team.table'
import type { TeamCan } from '../../src/access/meeting-policy'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { FilterSelect } from '../components/filter-select'
import { EntryCard } from './entry.page'

type Filter = {
  areaId: string | null
  categoryId: string | null
  week: string | null
  page: number
}

export type EntriesPageProps = {
  team: TeamRow
  can: TeamCan
  areas: AreaRow[]
  categories: CategoryRow[]
  filter: Filter
  entries: ShownEntry[]
  hasMore: boolean
}

const query = (filter: Filter, page: number) => {
  const params = new URLSearchParams()
  if (filter.areaId) params.set('omrade', filter.areaId)
  if (filter.categoryId) params.set('kategori', filter.categoryId)
  if (filter.week) params.set('vecka', filter.week)
  if (page > 1) params.set('sida', String(page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The results part, which htmx swaps when a filter changes; the URL follows so a view can be bookmarked. */
const EntryResults = (props: EntriesPageProps) => {
  const { t } = usePage()
  const base = `/team/${props.team.id}/poster`
  return (
    <div id="entry-results" aria-live="polite">
      <p class="muted">{t('situation.listCount', { count: String(props.entries.length) })}</p>
      {props.entries.length === 0 ? (
        <p>{t('situation.noEntries')}</p>
      ) : (
        <ul class="entry-list">
          {props.entries.map((entry) => (
            <li>
              <EntryCard entry={entry} link />
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label={t('situation.pages')}>
        {props.filter.page > 1 ? (
          <a href={`${base}${query(props.filter, props.filter.page - 1)}`}>{t('pager.previous')}</a>
        ) : null}
        {props.hasMore ? (
          <a href={`${base}${query(props.filter, props.filter.page + 1)}`}>{t('pager.next')}</a>
        ) : null}
      </nav>
    </div>
  )
}

export const EntriesPage = (props: EntriesPageProps & { fragment: boolean }) => {
  const { t } = usePage()
  if (props.fragment) return <EntryResults {...props} />
  const base = `/team/${props.team.id}/poster`
  return (
    <Page title={`${t('situation.listTitle')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a>
      </p>
      <h1>{t('situation.listTitle')}</h1>
      <div class="button-row">
        {props.can.report ? (
          <a class="button" href={`${base}/ny`}>
            {t('situation.new')}
          </a>
        ) : null}
        <a class="button button--secondary" href={`/team/${props.team.id}/lagesbild.csv`}>
          {t('situation.exportCsv')}
        </a>
      </div>
      <form
        method="get"
        action={base}
        class="card"
        hx-get={base}
        hx-target="#entry-results"
        hx-select="#entry-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change, submit"
      >
        <div class="inline-fields">
          <FilterSelect
            id="filter-area"
            name="omrade"
            label={t('situation.area')}
            all={t('situation.allAreas')}
            current={props.filter.areaId}
            options={props.areas.map((a) => ({ value: a.id, label: a.name }))}
          />
          <FilterSelect
            id="filter-category"
            name="kategori"
            label={t('situation.category')}
            all={t('situation.allCategories')}
            current={props.filter.categoryId}
            options={props.categories.map((c) => ({ value: c.id, label: c.name }))}
          />
          <div class="field">
            <label for="filter-week">{t('situation.week')}</label>
            <input
              id="filter-week"
              name="vecka"
              type="text"
              value={props.filter.week ? formatWeekKey(props.filter.week, true) : ''}
              aria-describedby="filter-week-hint"
              size={10}
            />
            <p class="field__hint" id="filter-week-hint">
              {t('situation.weekHint')}
            </p>
          </div>
        </div>
        <button type="submit" class="button button--secondary">
          {t('situation.filter')}
        </button>
      </form>
      <EntryResults {...props} />
    </Page>
  )
}
