import { Hono, type Context } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import { AgendaSection } from '../../views/meetings/agenda.partial'
import { MeetingLiveRegion } from '../../views/meetings/meeting.page'
import { AttendanceSection, DecisionsSection, FollowUpSection } from '../../views/meetings/meeting-record'
import { requireMeetingAccess, type MeetingAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { idParam } from '../http/params'
import { renderToString } from '../http/render'
import { agendaSectionData } from '../meetings/agenda-data'
import { meetingRecordData } from '../meetings/meeting-record-data'
import { meetingSituationData } from '../situation/meeting-situation'
import { SituationSection } from '../../views/situation/situation-section'
import type { MeetingChange } from './meeting-events'

export const liveRoutes = new Hono<AppEnv>()

const heartbeatMs = 25_000

/**
 * The meeting's live stream (htmx SSE extension). Each change notice makes this
 * connection re-check that its viewer may still see the meeting (session alive,
 * membership active) and render the changed fragments for that viewer alone.
 * The browser reconnects by itself after a network drop; shutdown ends the stream.
 */
liveRoutes.get('/moten/:meetingId/live', async (c) => {
  const meetingId = idParam(c, 'meetingId')
  await currentAccess(c, meetingId)
  const { live } = c.var.deps
  return streamSSE(c, async (stream) => {
    const pending = new Set<MeetingChange>()
    let wake: (() => void) | null = null
    let open = true
    const stop = () => {
      open = false
      wake?.()
    }
    const unsubscribe = live.subscribe(meetingId, (change) => {
      pending.add(change)
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
          const woken = await Promise.race([new Promise<true>((resolve) => (wake = () => resolve(true))), stream.sleep(heartbeatMs).then(() => false)])
          wake = null
          if (!woken && open) await stream.write(': keepalive\n\n')
          continue
        }
        const changes = new Set(pending)
        pending.clear()
        const access = await currentAccess(c, meetingId).catch(() => null)
        if (!access) break
        await sendFragments(c, stream, access, changes)
      }
    } finally {
      unsubscribe()
      unregister()
    }
  })
})

/** Access as of now: the session must still exist and the viewer must still see the meeting. */
async function currentAccess(c: Context<AppEnv>, meetingId: string): Promise<MeetingAccess> {
  const { db } = c.var.deps
  const session = c.var.session
  if (!session || !(await db.selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst())) {
    throw new AppError(401, 'error.signedOut')
  }
  return requireMeetingAccess(db, c.var.viewer!, meetingId)
}

async function sendFragments(c: Context<AppEnv>, stream: SSEStreamingApi, access: MeetingAccess, changes: Set<MeetingChange>) {
  const { db } = c.var.deps
  const path = `/moten/${access.meeting.id}`
  const [agenda, record, situation] = await Promise.all([
    agendaSectionData(db, access),
    meetingRecordData(db, access, c.var.viewer!),
    meetingSituationData(db, access, c.var.viewer!),
  ])
  const send = async (event: string, view: Parameters<typeof renderToString>[1]) =>
    stream.writeSSE({ event, data: await renderToString(c, view, path) })
  if (changes.has('meeting')) {
    await send('meeting', <MeetingLiveRegion access={access} agenda={agenda} record={record} situation={situation} forms={{}} />)
    return
  }
  const started = ['open', 'closed', 'approved'].includes(access.meeting.status)
  if (changes.has('agenda')) await send('agenda', <AgendaSection data={agenda} failed={null} />)
  if (changes.has('situation') || changes.has('agenda')) await send('situation', <SituationSection data={situation} items={agenda.items} />)
  if (changes.has('record')) {
    await send('follow-up', <FollowUpSection meeting={access.meeting} record={record} />)
    if (started) {
      await send('attendance', <AttendanceSection meeting={access.meeting} record={record} forms={{}} />)
      await send('decisions', <DecisionsSection meeting={access.meeting} items={agenda.items} record={record} forms={{}} />)
    }
  }
}
