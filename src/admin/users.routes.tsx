import { disableTotp } from '../sign-in/totp'
import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { z } from 'zod'
import {
  InviteUserPage,
  UserEditPage,
  UsersPage,
  type UserFormState,
} from '../../views/admin/users.page'
import { findAgency, listAgencies } from '../agencies/agency.repository'
import { flashLink, takeFlashedLink } from '../auth/link-flash'
import {
  issuePasswordLink,
  statusForLink,
  type PasswordLink,
  type PasswordLinkKind,
} from '../auth/password-links'
import type { MessageKey } from '../i18n/t'
import { deleteSessionsOfUser } from '../auth/session'
import { fromFlag } from '../db/ids'
import type { AppEnv } from '../http/app-env'
import { idParam } from '../http/params'
import { AppError, notFound } from '../http/errors'
import { readForm, validateForm, type FieldErrors } from '../http/forms'
import { render } from '../http/render'
import type { UserRow } from '../users/user.table'
import {
  countActiveAdmins,
  createUser,
  findUser,
  findUserByEmail,
  searchUsers,
  setUserStatus,
  updateUser,
  userPageSize,
} from '../users/user.repository'
import { doneMessage } from './done-message'
import { inviteUserSchema, updateUserSchema } from './admin-forms'

export const userAdminRoutes = new Hono<AppEnv>()

const searchSchema = z.object({
  sok: z.string().trim().max(100).catch(''),
  sida: z.coerce.number().int().min(1).max(10_000).catch(1),
})

async function usersPage(c: Context<AppEnv>) {
  const search = searchSchema.parse({
    sok: c.req.query('sok') ?? '',
    sida: c.req.query('sida') ?? '1',
  })
  const result = await searchUsers(c.get('deps').db, { text: search.sok, page: search.sida })
  const pages = Math.max(1, Math.ceil(result.total / userPageSize))
  return render(
    c,
    <UsersPage
      users={result.rows}
      total={result.total}
      search={search.sok}
      page={Math.min(search.sida, pages)}
      pages={pages}
      done={doneMessage(c)}
    />,
  )
}

async function invitePage(c: Context<AppEnv>, form: UserFormState, status: 200 | 422 = 200) {
  const agencies = await listAgencies(c.get('deps').db)
  return render(c, <InviteUserPage agencies={agencies} form={form} />, status)
}

async function userPage(
  c: Context<AppEnv>,
  user: UserRow,
  form: UserFormState,
  status: 200 | 422 = 200,
) {
  const agencies = await listAgencies(c.get('deps').db)
  const link = takeFlashedLink(c, user.id)
  return render(
    c,
    <UserEditPage user={user} agencies={agencies} form={form} link={link} done={doneMessage(c)} />,
    status,
  )
}

/** Shows the new link once on the person's page, after a redirect, so a reload never makes another. */
function redirectWithLink(c: Context<AppEnv>, userId: string, link: PasswordLink) {
  flashLink(c, { userId, ...link })
  return c.redirect(`/admin/anvandare/${userId}`, 303)
}

const valuesOf = (user: UserRow) => ({
  name: user.name,
  agencyId: user.agency_id,
  isAdmin: fromFlag(user.is_admin) ? 'on' : '',
  isAuditor: fromFlag(user.is_auditor) ? 'on' : '',
  isLogReviewer: fromFlag(user.is_log_reviewer) ? 'on' : '',
  isAgencyContact: fromFlag(user.is_agency_contact) ? 'on' : '',
  isMunicipalCoordinator: fromFlag(user.is_municipal_coordinator) ? 'on' : '',
  isSteeringGroup: fromFlag(user.is_steering_group) ? 'on' : '',
})

async function requireUser(c: Context<AppEnv>): Promise<UserRow> {
  const user = await findUser(c.get('deps').db, idParam(c, 'userId'))
  if (!user) throw notFound()
  return user
}

userAdminRoutes.get('/', usersPage)

userAdminRoutes.get('/ny', (c) => invitePage(c, { values: {}, errors: {} }))

userAdminRoutes.post('/', async (c) => {
  const { db } = c.get('deps')
  const form = validateForm(inviteUserSchema, await readForm(c))
  const again = (errors: FieldErrors) => invitePage(c, { values: form.values, errors }, 422)
  if (!form.ok) return again(form.errors)
  if (!(await findAgency(db, form.data.agencyId))) return again({ agencyId: 'error.choice' })
  if (await findUserByEmail(db, form.data.email)) return again({ email: 'error.emailTaken' })
  const { userId, link } = await commit(c, async (trx, change) => {
    const userId = await createUser(trx, { ...form.data, status: 'invited' })
    const link = await issuePasswordLink(
      trx,
      change,
      { id: userId, email: form.data.email },
      'invitation',
      c.get('deps').config.publicOrigin,
      {
        action: 'user.invite',
        details: {
          agencyId: form.data.agencyId,
          isAdmin: form.data.isAdmin,
          isAuditor: form.data.isAuditor,
          isLogReviewer: form.data.isLogReviewer,
          isAgencyContact: form.data.isAgencyContact,
          isMunicipalCoordinator: form.data.isMunicipalCoordinator,
          isSteeringGroup: form.data.isSteeringGroup,
        },
      },
    )
    return { userId, link }
  })
  return redirectWithLink(c, userId, link)
})

