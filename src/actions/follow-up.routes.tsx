import { Hono } from 'hono'
import { commit } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { idParam } from '../http/params'
import { meetingAccess } from '../meetings/meeting.routes'
import { assertRecordable } from '../meetings/meeting-status'
import { chairsMeeting } from '../minutes/approvers'
import { confirmFollowUp, findAction } from './action.repository'

/** At a meeting, the one who chairs it confirms the owner agencies' follow-ups of closed actions. */
export const followUpRoutes = new Hono<AppEnv>()

followUpRoutes.post('/uppfoljning/:actionId/bekrafta', async (c) => {
  const viewer = c.get('viewer')!
  const access = await meetingAccess(c)
  if (!chairsMeeting(access.meeting, { userId: viewer.userId, role: access.role }))
    throw new AppError(403, 'error.forbidden')
  assertRecordable(access.meeting.status)
  const action = await findAction(c.get('deps').db, idParam(c, 'actionId'))
  // Another team's action, or one not followed up: nothing to confirm here.
  if (!action || action.team_id !== access.team.id || action.follow_up_at === null) throw notFound()
  if (action.follow_up_confirmed_at === null)
    await commit(c, async (trx, change) => {
      await confirmFollowUp(trx, action.id, viewer.userId, access.meeting.id)
      change.audit({
        action: 'action.follow_up_confirmed',
        objectType: 'action',
        objectId: action.id,
        details: { teamId: access.team.id, meetingId: access.meeting.id },
      })
      change.publish(access.meeting.id, { kind: 'meeting' })
    })
  return c.redirect(`/moten/${access.meeting.id}#closed-follow-up-${action.id}`, 303)
})
