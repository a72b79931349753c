import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { LiveEndedNotice } from '../../views/meetings/meeting.page'
import { requireMeetingAccess, type MeetingAccess } from '../access/team-access'
import { sessionEndsAt } from '../auth/session'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { idParam } from '../http/params'
import { renderToString } from '../http/render'
import { findSessionWithViewer } from '../users/user.repository'
import { isDatabaseUnavailable } from '../db/availability'
import { liveMessageFor } from './live-fragments'
import type { MeetingChange } from './meeting-events'

export const liveRoutes = new Hono<AppEnv>()

const defaultHeartbeatMs = 25_000

/**
 * The meeting's live stream (htmx SSE extension). The stream keeps to the
 * session's limits: before every message and at every heartbeat it re-checks
 * that the session is within its idle and absolute limits and that the viewer
 * may still see the meeting, and it wakes when the session would end, so a
 * stream never outlives its session. Watching is not activity: the stream
 * does not extend the session. Each change is rendered for this viewer alone.
 */
liveRoutes.get('/live', async (c) => {
  const meetingId = idParam(c, 'meetingId')
  const first = await currentAccess(c, meetingId)
  if (!first) throw new AppError(401, 'error.signedOut')
  const { live, accessLog } = c.get('deps')
  const heartbeatMs = live.heartbeatMs ?? defaultHeartbeatMs
  // One logger for the stream: each object it reveals is logged once, not at every update.
  const viewer = c.get('viewer')!
  const log = accessLog.loggerFor({
    userId: viewer.userId,
    agencyId: viewer.agencyId,
    requestId: c.get('requestId'),
    via: 'live',
  })
  log([
    {
      objectType: 'meeting',
      objectId: meetingId,
      teamId: first.meeting.team.id,
      role: first.meeting.role,
      shown: 'full',
    },
  ])
  return streamSSE(c, async (stream) => {
    const pending = new Map<string, MeetingChange>()
    let wake: (() => void) | null = null
    let open = true
    let endsAt = first.sessionEndsAt
    const stop = () => {
      open = false
      wake?.()
    }
    const unsubscribe = live.subscribe(meetingId, (change) => {
      pending.set(JSON.stringify(change), change)
      wake?.()
    })
    const unregister = live.onShutdown(() => {
      stop()
      void stream.close()
    })
    stream.onAbort(stop)
    try {
      await stream.writeSSE({ event: 'connected', data: '', retry: 3000 })
      while (open) {
        if (pending.size === 0) {
          const wait = Math.max(0, Math.min(heartbeatMs, endsAt - Date.now()))
          const woken = await Promise.race([
            new Promise<true>((resolve) => (wake = () => resolve(true))),
            stream.sleep(wait).then(() => false),
          ])
          wake = null
          if (woken || !open) continue
        }
        const access = await currentAccess(c, meetingId).catch((error) =>
          isDatabaseUnavailable(error) ? 'unavailable' : null,
        )
        // The database is away: end quietly; the browser reconnects, and gets the page's 503 until it is back.
        if (access === 'unavailable') break
        if (!access) {
          await stream.writeSSE({
            event: 'ended',
            data: await renderToString(c, <LiveEndedNotice />, `/moten/${meetingId}`),
          })
          break
        }
        endsAt = access.sessionEndsAt
        if (pending.size === 0) {
          await stream.write(': keepalive\n\n')
          continue
        }
        const changes = [...pending.values()]
        pending.clear()
        const message = await liveMessageFor(c, access.meeting, changes, log)
        if (message) await stream.writeSSE(message)
      }
    } catch (error) {
      if (!isDatabaseUnavailable(error))
        c.get('deps').logger.error('live stream failed', {
          requestId: c.get('requestId'),
          error: error instanceof Error ? (error.stack ?? String(error)) : String(error),
        })
    } finally {
      unsubscribe()
      unregister()
    }
  })
})

/**
 * Access as of now, or null: the session must still exist, be within its
 * limits and belong to an active account, and the viewer must still see the meeting.
 */
async function currentAccess(
  c: Context<AppEnv>,
  meetingId: string,
): Promise<{ meeting: MeetingAccess; sessionEndsAt: number } | null> {
  const { db, config } = c.get('deps')
  const session = c.get('session')
  if (!session) return null
  const found = await findSessionWithViewer(db, session.id)
  if (!found?.viewer || found.viewer.userId !== c.get('viewer')?.userId) return null
  const endsAt = sessionEndsAt(found.session, config.sessions)
  if (Date.now() >= endsAt) return null
  // Rendered for the account as it is now (its agency decides what it may see).
  c.set('viewer', found.viewer)
  return { meeting: await requireMeetingAccess(db, found.viewer, meetingId), sessionEndsAt: endsAt }
}
