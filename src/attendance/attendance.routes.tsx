import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { z } from 'zod'
import type { MeetingAccess } from '../access/team-access'
import type { AuditEvent } from '../audit/audit.repository'
import type { Trx } from '../db/connect'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { readForm, requiredText, validateForm } from '../http/forms'
import { idParam } from '../http/params'
import { todayInStockholm } from '../i18n/format'
import { listTeamAgencies, listMemberships } from '../teams/team.repository'
import { addGuest, listPresentAgencies, removeGuest, setAttendance } from './attendance.repository'
import { meetingPage, requireMeetingRecorder } from '../meetings/meeting.routes'

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
  const agencies = await listTeamAgencies(c.var.deps.db, access.team.id, todayInStockholm())
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
  const { db } = c.var.deps
  const access = await requireMeetingRecorder(c)
  const form = validateForm(minuteCheckerSchema, await readForm(c))
  if (!form.ok) return meetingPage(c, access, { minuteChecker: form }, 422)
  // The justerare is chosen among those present: an active member of an agency marked present.
  const [members, present] = await Promise.all([
    listMemberships(db, access.team.id),
    listPresentAgencies(db, access.meeting.id),
  ])
  const today = todayInStockholm()
  const candidate = members.find(
    (m) => m.user_id === form.data.userId && (m.ends_on === null || m.ends_on >= today),
  )
  if (!candidate || !present.has(candidate.agency_id)) {
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
    async (trx) => {
      await trx
        .updateTable('meetings')
        .set({ minute_checker_user_id: form.data.userId })
        .where('id', '=', access.meeting.id)
        .execute()
    },
    { action: 'meeting.minute_checker', details: { userId: form.data.userId } },
  )
})
