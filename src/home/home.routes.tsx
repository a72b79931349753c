import { Hono } from 'hono'
import { HomeContent } from '../../views/home/home.page'
import { Page } from '../../views/layouts/page'
import { mayAdminister } from '../access/installation-policy'
import { cachedPart, renderWithPart } from '../http/cached-page'
import type { AppEnv } from '../http/app-env'
import { todayInStockholm } from '../i18n/format'
import { listActiveTeamsOfUser } from '../teams/team.repository'
import { listActiveReporterSeats } from '../reports/report.repository'
import { mayViewMeeting } from '../access/meeting-policy'
import { hasCalendarToken } from '../calendar/calendar-feed'
import { listActionsOfAgency } from '../actions/action.repository'
import { listUpcomingMeetingsOfUser } from '../meetings/meeting.repository'
import { listGuestMeetingsOf } from '../guests/guest-access.repository'

export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c) => {
  const viewer = c.get('viewer')!
  const { db, live } = c.get('deps')
  const today = todayInStockholm()
  // This person's own start page, the same until something changes (or a meeting starts).
  const key = `home:${viewer.userId}:${viewer.agencyId}:${live.contentVersion}:${today}`
  const part = await cachedPart(c, key, null, async () => {
    const [teams, upcoming, hasCalendar, guestMeetings, reportsTo] = await Promise.all([
      listActiveTeamsOfUser(db, viewer.userId, today),
      listUpcomingMeetingsOfUser(db, viewer.userId, today, new Date().toISOString(), 40),
      hasCalendarToken(db, viewer.userId),
      listGuestMeetingsOf(db, viewer.userId),
      listActiveReporterSeats(db, viewer.userId, today),
    ])
    const actions = await listActionsOfAgency(
      db,
      viewer.agencyId,
      teams.map((team) => team.id),
      { status: 'open', teamId: null },
    )
    const meetings = upcoming
      .filter((meeting) => meeting.status !== 'cancelled' && mayViewMeeting(meeting.role, meeting))
      .slice(0, 6)
    return (
      <HomeContent
        teams={teams}
        meetings={meetings}
        guestMeetings={guestMeetings}
        actions={actions.slice(0, 8)}
        moreActions={actions.length > 8}
        today={today}
        hasCalendar={hasCalendar}
        canAdminister={mayAdminister(viewer)}
        reportsTo={reportsTo}
      />
    )
  })
  return renderWithPart(c, part, (place) => <Page title={c.get('t')('home.title')}>{place}</Page>)
})
