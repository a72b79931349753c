import { Hono } from 'hono'
import { z } from 'zod'
import { DisclosuresPage } from '../../views/situation/disclosures.page'
import { EntriesPage } from '../../views/situation/entries.page'
import { entryViewerOf, showEntries } from '../access/entry-policy'
import { requireTeamAccess } from '../access/team-access'
import { actorOf } from '../admin/admin-actor'
import { recordAuditEvent } from '../audit/audit.repository'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { isHtmx } from '../http/htmx'
import { idParam, isUuid } from '../http/params'
import { render } from '../http/render'
import { formatWeekKey, todayInStockholm } from '../i18n/format'
import { listAreas, listCategories, listActiveTeamsOfUser } from '../teams/team.repository'
import { listDisclosuresOfAgency } from './disclosure.repository'
import { listEntriesOfTeam } from './situation-entry.repository'
import { aggregatePicture, shownCount } from './situation-picture'

export const entryListRoutes = new Hono<AppEnv>()

const pageSize = 50

const optionalId = z
  .string()
  .optional()
  .transform((value) => value || null)
  .refine((value) => value === null || isUuid(value))

const filterSchema = z.object({
  omrade: optionalId,
  kategori: optionalId,
  vecka: z
    .string()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(value)),
  sida: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : 1))
    .refine((value) => Number.isInteger(value) && value >= 1 && value <= 10_000),
})

/** The team's entries as the viewer may see them, filtered by area, category and week, paged; counts from the same. */
entryListRoutes.get('/team/:teamId/poster', async (c) => {
  const { db } = c.var.deps
  const viewer = c.var.viewer!
  const access = await requireTeamAccess(db, viewer, idParam(c, 'teamId'))
  const parsed = filterSchema.safeParse(c.req.query())
  if (!parsed.success) throw new AppError(400, 'situation.error.filter')
  const filter = parsed.data
  const [areas, categories] = await Promise.all([listAreas(db, access.team.id), listCategories(db, access.team.id)])
  if ((filter.omrade && !areas.some((a) => a.id === filter.omrade)) || (filter.kategori && !categories.some((cat) => cat.id === filter.kategori))) {
    throw new AppError(400, 'situation.error.filter')
  }
  const stored = await listEntriesOfTeam(
    db,
    access.team.id,
    { agencyId: viewer.agencyId, observer: access.role === 'observer' },
    { areaId: filter.omrade, categoryId: filter.kategori, week: filter.vecka, limit: pageSize + 1, offset: (filter.sida - 1) * pageSize },
  )
  const entries = showEntries(entryViewerOf(viewer, access.role), stored)
  const props = {
    team: access.team,
    role: access.role,
    areas,
    categories,
    filter: { areaId: filter.omrade, categoryId: filter.kategori, week: filter.vecka, page: filter.sida },
    entries: entries.slice(0, pageSize),
    hasMore: entries.length > pageSize,
  }
  return render(c, <EntriesPage {...props} fragment={isHtmx(c)} />)
})

/**
 * The situation picture as counts per week × area × category, CSV for Excel
 * (UTF-8 with BOM, semicolons, Swedish headers). Never a description or a
 * reference; small counts in sensitive categories as "<3". Audited.
 */
entryListRoutes.get('/team/:teamId/lagesbild.csv', async (c) => {
  const { db } = c.var.deps
  const viewer = c.var.viewer!
  const access = await requireTeamAccess(db, viewer, idParam(c, 'teamId'))
  const stored = await listEntriesOfTeam(db, access.team.id, { agencyId: viewer.agencyId, observer: access.role === 'observer' }, { limit: 100_000, offset: 0 })
  const byWeek = new Map<string, ReturnType<typeof showEntries>>()
  for (const entry of showEntries(entryViewerOf(viewer, access.role), stored)) {
    byWeek.set(entry.week, [...(byWeek.get(entry.week) ?? []), entry])
  }
  const t = c.var.t
  const lines = [[t('csv.week'), t('csv.area'), t('csv.category'), t('csv.entries'), ...['increasing', 'unchanged', 'decreasing', 'uncertain'].map((trend) => t(`trend.${trend as 'increasing'}`))]]
  for (const week of [...byWeek.keys()].sort()) {
    for (const cell of aggregatePicture(byWeek.get(week)!)) {
      const count = shownCount(cell.entries, cell.sensitive, cell.ownEntries)
      const hidden = count === '<3'
      lines.push([
        formatWeekKey(week, true),
        cell.areaName,
        cell.categoryName,
        count,
        ...(['increasing', 'unchanged', 'decreasing', 'uncertain'] as const).map((trend) => (hidden ? '' : String(cell.trends[trend]))),
      ])
    }
  }
  await recordAuditEvent(db, actorOf(c), { action: 'situation.export', objectType: 'team', objectId: access.team.id, details: { rows: lines.length - 1 } })
  const csv = '\uFEFF' + lines.map((line) => line.map(csvCell).join(';')).join('\r\n') + '\r\n'
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="lagesbild-${todayInStockholm()}.csv"`,
  })
})

/** A CSV cell, quoted when needed; a leading =, +, - or @ is neutralised so that Excel never runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The viewer's agency's disclosures, sent and received, in the teams the viewer is a member of. */
entryListRoutes.get('/utlamnanden', async (c) => {
  const { db } = c.var.deps
  const viewer = c.var.viewer!
  const teams = await listActiveTeamsOfUser(db, viewer.userId, todayInStockholm())
  const rows = await listDisclosuresOfAgency(db, viewer.agencyId, teams.map((team) => team.id))
  return render(c, <DisclosuresPage rows={rows} />)
})