userAdminRoutes.get('/:userId', async (c) => {
  const user = await requireUser(c)
  return userPage(c, user, { values: valuesOf(user), errors: {} })
})

userAdminRoutes.post('/:userId', async (c) => {
  const { db } = c.get('deps')
  const user = await requireUser(c)
  const form = validateForm(updateUserSchema, await readForm(c))
  const again = (errors: FieldErrors) => userPage(c, user, { values: form.values, errors }, 422)
  if (!form.ok) return again(form.errors)
  if (!(await findAgency(db, form.data.agencyId))) return again({ agencyId: 'error.choice' })
  if (fromFlag(user.is_admin) && !form.data.isAdmin && user.id === c.get('viewer')!.userId) {
    return again({ isAdmin: 'admin.user.cannotDemoteSelf' })
  }
  await commit(c, async (trx, change) => {
    await updateUser(trx, user.id, form.data)
    // A person moved to another agency, or out of administration, starts afresh.
    if (user.agency_id !== form.data.agencyId || (fromFlag(user.is_admin) && !form.data.isAdmin)) {
      await deleteSessionsOfUser(trx, user.id)
    }
    change.audit({
      action: 'user.update',
      objectType: 'user',
      objectId: user.id,
      details: {
        agencyId: form.data.agencyId,
        isAdmin: form.data.isAdmin,
        isAuditor: form.data.isAuditor,
        isLogReviewer: form.data.isLogReviewer,
        isAgencyContact: form.data.isAgencyContact,
        isMunicipalCoordinator: form.data.isMunicipalCoordinator,
        isSteeringGroup: form.data.isSteeringGroup,
      },
    })
  })
  return c.redirect(`/admin/anvandare/${user.id}?klart=saved`, 303)
})

userAdminRoutes.post('/:userId/inaktivera', async (c) => {
  const { db } = c.get('deps')
  const user = await requireUser(c)
  if (user.id === c.get('viewer')!.userId) throw new AppError(409, 'admin.user.cannotDisableSelf')
  if (fromFlag(user.is_admin) && user.status === 'active' && (await countActiveAdmins(db)) <= 1) {
    throw new AppError(409, 'admin.user.lastAdmin')
  }
  await commit(c, async (trx, change) => {
    await setUserStatus(trx, user.id, 'disabled')
    await deleteSessionsOfUser(trx, user.id)
    change.audit({
      action: 'user.disable',
      objectType: 'user',
      objectId: user.id,
    })
  })
  return c.redirect(`/admin/anvandare/${user.id}?klart=saved`, 303)
})

userAdminRoutes.post('/:userId/aktivera', async (c) => {
  const user = await requireUser(c)
  if (user.status !== 'disabled') throw new AppError(409, 'admin.user.notDisabled')
  await commit(c, async (trx, change) => {
    await setUserStatus(trx, user.id, user.password_hash ? 'active' : 'invited')
    change.audit({
      action: 'user.enable',
      objectType: 'user',
      objectId: user.id,
    })
  })
  return c.redirect(`/admin/anvandare/${user.id}?klart=saved`, 303)
})

/** A lost phone: the person's second factor is reset, and they enrol a new one at their next sign-in. */
userAdminRoutes.post('/:userId/aterstall-tvastegs', async (c) => {
  const user = await requireUser(c)
  if (!user.totp_enabled_at) throw new AppError(409, 'admin.user.noSecondFactor')
  await commit(c, async (trx, change) => {
    await disableTotp(trx, user.id)
    await deleteSessionsOfUser(trx, user.id)
    change.audit({ action: 'user.totp_reset', objectType: 'user', objectId: user.id })
  })
  return c.redirect(`/admin/anvandare/${user.id}?klart=saved`, 303)
})

/** A new one-time link for a person whose account is in the state the link is for (invited, or active for a reset). */
const passwordLinkRoute =
  (kind: PasswordLinkKind, refusal: MessageKey, action: string) => async (c: Context<AppEnv>) => {
    const user = await requireUser(c)
    if (user.status !== statusForLink[kind]) throw new AppError(409, refusal)
    const link = await commit(c, (trx, change) =>
      issuePasswordLink(trx, change, user, kind, c.get('deps').config.publicOrigin, { action }),
    )
    return redirectWithLink(c, user.id, link)
  }

userAdminRoutes.post(
  '/:userId/ny-inbjudan',
  passwordLinkRoute('invitation', 'admin.user.notInvited', 'user.reinvite'),
)
userAdminRoutes.post(
  '/:userId/aterstall-losenord',
  passwordLinkRoute('password_reset', 'admin.user.notActive', 'user.password_reset_link'),
)
