import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { AgencyContactPage, AgencyPersonPage } from '../../views/agencies/agency-contact.page'
import {
  mayContactEdit,
  mayContactKeepSeat,
  mayKeepAgencyPeople,
  seatsContactsKeep,
} from '../access/installation-policy'
import { staffName } from '../admin/admin-forms'
import { flashLink, takeFlashedLink } from '../auth/link-flash'
import { issuePasswordLink } from '../auth/password-links'
import { commit } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import {
  choice,
  email,
  optionalDay,
  readForm,
  requiredText,
  uuid,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { mailRepresentativesChanged } from '../mail/representatives'
import { addMembership, findMembership, isUserInTeam } from '../teams/team.repository'
import { createUser, findUser, findUserByEmail, normaliseEmail } from '../users/user.repository'
import {
  listAgencyPeople,
  listAgencySeats,
  markNamedByContact,
  endSeatOn,
  updatePersonDetails,
} from './agency-people'
import { findAgency } from './agency.repository'

/**
 * The agency's contact (ECINS's SPOC): invites their own agency's people, keeps
 * their details, and names or replaces the agency's representatives in the
 * teams it has seats in. The coordinator is told. The admin still makes
 * agencies and grants this role; the contact sees no content.
 */
export const agencyContactRoutes = new Hono<AppEnv>()

agencyContactRoutes.use('*', async (c, next) => {
  const viewer = c.get('viewer')!
  if (!mayKeepAgencyPeople(viewer, viewer.agencyId)) throw new AppError(403, 'error.forbidden')
  return next()
})

const agencyOf = (c: Context<AppEnv>) => c.get('viewer')!.agencyId

const personSchema = z.object({ name: requiredText(120, staffName), email: email() })
const seatSchema = z.object({
  userId: uuid(),
  role: choice(seatsContactsKeep),
  endsOn: optionalDay(),
})

type Failed = { form: 'invite' | 'seat'; teamId?: string; values: FormValues; errors: FieldErrors }

async function contactPage(c: Context<AppEnv>, failed?: Failed) {
  const { db } = c.get('deps')
  const agency = await findAgency(db, agencyOf(c))
  if (!agency) throw notFound()
  const [people, seats] = await Promise.all([
    listAgencyPeople(db, agency.id),
    listAgencySeats(db, agency.id),
  ])
  return render(
    c,
    <AgencyContactPage
      agency={agency}
      people={people}
      seats={seats}
      today={todayInStockholm()}
      failed={failed ?? null}
      done={c.req.query('klart') === '1'}
    />,
    failed ? 422 : 200,
  )
}

agencyContactRoutes.get('/', (c) => contactPage(c))

agencyContactRoutes.post('/personer', async (c) => {
  const { db, config } = c.get('deps')
  const form = validateForm(personSchema, await readForm(c))
  const failed = (errors: FieldErrors) =>
    contactPage(c, { form: 'invite', values: form.values, errors })
  if (!form.ok) return failed(form.errors)
  if (await findUserByEmail(db, form.data.email)) return failed({ email: 'error.emailTaken' })
  const agencyId = agencyOf(c)
  const { userId, link } = await commit(c, async (trx, change) => {
    const userId = await createUser(trx, { ...form.data, agencyId, status: 'invited' })
    const link = await issuePasswordLink(
      trx,
      change,
      { id: userId, email: normaliseEmail(form.data.email) },
      'invitation',
      config.publicOrigin,
      { action: 'user.invite', details: { agencyId, byAgencyContact: true } },
    )
    return { userId, link }
  })
  flashLink(c, { userId, ...link })
  return c.redirect(`/aktor/personer/${userId}`, 303)
})

async function requirePerson(c: Context<AppEnv>) {
  const person = await findUser(c.get('deps').db, idParam(c, 'userId'))
  if (!person || person.agency_id !== agencyOf(c)) throw notFound()
  return person
}

agencyContactRoutes.get('/personer/:userId', async (c) => {
  const person = await requirePerson(c)
  return render(
    c,
    <AgencyPersonPage
      person={person}
      editable={mayContactEdit(c.get('viewer'), person)}
      link={takeFlashedLink(c, person.id)}
      form={{ values: { name: person.name, email: person.email }, errors: {} }}
      saved={c.req.query('klart') === '1'}
    />,
  )
})

agencyContactRoutes.post('/personer/:userId', async (c) => {
  const { db } = c.get('deps')
  const person = await requirePerson(c)
  if (!mayContactEdit(c.get('viewer'), person)) throw new AppError(403, 'error.forbidden')
  const form = validateForm(personSchema, await readForm(c))
  const again = (errors: FieldErrors) =>
    render(
      c,
      <AgencyPersonPage
        person={person}
        editable
        link={null}
        form={{ values: form.values, errors }}
        saved={false}
      />,
      422,
    )
  if (!form.ok) return again(form.errors)
  const address = normaliseEmail(form.data.email)
  const holder = await findUserByEmail(db, address)
  if (holder && holder.id !== person.id) return again({ email: 'error.emailTaken' })
  await commit(c, async (trx, change) => {
    await updatePersonDetails(trx, person.id, { name: form.data.name, email: address })
    change.audit({
      action: 'user.update',
      objectType: 'user',
      objectId: person.id,
      details: { byAgencyContact: true, emailChanged: address !== person.email },
    })
  })
  return c.redirect(`/aktor/personer/${person.id}?klart=1`, 303)
})

/** A team the agency has (or had) a seat in: only there does its contact name representatives. */
async function requireAgencyTeam(
  c: Context<AppEnv>,
): Promise<{ teamId: string; teamName: string }> {
  const teamId = idParam(c, 'teamId')
  const seat = (await listAgencySeats(c.get('deps').db, agencyOf(c))).find(
    (s) => s.team_id === teamId,
  )
  if (!seat) throw notFound()
  return { teamId, teamName: seat.team_name }
}

agencyContactRoutes.post('/team/:teamId/platser', async (c) => {
  const { db, config } = c.get('deps')
  const team = await requireAgencyTeam(c)
  const form = validateForm(seatSchema, await readForm(c))
  const failed = (errors: FieldErrors) =>
    contactPage(c, { form: 'seat', teamId: team.teamId, values: form.values, errors })
  if (!form.ok) return failed(form.errors)
  const person = await findUser(db, form.data.userId)
  if (!person || person.agency_id !== agencyOf(c) || person.status === 'disabled')
    return failed({ userId: 'error.choice' })
  if (await isUserInTeam(db, team.teamId, person.id))
    return failed({ userId: 'admin.team.alreadyMember' })
  if (form.data.endsOn !== null && form.data.endsOn < todayInStockholm())
    return failed({ endsOn: 'error.dateInPast' })
  const viewer = c.get('viewer')!
  await commit(c, async (trx, change) => {
    const id = await addMembership(trx, team.teamId, person.id, {
      role: form.data.role,
      endsOn: form.data.endsOn,
    })
    await markNamedByContact(trx, id)
    change.audit({
      action: 'membership.add',
      objectType: 'team_membership',
      objectId: id,
      details: {
        teamId: team.teamId,
        userId: person.id,
        role: form.data.role,
        endsOn: form.data.endsOn,
        byAgencyContact: true,
      },
    })
    await mailRepresentativesChanged(trx, change, {
      teamId: team.teamId,
      teamName: team.teamName,
      agencyName: viewer.agencyName,
      publicOrigin: config.publicOrigin,
    })
  })
  return c.redirect('/aktor?klart=1', 303)
})

/** Ends a representative's seat today: they keep access through the day, then lose it. */
agencyContactRoutes.post('/team/:teamId/platser/:membershipId/avsluta', async (c) => {
  const { db, config } = c.get('deps')
  const team = await requireAgencyTeam(c)
  const membership = await findMembership(db, team.teamId, idParam(c, 'membershipId'))
  const person = membership ? await findUser(db, membership.user_id) : null
  if (!membership || !person || person.agency_id !== agencyOf(c)) throw notFound()
  if (!mayContactKeepSeat(membership.role)) throw new AppError(403, 'error.forbidden')
  const today = todayInStockholm()
  if (membership.ends_on !== null && membership.ends_on < today)
    return c.redirect('/aktor?klart=1', 303)
  const viewer = c.get('viewer')!
  await commit(c, async (trx, change) => {
    await endSeatOn(trx, membership.id, today)
    change.audit({
      action: 'membership.update',
      objectType: 'team_membership',
      objectId: membership.id,
      details: { teamId: team.teamId, endsOn: today, byAgencyContact: true },
    })
    await mailRepresentativesChanged(trx, change, {
      teamId: team.teamId,
      teamName: team.teamName,
      agencyName: viewer.agencyName,
      publicOrigin: config.publicOrigin,
    })
  })
  return c.redirect('/aktor?klart=1', 303)
})
