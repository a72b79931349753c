import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { GuestInvitationPage } from '../../views/guests/guest-invitation.page'
import { requireRole, type MeetingAccess } from '../access/team-access'
import { staffName } from '../admin/admin-forms'
import { listAgencies, findAgency } from '../agencies/agency.repository'
import { addGuest, listGuests } from '../attendance/attendance.repository'
import { issuePasswordLink } from '../auth/password-links'
import { commit } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import {
  email,
  optionalText,
  readForm,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { formatMeetingTime } from '../i18n/format'
import { queueMail } from '../mail/outbox'
import { meetingAccess } from '../meetings/meeting.routes'
import { isUserInTeam } from '../teams/team.repository'
import { createUser, findUserByEmail, normaliseEmail } from '../users/user.repository'
import {
  grantGuest,
  guestsMayBeInvited,
  isGuestOf,
  listMeetingGuests,
  revokeGuest,
} from './guest-access.repository'

/**
 * A guest for one meeting: the coordinator invites someone outside the team —
 * an existing user, or a new one by invitation. The guest sees that meeting as
 * an observer until its minutes are approved, may present an agenda item (their
 * agency is offered as presenter) and is listed in the minutes by agency.
 */
export const guestRoutes = new Hono<AppEnv>()

const inviteSchema = z.object({
  email: email(),
  name: optionalText(120, staffName),
  agencyId: z.string().trim().default(''),
})

async function requireInviter(c: Context<AppEnv>): Promise<MeetingAccess> {
  const access = await meetingAccess(c)
  requireRole(access, 'inviteGuests')
  if (!guestsMayBeInvited(access.meeting.status)) throw new AppError(409, 'guest.error.closed')
  return access
}

async function page(
  c: Context<AppEnv>,
  access: MeetingAccess,
  form: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  return render(
    c,
    <GuestInvitationPage
      meeting={access.meeting}
      team={access.team}
      guests={await listMeetingGuests(db, access.meeting.id)}
      agencies={await listAgencies(db)}
      form={form}
      done={c.req.query('klart') === '1'}
    />,
    status,
  )
}

guestRoutes.get('/gastinbjudan', async (c) => page(c, await requireInviter(c)))

guestRoutes.post('/gastinbjudan', async (c) => {
  const { db, config } = c.get('deps')
  const access = await requireInviter(c)
  const form = validateForm(inviteSchema, await readForm(c))
  const failed = (errors: FieldErrors) => page(c, access, { values: form.values, errors }, 422)
  if (!form.ok) return failed(form.errors)
  const address = normaliseEmail(form.data.email)
  const existing = await findUserByEmail(db, address)
  if (existing?.status === 'disabled') return failed({ email: 'guest.error.disabled' })
  if (existing && (await isUserInTeam(db, access.team.id, existing.id)))
    return failed({ email: 'guest.error.member' })
  if (existing && (await isGuestOf(db, access.meeting.id, existing.id)))
    return failed({ email: 'guest.error.already' })
  // Someone new: their name and agency make the account (an invitation, as the admin's).
  const agency = existing
    ? null
    : form.data.agencyId
      ? await findAgency(db, form.data.agencyId)
      : null
  if (!existing && (!form.data.name || !agency))
    return failed({
      ...(form.data.name ? {} : { name: 'guest.error.newNeedsName' }),
      ...(agency ? {} : { agencyId: 'guest.error.newNeedsAgency' }),
    })
  const viewer = c.get('viewer')!
  const meeting = access.meeting
  await commit(c, async (trx, change) => {
    const userId =
      existing?.id ??
      (await createUser(trx, {
        email: address,
        name: form.data.name,
        agencyId: agency!.id,
        status: 'invited',
      }))
    if (!existing)
      await issuePasswordLink(
        trx,
        change,
        { id: userId, email: address },
        'invitation',
        config.publicOrigin,
        { action: 'user.invite', details: { agencyId: agency!.id, guestOf: meeting.id } },
      )
    const grantId = await grantGuest(trx, meeting.id, userId, viewer.userId)
    const agencyName = existing ? (await findAgency(trx, existing.agency_id))!.name : agency!.name
    // Listed in the minutes by agency, as guests always are.
    const listed = await listGuests(trx, meeting.id)
    if (!listed.some((guest) => guest.organisation === agencyName))
      await addGuest(trx, meeting.id, agencyName)
    const locale = existing?.locale ?? 'sv'
    await queueMail(trx, change, {
      to: address,
      userId,
      locale,
      template: 'guest_invited',
      params: {
        team: access.team.name,
        when: formatMeetingTime(meeting.starts_at, meeting.ends_at, locale),
        place: meeting.location || '–',
        link: `${config.publicOrigin}/moten/${meeting.id}`,
      },
    })
    change.audit({
      action: 'meeting.guest_invite',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { teamId: access.team.id, userId, grantId, newAccount: !existing },
    })
    change.publish(meeting.id, { kind: 'attendance' })
  })
  return c.redirect(`/moten/${meeting.id}/gastinbjudan?klart=1`, 303)
})

guestRoutes.post('/gastinbjudan/:grantId/ta-bort', async (c) => {
  const access = await requireInviter(c)
  const grantId = idParam(c, 'grantId')
  await commit(c, async (trx, change) => {
    if (!(await revokeGuest(trx, access.meeting.id, grantId))) throw notFound()
    change.audit({
      action: 'meeting.guest_revoke',
      objectType: 'meeting',
      objectId: access.meeting.id,
      details: { teamId: access.team.id, grantId },
    })
  })
  return c.redirect(`/moten/${access.meeting.id}/gastinbjudan?klart=1`, 303)
})
