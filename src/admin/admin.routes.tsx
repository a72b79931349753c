import { Hono } from 'hono'
import { AdminOverviewPage } from '../../views/admin/admin-overview.page'
import { requireAdmin } from '../auth/session.middleware'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { agencyAdminRoutes } from './agencies.routes'
import { legalBasisAdminRoutes } from './legal-bases.routes'
import { teamAdminRoutes } from './teams.routes'
import { userAdminRoutes } from './users.routes'

/** Administration: accounts, agencies and team set-up. It never shows team content. */
export const adminRoutes = new Hono<AppEnv>()

adminRoutes.use('*', requireAdmin())

adminRoutes.get('/', async (c) => {
  const { db } = c.var.deps
  const count = async (table: 'agencies' | 'users' | 'teams') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const [agencies, users, teams] = await Promise.all([count('agencies'), count('users'), count('teams')])
  return render(c, <AdminOverviewPage agencies={agencies} users={users} teams={teams} />)
})

adminRoutes.route('/aktorer', agencyAdminRoutes)
adminRoutes.route('/anvandare', userAdminRoutes)
adminRoutes.route('/team', teamAdminRoutes)
adminRoutes.route('/rattsliga-grunder', legalBasisAdminRoutes)
