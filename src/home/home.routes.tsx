import { Hono } from 'hono'
import { HomePage } from '../../views/home/home.page'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { listActiveTeamsOfUser } from '../teams/team.repository'
import { mayViewMeeting } from '../access/meeting-policy'
import { hasCalendarToken } from '../calendar/calendar-feed'
import { listActionsOfAgency } from '../actions/action.repository'
import { listUpcomingMeetingsOfUser } from '../meetings/meeting.repository'

export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c) => {
  const viewer = c.var.viewer!
  const today = todayInStockholm()
  const [teams, upcoming, hasCalendar] = await Promise.all([
    listActiveTeamsOfUser(c.var.deps.db, viewer.userId, today),
    listUpcomingMeetingsOfUser(c.var.deps.db, viewer.userId, today, new Date().toISOString(), 40),
    hasCalendarToken(c.var.deps.db, viewer.userId),
  ])
  const actions = await listActionsOfAgency(
    c.var.deps.db,
    viewer.agencyId,
    teams.map((team) => team.id),
    { status: 'open', teamId: null },
  )
  const meetings = upcoming
    .filter((meeting) => meeting.status !== 'cancelled' && mayViewMeeting(meeting.role, meeting))
    .slice(0, 6)
  return render(
    c,
    <HomePage
      teams={teams}
      meetings={meetings}
      actions={actions.slice(0, 8)}
      moreActions={actions.length > 8}
      today={today}
      hasCalendar={hasCalendar}
    />,
  )
})
