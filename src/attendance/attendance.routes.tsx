import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { z } from 'zod'
import type { MeetingAccess } from '../access/team-access'
import type { AuditEvent } from '../audit/audit.repository'
import type { Trx } from '../db/connect'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { readForm, requiredText, validateForm } from '../http/forms'
import { idParam } from '../http/params'
import { todayInStockholm } from '../i18n/format'
import { listTeamAgencies, listMemberships } from '../teams/team.repository'
import { addGuest, listPresentAgencies, removeGuest, setAttendance } from './attendance.repository'
import { meetingAccess, meetingPage, requireMeetingRecorder } from '../meetings/meeting.routes'
import { isUnstarted } from '../meetings/meeting-status'
import { setMeetingChair, setMinuteChecker } from '../meetings/meeting.repository'
import { chairCandidates, checkerCandidates } from '../minutes/approvers'

/** Attendance per agency, guests and the minute-checker: recorded by the chair (or coordinator). */
export const attendanceRoutes = new Hono<AppEnv>()

/** Makes the change and its audit event in one transaction, then back to the attendance section. */
async function commitAttendance(
  c: Context<AppEnv>,
  access: MeetingAccess,
  write: (trx: Trx) => Promise<void>,
  event: AuditEvent,
) {
  await commit(c, async (trx, change) => {
    await write(trx)
    change.audit({
      objectType: 'meeting',
      objectId: access.meeting.id,
      ...event,
      details: { teamId: access.team.id, ...event.details },
    })
    change.publish(access.meeting.id, { kind: 'attendance' })
  })
  return c.redirect(`/moten/${access.meeting.id}#narvaro`, 303)
}

attendanceRoutes.post('/narvaro', async (c) => {
  const access = await requireMeetingRecorder(c)
  const values = await readForm(c)
  const agencies = await listTeamAgencies(c.get('deps').db, access.team.id, todayInStockholm())
  const present = new Set(
    agencies.filter((agency) => values[`present-${agency.id}`] === 'on').map((agency) => agency.id),
  )
  return commitAttendance(
    c,
    access,
    (trx) =>
      setAttendance(
        trx,
        access.meeting.id,
        agencies.map((a) => a.id),
        present,
      ),
    {
      action: 'meeting.attendance',
      details: { present: [...present] },
    },
  )
})

const guestSchema = z.object({ organisation: requiredText(120) })

attendanceRoutes.post('/gaster', async (c) => {
  const access = await requireMeetingRecorder(c)
  const form = await checkedForm(c, guestSchema, await readForm(c), access.team.id)
  if (!form.ok) return meetingPage(c, access, { guest: form }, 422)
  return commitAttendance(
    c,
    access,
    async (trx) => void (await addGuest(trx, access.meeting.id, form.data.organisation)),
    { action: 'meeting.guest_add' },
  )
})

attendanceRoutes.post('/gaster/:guestId/ta-bort', async (c) => {
  const access = await requireMeetingRecorder(c)
  const guestId = idParam(c, 'guestId')
  return commitAttendance(
    c,
    access,
    async (trx) => {
      if (!(await removeGuest(trx, access.meeting.id, guestId))) throw notFound()
    },
    { action: 'meeting.guest_remove', details: { guestId } },
  )
})

const minuteCheckerSchema = z.object({ userId: z.string().uuid('error.choice') })

attendanceRoutes.post('/justerare', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  const form = validateForm(minuteCheckerSchema, await readForm(c))
  if (!form.ok) return meetingPage(c, access, { minuteChecker: form }, 422)
  const [members, present] = await Promise.all([
    listMemberships(db, access.team.id),
    listPresentAgencies(db, access.meeting.id),
  ])
  const candidates = checkerCandidates(members, present, access.meeting, todayInStockholm())
  if (!candidates.some((person) => person.userId === form.data.userId)) {
    return meetingPage(
      c,
      access,
      {
        minuteChecker: {
          values: form.values,
          errors: { userId: 'minutes.error.checkerNotPresent' },
        },
      },
      422,
    )
  }
  return commitAttendance(
    c,
    access,
    (trx) => setMinuteChecker(trx, access.meeting.id, form.data.userId),
    { action: 'meeting.minute_checker', details: { userId: form.data.userId } },
  )
})

const meetingChairSchema = z.object({
  userId: z.union([z.literal(''), z.string().uuid('error.choice')]),
})

/**
 * The coordinator names who chairs this meeting (a stand-in when the team's
 * chair is away) before it opens; that person approves the minutes as chair.
 * An empty choice gives it back to the team's chair.
 */
attendanceRoutes.post('/ordforande', async (c) => {
  const { db } = c.get('deps')
  const access = await meetingAccess(c)
  if (!access.can.appointChair) throw new AppError(403, 'error.forbidden')
  if (!isUnstarted(access.meeting.status))
    throw new AppError(409, 'meeting.error.chairAfterOpening')
  const form = validateForm(meetingChairSchema, await readForm(c))
  if (!form.ok) return meetingPage(c, access, { meetingChair: form }, 422)
  const userId = form.data.userId || null
  const members = await listMemberships(db, access.team.id)
  if (userId && !chairCandidates(members, todayInStockholm()).some((p) => p.userId === userId)) {
    return meetingPage(
      c,
      access,
      { meetingChair: { values: form.values, errors: { userId: 'error.choice' } } },
      422,
    )
  }
  await commit(c, async (trx, change) => {
    await setMeetingChair(trx, access.meeting.id, userId)
    change.audit({
      action: 'meeting.chair',
      objectType: 'meeting',
      objectId: access.meeting.id,
      details: { teamId: access.team.id, userId },
    })
    change.publish(access.meeting.id, { kind: 'meeting' })
  })
  return c.redirect(`/moten/${access.meeting.id}`, 303)
})
