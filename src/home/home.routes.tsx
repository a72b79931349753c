import { Hono } from 'hono'
import { HomePage } from '../../views/home/home.page'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { listActiveTeamsOfUser } from '../teams/team.repository'

export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c) => {
  const viewer = c.var.viewer!
  const teams = await listActiveTeamsOfUser(c.var.deps.db, viewer.userId, todayInStockholm())
  return render(c, <HomePage teams={teams} />)
})
