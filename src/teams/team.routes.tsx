import { Hono } from 'hono'
import { Page } from '../../views/layouts/page'
import { TeamOverview } from '../../views/teams/team.page'
import { requireTeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { idParam } from '../http/params'
import { cachedPart, renderWithPart } from '../http/cached-page'
import { mandateWatch } from './mandates'
import { listAreas, listMemberships } from './team.repository'
import { mayViewMeeting } from '../access/meeting-policy'
import { listMeetingsOfTeam } from '../meetings/meeting.repository'
import { listOpenActionsOfTeam } from '../actions/action.repository'
import { todayInStockholm } from '../i18n/format'
import { readTeamEntries } from '../situation/read'

export const teamRoutes = new Hono<AppEnv>()

teamRoutes.get('/', async (c) => {
  const { db, live } = c.get('deps')
  const viewer = c.get('viewer')!
  const access = await requireTeamAccess(db, viewer, idParam(c, 'teamId'))
  const { team, role } = access
  // The same for everyone of one role and agency until something changes (or a meeting starts).
  const key = `team:${team.id}:${live.contentVersion}:${todayInStockholm()}:${role}:${viewer.agencyId}:${viewer.agencyIsPublicAuthority}`
  const part = await cachedPart(c, key, 'team_page', async (log) => {
    const [areas, memberships, meetings, actions, latest] = await Promise.all([
      listAreas(db, team.id),
      listMemberships(db, team.id),
      listMeetingsOfTeam(db, team.id),
      listOpenActionsOfTeam(db, team.id),
      readTeamEntries({ db, viewer, log }, access, {
        limit: 5,
        offset: 0,
        withOwnWithdrawn: false,
      }),
    ])
    const now = new Date().toISOString()
    const today = todayInStockholm()
    return (
      <TeamOverview
        team={team}
        role={role}
        can={access.can}
        areas={areas.filter((area) => area.retired_at === null)}
        agencies={[...new Set(memberships.map((m) => m.agency_name))]}
        meetings={meetings
          .filter((m) => m.ends_at >= now && m.status !== 'cancelled' && mayViewMeeting(role, m))
          .slice(0, 3)}
        actions={actions}
        entries={latest}
        today={today}
        mandates={access.can.manageMembers ? mandateWatch(memberships, actions, today) : null}
      />
    )
  })
  return renderWithPart(c, part, (place) => <Page title={team.name}>{place}</Page>)
})
