import { Hono } from 'hono'
import { AdminOverviewPage } from '../../views/admin/admin-overview.page'
import { requireAdmin } from '../auth/session.middleware'
import { listAgencies } from '../agencies/agency.repository'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { listTeams } from '../teams/team.repository'
import { listUsers } from '../users/user.repository'
import { agencyAdminRoutes } from './agencies.routes'
import { teamAdminRoutes } from './teams.routes'
import { userAdminRoutes } from './users.routes'

/** Administration: accounts, agencies and team set-up. It never shows team content. */
export const adminRoutes = new Hono<AppEnv>()

adminRoutes.use('*', requireAdmin())

adminRoutes.get('/', async (c) => {
  const { db } = c.var.deps
  const [agencies, users, teams] = await Promise.all([listAgencies(db), listUsers(db), listTeams(db)])
  return render(c, <AdminOverviewPage agencies={agencies.length} users={users.length} teams={teams.length} />)
})

adminRoutes.route('/aktorer', agencyAdminRoutes)
adminRoutes.route('/anvandare', userAdminRoutes)
adminRoutes.route('/team', teamAdminRoutes)
