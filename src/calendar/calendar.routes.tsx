import { Hono } from 'hono'
import { commit } from '../changes/commit'
import { CalendarLinkPage } from '../../views/calendar/calendar-link.page'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { render } from '../http/render'
import { translator } from '../i18n/t'
import { buildCalendar, findCalendarUser, renewCalendarToken } from './calendar-feed'

/** The feed itself: no session, the secret token in the address is the credential. */
export const calendarFeedRoutes = new Hono<AppEnv>()

calendarFeedRoutes.get('/:file', async (c) => {
  const { db, config } = c.get('deps')
  const file = c.req.param('file')
  if (!file.endsWith('.ics')) throw notFound()
  const user = await findCalendarUser(db, file.slice(0, -4))
  if (!user) throw notFound()
  const body = await buildCalendar(db, user.id, config.publicOrigin, translator(user.locale))
  // The feed reveals the person's meetings (titles, times, places): one access-log row per fetch.
  c.get('deps').accessLog.loggerFor({
    userId: user.id,
    agencyId: user.agency_id,
    requestId: c.get('requestId'),
    via: 'calendar',
  })([{ objectType: 'calendar_feed', objectId: user.id, teamId: null, role: null, shown: 'full' }])
  return c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Cache-Control': 'no-store',
  })
})

/** Creating or renewing the link: signed in. */
export const calendarLinkRoutes = new Hono<AppEnv>()

calendarLinkRoutes.post('/ny', async (c) => {
  const { config } = c.get('deps')
  const viewer = c.get('viewer')!
  const token = await commit(c, async (trx, change) => {
    const token = await renewCalendarToken(trx, viewer.userId)
    change.audit({
      action: 'calendar.renew',
      objectType: 'user',
      objectId: viewer.userId,
    })
    return token
  })
  // Shown once, in this response; only its hash is stored.
  return render(c, <CalendarLinkPage url={`${config.publicOrigin}/kalender/${token}.ics`} />)
})
