import { Hono } from 'hono'
import { TeamPage } from '../../views/teams/team.page'
import { requireTeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { listAreas, listMemberships } from './team.repository'

export const teamRoutes = new Hono<AppEnv>()

teamRoutes.get('/team/:teamId', async (c) => {
  const { db } = c.var.deps
  const access = await requireTeamAccess(db, c.var.viewer!, idParam(c, 'teamId'))
  const [areas, memberships] = await Promise.all([listAreas(db, access.team.id), listMemberships(db, access.team.id)])
  return render(
    c,
    <TeamPage
      team={access.team}
      role={access.role}
      areas={areas.filter((area) => area.retired_at === null)}
      agencies={[...new Set(memberships.map((m) => m.agency_name))]}
    />,
  )
})
