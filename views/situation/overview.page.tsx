import type { Child } from 'hono/jsx'
import type { ShownEntry } from '../../src/access/entry-policy'
import { agencyKinds } from '../../src/agencies/agency.table'
import { levelTone } from '../../src/assessments/scale'
import { formatWeekKey } from '../../src/i18n/format'
import {
  defaultOverviewWeeks,
  type OverviewCell,
  type OverviewData,
} from '../../src/situation/overview/overview'
import type { OverviewFilter } from '../../src/situation/overview/overview-filter'
import type { AreaRow, CategoryRow, TeamRow } from '../../src/teams/team.table'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { FilterSelect } from '../components/filter-select'
import { EntryCard } from './entry.page'
import { AreaMap, type MapArea } from '../map/area-map'
import type { MapDrawing } from '../../src/map/area-map'

const spans = [4, 8, 12, 26, 52, 104]

export const overviewQuery = (filter: OverviewFilter, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams()
  if (filter.weeks !== defaultOverviewWeeks) params.set('veckor', String(filter.weeks))
  if (filter.areaId) params.set('omrade', filter.areaId)
  if (filter.categoryId) params.set('kategori', filter.categoryId)
  if (filter.sourceKind) params.set('aktorstyp', filter.sourceKind)
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** A trend line of the weekly counts, drawn on the server: no chart library, no script. */
export const Sparkline = (props: { values: number[]; label: string }) => {
  // One unit per week across and 0–100 up, stretched to 120 × 28 px: whole numbers keep a
  // 104-week line short; the stroke keeps its width however the line is stretched.
  const max = Math.max(1, ...props.values)
  const points = props.values
    .map((value, i) => `${i},${Math.round(96 - (value / max) * 92)}`)
    .join(' ')
  return (
    <svg
      class="sparkline"
      width="120"
      height="28"
      viewBox={`0 0 ${Math.max(1, props.values.length - 1)} 100`}
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        vector-effect="non-scaling-stroke"
      />
    </svg>
  )
}

type OverviewProps = {
  team: TeamRow
  filter: OverviewFilter
  data: OverviewData
  /** The areas drawn from their outlines; empty when the team has none. */
  map: MapDrawing
}

/** Each area's level at the newest week and its entries over the span, as the map and its table show them. */
function mapAreas(props: OverviewProps): MapArea[] {
  const { data, filter, team } = props
  return data.rows.map((row) => {
    const level = row.cells[row.cells.length - 1]?.level?.level ?? null
    const total = row.cells.reduce((sum, cell) => sum + cell.total, 0)
    const hidden = row.cells.some((cell) => cell.hiddenSensitive)
    return {
      id: row.area.id,
      name: row.area.name,
      level,
      levelName: level === null ? null : (data.scale[level] ?? String(level)),
      count: hidden ? `${total} +<3` : String(total),
      href: `/team/${team.id}/lagesbild${overviewQuery({ ...filter, areaId: row.area.id })}`,
    }
  })
}

const CellContent = (props: { cell: OverviewCell; scale: string[]; href: string }) => {
  const { t } = usePage()
  const { cell } = props
  const level = cell.level
  return (
    <td
      class={
        level
          ? `cell level--${levelTone(level.level, props.scale.length)}${level.carried ? ' cell--carried' : ''}`
          : 'cell'
      }
    >
      {cell.total === 0 && !cell.hiddenSensitive ? (
        '–'
      ) : (
        <a href={props.href}>
          {cell.total === 0 ? '<3' : `${cell.total}${cell.hiddenSensitive ? ' +<3' : ''}`}
        </a>
      )}
      {level ? (
        <span class="cell__level">
          {props.scale[level.level]}
          {level.carried ? (
            <span class="visually-hidden">
              {' '}
              {t('overview.carried', { week: formatWeekKey(level.week) })}
            </span>
          ) : null}
        </span>
      ) : null}
    </td>
  )
}

/**
 * The matrix and its links: the part htmx swaps when a filter changes. A cell's link
 * (up to a thousand of them) is relative and leaves out the span, which a cell does not use.
 */
export const OverviewResults = (props: OverviewProps) => {
  const { t } = usePage()
  const { data, filter, team } = props
  const base = `/team/${team.id}/lagesbild`
  return (
    <div id="overview-results">
      <p>
        <a class="button button--secondary" href={`${base}.csv${overviewQuery(filter)}`}>
          {t('situation.exportCsv')}
        </a>
      </p>
      {/* Right-to-left only for the scroll box, so that a long span opens at the newest week without a script. */}
      <div
        class="table-scroll"
        role="region"
        aria-labelledby="overview-caption"
        tabindex={0}
        dir="rtl"
      >
        <table class="table overview" dir="ltr">
          <caption id="overview-caption">
            {t('overview.caption', { weeks: String(data.weeks.length) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('situation.area')}</th>
              <th scope="col">{t('overview.trend')}</th>
              {data.weeks.map((week, index) => (
                <th scope="col">{formatWeekKey(week, index === 0 || week.endsWith('-W01'))}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => {
              const totals = row.cells.map((cell) => cell.total)
              return (
                <tr>
                  <th scope="row">{row.area.name}</th>
                  <td>
                    <Sparkline
                      values={totals}
                      label={t('overview.sparkline', {
                        first: String(totals[0] ?? 0),
                        last: String(totals[totals.length - 1] ?? 0),
                        max: String(Math.max(0, ...totals)),
                      })}
                    />
                  </td>
                  {row.cells.map((cell, index) => (
                    <CellContent
                      cell={cell}
                      scale={data.scale}
                      href={`lagesbild/cell${overviewQuery({ ...filter, weeks: defaultOverviewWeeks, areaId: row.area.id }, { vecka: data.weeks[index]! })}`}
                    />
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('overview.legend', { scale: data.scale.join(', ') })}</p>
      {props.map.shapes.length > 0 ? (
        <AreaMap
          drawing={props.map}
          areas={mapAreas(props)}
          scaleSteps={data.scale.length}
          captionId="overview-map"
        />
      ) : null}
    </div>
  )
}

/** The overview page: its filters, around the results the route renders (or takes from the cache). */
export const OverviewPage = (props: {
  team: TeamRow
  filter: OverviewFilter
  allAreas: AreaRow[]
  categories: CategoryRow[]
  children: Child
}) => {
  const { t } = usePage()
  const { team, filter } = props
  const base = `/team/${team.id}/lagesbild`
  const spanOptions = spans.includes(filter.weeks)
    ? spans
    : [...spans, filter.weeks].sort((a, b) => a - b)
  return (
    <Page title={`${t('overview.title')} – ${team.name}`} wide>
      <p class="eyebrow">
        <a href={`/team/${team.id}`}>{team.name}</a>
      </p>
      <h1>{t('overview.title')}</h1>
      <form
        method="get"
        action={base}
        class="card"
        hx-get={base}
        hx-target="#overview-results"
        hx-select="#overview-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change, submit"
      >
        <div class="inline-fields">
          <div class="field">
            <label for="filter-span">{t('overview.span')}</label>
            <select id="filter-span" name="veckor">
              {spanOptions.map((weeks) => (
                <option value={String(weeks)} selected={weeks === filter.weeks}>
                  {t('overview.weeks', { weeks: String(weeks) })}
                </option>
              ))}
            </select>
          </div>
          <FilterSelect
            id="filter-area"
            name="omrade"
            label={t('situation.area')}
            all={t('situation.allAreas')}
            current={filter.areaId}
            options={props.allAreas.map((a) => ({ value: a.id, label: a.name }))}
          />
          <FilterSelect
            id="filter-category"
            name="kategori"
            label={t('situation.category')}
            all={t('situation.allCategories')}
            current={filter.categoryId}
            options={props.categories.map((c) => ({ value: c.id, label: c.name }))}
          />
          <FilterSelect
            id="filter-kind"
            name="aktorstyp"
            label={t('overview.sourceKind')}
            all={t('overview.allKinds')}
            current={filter.sourceKind}
            options={agencyKinds.map((kind) => ({ value: kind, label: t(`agencyKind.${kind}`) }))}
          />
        </div>
        <button type="submit" class="button button--secondary">
          {t('situation.filter')}
        </button>
      </form>
      {props.children}
    </Page>
  )
}

/** What lies behind one cell: counts per category and the entries, as the viewer may see them. */
export const OverviewCellPage = (props: {
  team: TeamRow
  area: AreaRow
  week: string
  cell: OverviewCell
  scale: string[]
  categories: CategoryRow[]
  entries: ShownEntry[]
  fragment: boolean
}) => {
  const { t } = usePage()
  const title = `${props.area.name}, ${formatWeekKey(props.week, true)}`
  const names = new Map(props.categories.map((c) => [c.id, c.name]))
  const body = (
    <div id="overview-cell">
      {props.cell.level ? (
        <p>
          {t('assessment.level')}:{' '}
          <span class={`level level--${levelTone(props.cell.level.level, props.scale.length)}`}>
            {props.scale[props.cell.level.level]}
          </span>
          {props.cell.level.carried ? (
            <span class="muted">
              {' '}
              {t('overview.carried', { week: formatWeekKey(props.cell.level.week) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {props.cell.categories.length === 0 ? (
        <p class="muted">{t('situation.noEntries')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('overview.perCategory')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('situation.category')}</th>
              <th scope="col">{t('situation.entriesCount')}</th>
            </tr>
          </thead>
          <tbody>
            {props.cell.categories.map((c) => (
              <tr>
                <td>{names.get(c.categoryId)}</td>
                <td>{c.shown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul class="entry-list">
        {props.entries.map((entry) => (
          <li>
            <EntryCard entry={entry} link />
          </li>
        ))}
      </ul>
    </div>
  )
  if (props.fragment) return body
  return (
    <Page title={`${title} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a> ·{' '}
        <a href={`/team/${props.team.id}/lagesbild`}>{t('overview.title')}</a>
      </p>
      <h1>{title}</h1>
      {body}
    </Page>
  )
}
