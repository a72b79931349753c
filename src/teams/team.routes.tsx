import { Hono } from 'hono'
import { TeamPage } from '../../views/teams/team.page'
import { requireTeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { readerFor } from '../http/reader'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { listAreas, listMemberships } from './team.repository'
import { mayViewMeeting } from '../access/meeting-policy'
import { listMeetingsOfTeam } from '../meetings/meeting.repository'
import { listOpenActionsOfTeam } from '../actions/action.repository'
import { todayInStockholm } from '../i18n/format'
import { readTeamEntries } from '../situation/read'

export const teamRoutes = new Hono<AppEnv>()

teamRoutes.get('/team/:teamId', async (c) => {
  const { db } = c.var.deps
  const access = await requireTeamAccess(db, c.var.viewer!, idParam(c, 'teamId'))
  const [areas, memberships, meetings, actions, latest] = await Promise.all([
    listAreas(db, access.team.id),
    listMemberships(db, access.team.id),
    listMeetingsOfTeam(db, access.team.id),
    listOpenActionsOfTeam(db, access.team.id),
    readTeamEntries(readerFor(c, 'team_page'), access, {
      limit: 5,
      offset: 0,
      withOwnWithdrawn: false,
    }),
  ])
  const now = new Date().toISOString()
  const upcoming = meetings
    .filter((m) => m.ends_at >= now && m.status !== 'cancelled' && mayViewMeeting(access.role, m))
    .slice(0, 3)
  return render(
    c,
    <TeamPage
      team={access.team}
      role={access.role}
      areas={areas.filter((area) => area.retired_at === null)}
      agencies={[...new Set(memberships.map((m) => m.agency_name))]}
      meetings={upcoming}
      actions={actions}
      entries={latest}
      today={todayInStockholm()}
    />,
  )
})
