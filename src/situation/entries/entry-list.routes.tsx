import { Hono } from 'hono'
import { z } from 'zod'
import { DisclosuresPage } from '../../../views/situation/disclosures.page'
import { EntriesPage } from '../../../views/situation/entries.page'
import { requireTeamAccess } from '../../access/team-access'
import type { AppEnv } from '../../http/app-env'
import { readerFor } from '../../http/reader'
import { AppError } from '../../http/errors'
import { isHtmx } from '../../http/htmx'
import { optionalId } from '../../http/forms'
import { idParam } from '../../http/params'
import { render } from '../../http/render'
import { parseWeekInput, todayInStockholm } from '../../i18n/format'
import { listAreas, listCategories, listActiveTeamsOfUser } from '../../teams/team.repository'
import { listDisclosuresOfAgency } from './disclosure.repository'
import { readTeamEntries } from '../read'

export const entryListRoutes = new Hono<AppEnv>()
export const disclosureRegisterRoutes = new Hono<AppEnv>()

const pageSize = 50

const filterSchema = z.object({
  omrade: optionalId(),
  kategori: optionalId(),
  // "v. 47", "47", "2026-W47": a week as people write it
  vecka: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return null
      const key = parseWeekInput(value)
      if (!key) ctx.addIssue({ code: 'custom', message: 'situation.error.filter' })
      return key ?? z.NEVER
    }),
  sida: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : 1))
    .refine((value) => Number.isInteger(value) && value >= 1 && value <= 10_000),
})

/** The team's entries as the viewer may see them, filtered by area, category and week, paged; counts from the same. */
entryListRoutes.get('/poster', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const access = await requireTeamAccess(db, viewer, idParam(c, 'teamId'))
  const parsed = filterSchema.safeParse(c.req.query())
  if (!parsed.success) throw new AppError(400, 'situation.error.filter')
  const filter = parsed.data
  const [areas, categories] = await Promise.all([
    listAreas(db, access.team.id),
    listCategories(db, access.team.id),
  ])
  if (
    (filter.omrade && !areas.some((a) => a.id === filter.omrade)) ||
    (filter.kategori && !categories.some((cat) => cat.id === filter.kategori))
  ) {
    throw new AppError(400, 'situation.error.filter')
  }
  const entries = await readTeamEntries(readerFor(c, 'entry_list'), access, {
    areaId: filter.omrade,
    categoryId: filter.kategori,
    week: filter.vecka,
    limit: pageSize + 1,
    offset: (filter.sida - 1) * pageSize,
    withOwnWithdrawn: true,
  })
  const props = {
    team: access.team,
    can: access.can,
    areas,
    categories,
    filter: {
      areaId: filter.omrade,
      categoryId: filter.kategori,
      week: filter.vecka,
      page: filter.sida,
    },
    entries: entries.slice(0, pageSize),
    hasMore: entries.length > pageSize,
  }
  return render(c, <EntriesPage {...props} fragment={isHtmx(c)} />)
})

/** The viewer's agency's disclosures, sent and received, in the teams the viewer is a member of. */
disclosureRegisterRoutes.get('/', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const teams = await listActiveTeamsOfUser(db, viewer.userId, todayInStockholm())
  const rows = await listDisclosuresOfAgency(
    db,
    viewer.agencyId,
    teams.map((team) => team.id),
  )
  return render(c, <DisclosuresPage rows={rows} />)
})
