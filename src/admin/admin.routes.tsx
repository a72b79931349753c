import { retentionAdminRoutes } from './retention.routes'
import { secrecyProvisionAdminRoutes } from './secrecy-provisions.routes'
import { Hono } from 'hono'
import { AdminOverviewPage } from '../../views/admin/admin-overview.page'
import { requireAdmin } from '../auth/session.middleware'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { readSetupProgress } from './setup-progress'
import { agencyAdminRoutes } from './agencies.routes'
import { legalBasisAdminRoutes } from './legal-bases.routes'
import { teamAdminRoutes } from './teams.routes'
import { adminMapRoutes } from '../map/map.routes'
import { userAdminRoutes } from './users.routes'
import { signInAdminRoutes } from './sign-in-admin.routes'

/** Administration: accounts, agencies and team set-up. It never shows team content. */
export const adminRoutes = new Hono<AppEnv>()

adminRoutes.use('*', requireAdmin())

adminRoutes.get('/', async (c) =>
  render(
    c,
    <AdminOverviewPage
      steps={await readSetupProgress(c.get('deps').db)}
      mailConfigured={c.get('deps').config.mail.kind === 'smtp'}
    />,
  ),
)

adminRoutes.route('/aktorer', agencyAdminRoutes)
adminRoutes.route('/anvandare', userAdminRoutes)
adminRoutes.route('/team', teamAdminRoutes)
adminRoutes.route('/team/:teamId', adminMapRoutes)
adminRoutes.route('/rattsliga-grunder', legalBasisAdminRoutes)
adminRoutes.route('/sekretess', secrecyProvisionAdminRoutes)
adminRoutes.route('/gallring', retentionAdminRoutes)
adminRoutes.route('/inloggning', signInAdminRoutes)
