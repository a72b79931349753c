import { drawOutlines } from '../../map/area-map'
import { listOutlines } from '../../map/area-outline.repository'
import { Hono, type Context } from 'hono'
import { recordEvent } from '../../changes/commit'
import { excelCsv } from '../../http/csv'
import { z } from 'zod'
import {
  OverviewCellPage,
  OverviewPage,
  OverviewResults,
} from '../../../views/situation/overview.page'
import { agencyKinds } from '../../agencies/agency.table'
import { requireTeamAccess } from '../../access/team-access'
import type { AppEnv } from '../../http/app-env'
import { AppError } from '../../http/errors'
import { isHtmx } from '../../http/htmx'
import { optionalId } from '../../http/forms'
import { idParam } from '../../http/params'
import { render } from '../../http/render'
import { cachedPart, renderWithPart } from '../../http/cached-page'
import { formatWeekKey, isWeekKey, todayInStockholm } from '../../i18n/format'
import { listAreas, listCategories } from '../../teams/team.repository'
import { defaultOverviewWeeks, overviewData } from './overview'
import type { OverviewFilter } from './overview-filter'
import { countingKey, readCellEntries } from '../read'
import { readerFor } from '../../http/reader'

export const overviewRoutes = new Hono<AppEnv>()

const maxOverviewWeeks = 104

const filterSchema = z.object({
  veckor: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : defaultOverviewWeeks))
    .refine((value) => Number.isInteger(value) && value >= 1 && value <= maxOverviewWeeks),
  omrade: optionalId(),
  kategori: optionalId(),
  aktorstyp: z
    .string()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || (agencyKinds as readonly string[]).includes(value))
    .transform((value) => value as OverviewFilter['sourceKind']),
})

/** The team, its areas and categories, and the filter from the query; 400 for anything tampered. */
async function overviewContext(c: Context<AppEnv>) {
  const { db } = c.get('deps')
  const access = await requireTeamAccess(db, c.get('viewer')!, idParam(c, 'teamId'))
  const parsed = filterSchema.safeParse(c.req.query())
  if (!parsed.success) throw new AppError(400, 'overview.error.filter')
  const [areas, categories] = await Promise.all([
    listAreas(db, access.team.id),
    listCategories(db, access.team.id),
  ])
  const { veckor, omrade, kategori, aktorstyp } = parsed.data
  if (
    (omrade && !areas.some((a) => a.id === omrade)) ||
    (kategori && !categories.some((cat) => cat.id === kategori))
  ) {
    throw new AppError(400, 'overview.error.filter')
  }
  const filter: OverviewFilter = {
    weeks: veckor,
    areaId: omrade,
    categoryId: kategori,
    sourceKind: aktorstyp,
  }
  return { access, areas, categories, filter }
}

overviewRoutes.get('/lagesbild', async (c) => {
  const { live } = c.get('deps')
  const { access, areas, categories, filter } = await overviewContext(c)
  // The same for everyone who counts the same until an entry or an assessment of the team changes.
  const key = `overview:${access.team.id}:${live.contentVersion}:${countingKey(c.get('viewer')!, access)}:${JSON.stringify(filter)}`
  const results = await cachedPart(c, key, 'overview', async (log) => (
    <OverviewResults
      team={access.team}
      filter={filter}
      data={await overviewData(
        { db: c.get('deps').db, viewer: c.get('viewer')!, log },
        access,
        filter,
        areas,
        categories,
      )}
      map={drawOutlines(
        (await listOutlines(c.get('deps').db, access.team.id)).filter(
          (outline) => !filter.areaId || outline.areaId === filter.areaId,
        ),
      )}
    />
  ))
  return renderWithPart(
    c,
    results,
    isHtmx(c)
      ? null
      : (place) => (
          <OverviewPage team={access.team} filter={filter} allAreas={areas} categories={categories}>
            {place}
          </OverviewPage>
        ),
  )
})

/** Behind a cell: the counts per category and the entries of that area and week, each as the viewer may see it. */
overviewRoutes.get('/lagesbild/cell', async (c) => {
  const { access, areas, categories, filter } = await overviewContext(c)
  const reader = readerFor(c, 'overview_cell')
  const week = c.req.query('vecka') ?? ''
  const area = areas.find((a) => a.id === filter.areaId)
  if (!area || !isWeekKey(week)) throw new AppError(400, 'overview.error.filter')
  const [data, entries] = await Promise.all([
    overviewData(reader, access, { ...filter, weeks: 1 }, areas, categories, dayOfWeek(week)),
    readCellEntries(reader, access, {
      areaId: area.id,
      categoryId: filter.categoryId,
      week,
      sourceKind: filter.sourceKind,
    }),
  ])
  const cell = data.rows[0]!.cells[0]!
  return render(
    c,
    <OverviewCellPage
      team={access.team}
      area={area}
      week={week}
      cell={cell}
      scale={data.scale}
      categories={categories}
      entries={entries}
      fragment={isHtmx(c)}
    />,
  )
})

/** A day inside an ISO week key, to anchor a one-week span on it. */
function dayOfWeek(week: string): string {
  const [year, number] = week.split('-W').map(Number) as [number, number]
  // The 4th of January is always in week 1.
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000)
  return new Date(monday.getTime() + ((number - 1) * 7 + 3) * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The picture's aggregates as CSV for Excel (UTF-8 with BOM, semicolons,
 * Swedish headers): one row per week × area × category with the count the
 * viewer may see and the area's level. Never a description or a reference;
 * small sensitive counts as "<3". Every export is audited.
 */
overviewRoutes.get('/lagesbild.csv', async (c) => {
  const { access, areas, categories, filter } = await overviewContext(c)
  const data = await overviewData(readerFor(c, 'export'), access, filter, areas, categories)
  const t = c.get('t')
  const categoryName = new Map(categories.map((cat) => [cat.id, cat.name]))
  const lines = [
    [t('csv.week'), t('csv.area'), t('csv.category'), t('csv.entries'), t('csv.level')],
  ]
  data.weeks.forEach((week, index) => {
    for (const row of data.rows) {
      const cell = row.cells[index]!
      const level = cell.level ? data.scale[cell.level.level]! : ''
      for (const count of cell.categories) {
        lines.push([
          formatWeekKey(week, true),
          row.area.name,
          categoryName.get(count.categoryId) ?? '',
          count.shown,
          level,
        ])
      }
    }
  })
  await recordEvent(c, {
    action: 'situation.export',
    objectType: 'team',
    objectId: access.team.id,
    details: { rows: lines.length - 1, weeks: filter.weeks },
  })
  const csv = excelCsv(lines)
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="lagesbild-${todayInStockholm()}.csv"`,
  })
})
