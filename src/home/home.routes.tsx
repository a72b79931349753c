import { Hono } from 'hono'
import { HomePage } from '../../views/home/home.page'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { listActiveTeamsOfUser } from '../teams/team.repository'
import { mayViewMeeting } from '../access/meeting-policy'
import { hasCalendarToken } from '../calendar/calendar-feed'
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
  const meetings = upcoming.filter((meeting) => meeting.status !== 'cancelled' && mayViewMeeting(meeting.role, meeting)).slice(0, 6)
  return render(c, <HomePage teams={teams} meetings={meetings} hasCalendar={hasCalendar} />)
})
