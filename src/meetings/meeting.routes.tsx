import { mailCallPublished, mailMinutesAwaiting } from '../mail/notifications'
import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { MeetingPage } from '../../views/meetings/meeting.page'
import type { MeetingPageForms } from './meeting-page-forms'
import { requireMeetingAccess, requireRole, type MeetingAccess } from '../access/team-access'
import type { MeetingAction } from '../access/meeting-policy'
import { recordReviews } from '../actions/action.repository'
import type { AppEnv } from '../http/app-env'
import { readLogOf } from '../http/reader'
import type { ReadLogger } from '../audit/access-log'
import { AppError } from '../http/errors'
import { readForm } from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { cachedPart, renderWithPart } from '../http/cached-page'
import { MeetingLiveRegion } from '../../views/meetings/meeting.page'
import { agendaSectionData } from '../agenda/agenda-data'
import { meetingRecordData } from './meeting-record-data'
import { meetingSituationData } from '../situation/meeting-situation'
import { moveMeetingSchema } from './meeting-forms'
import { assertRecordable, assertTransition, isUnstarted } from './meeting-status'
import { setMeetingStatus, updateMeetingFacts } from './meeting.repository'
import type { MeetingStatus } from './meeting.table'
import { occurrenceOn } from '../series/recurrence'

export const meetingRoutes = new Hono<AppEnv>()

export const meetingAccess = (c: Context<AppEnv>) =>
  requireMeetingAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'meetingId'))

/** For attendance, decisions and actions: the viewer may record, and the meeting is running or awaiting approval. */
export async function requireMeetingRecorder(c: Context<AppEnv>) {
  const access = await meetingAccess(c)
  requireRole(access, 'record')
  assertRecordable(access.meeting.status)
  return access
}

export async function meetingPage(
  c: Context<AppEnv>,
  access: MeetingAccess,
  forms: MeetingPageForms = {},
  status: 200 | 422 = 200,
) {
  const { db, live } = c.get('deps')
  const viewer = c.get('viewer')!
  const region = async (log: ReadLogger) => {
    log([
      {
        objectType: 'meeting',
        objectId: access.meeting.id,
        teamId: access.team.id,
        role: access.role,
        shown: 'full',
      },
    ])
    const reader = { db, viewer, log }
    const [agenda, record, situation] = await Promise.all([
      agendaSectionData(db, access),
      meetingRecordData(db, access, viewer),
      meetingSituationData(reader, access),
    ])
    return (
      <MeetingLiveRegion
        access={access}
        agenda={agenda}
        record={record}
        situation={situation}
        forms={forms}
      />
    )
  }
  // A form coming back with errors is this person's alone; everything else is the same for everyone
  // of the same role and agency until the meeting changes.
  const key = `meeting:${access.meeting.id}:${live.contentVersion}:${access.role}:${viewer.agencyId}:${viewer.agencyIsPublicAuthority}`
  if (Object.keys(forms).length > 0)
    return render(
      c,
      <MeetingPage access={access}>{await region(readLogOf(c, 'meeting'))}</MeetingPage>,
      status,
    )
  return renderWithPart(
    c,
    await cachedPart(c, key, 'meeting', region),
    (place) => <MeetingPage access={access}>{place}</MeetingPage>,
    status,
  )
}

meetingRoutes.get('/', async (c) => meetingPage(c, await meetingAccess(c)))

/** One route per status change; each checks the role, the transition and that nobody changed it first. */
function transitionRoute(path: string, to: MeetingStatus, action: MeetingAction) {
  meetingRoutes.post(`/${path}`, async (c) => {
    const access = await meetingAccess(c)
    requireRole(access, action)
    assertTransition(access.meeting.status, to)
    await commit(c, async (trx, change) => {
      if (!(await setMeetingStatus(trx, access.meeting.id, access.meeting.status, to)))
        throw new AppError(409, 'meeting.error.changedMeanwhile')
      // Every open action of the team comes back on the follow-up of the meeting now opening.
      if (to === 'open') await recordReviews(trx, access.meeting.id, access.team.id)
      change.audit({
        action: `meeting.${to === 'called' ? 'call' : to}`,
        objectType: 'meeting',
        objectId: access.meeting.id,
        details: { teamId: access.team.id, from: access.meeting.status, to },
      })
      change.publish(access.meeting.id, { kind: 'meeting' })
      // Mail without content: the call to the team, the minutes to those who approve them.
      const origin = c.get('deps').config.publicOrigin
      if (to === 'called') await mailCallPublished(trx, change, access.team, access.meeting, origin)
      if (to === 'closed')
        await mailMinutesAwaiting(trx, change, access.team, access.meeting, origin)
    })
    return c.redirect(`/moten/${access.meeting.id}`, 303)
  })
}

transitionRoute('kalla', 'called', 'call')
transitionRoute('oppna', 'open', 'open')
transitionRoute('stang', 'closed', 'close')
transitionRoute('stall-in', 'cancelled', 'cancel')

meetingRoutes.post('/flytta', async (c) => {
  const access = await meetingAccess(c)
  requireRole(access, 'move')
  if (!isUnstarted(access.meeting.status)) throw new AppError(409, 'meeting.error.notMovable')
  const form = await checkedForm(c, moveMeetingSchema, await readForm(c), access.team.id)
  if (!form.ok) return meetingPage(c, access, { move: form }, 422)
  const occurrence = occurrenceOn(form.data.day, form.data.startTime, form.data.durationMinutes)
  if (Date.parse(occurrence.startsAt) <= Date.now()) {
    return meetingPage(
      c,
      access,
      { move: { values: form.values, errors: { startTime: 'meeting.error.timeInPast' } } },
      422,
    )
  }
  await commit(c, async (trx, change) => {
    await updateMeetingFacts(trx, access.meeting.id, {
      starts_at: occurrence.startsAt,
      ends_at: occurrence.endsAt,
      location: form.data.location,
      video_link: form.data.videoLink,
      is_moved: 1,
    })
    change.audit({
      action: 'meeting.move',
      objectType: 'meeting',
      objectId: access.meeting.id,
      details: { teamId: access.team.id, startsAt: occurrence.startsAt },
    })
    change.publish(access.meeting.id, { kind: 'meeting' })
  })
  return c.redirect(`/moten/${access.meeting.id}`, 303)
})
