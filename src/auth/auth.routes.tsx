import { Hono, type Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import {
  FirstAdminPage,
  LoginPage,
  SetPasswordPage,
} from '../../views/auth/login-and-password.pages'
import { agencyKinds } from '../agencies/agency.table'
import { createAgency } from '../agencies/agency.repository'
import { isNameTaken } from '../db/unique-name'
import { actorOf } from '../audit/actor'
import { commit, commitAs, recordEvent } from '../changes/commit'
import { agencyName, confirmPrivateAuthority, staffName } from '../admin/admin-forms'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import {
  checkbox,
  choice,
  email,
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { render } from '../http/render'
import { safeLocalPath } from '../http/local-path'
import { clientAddress } from '../http/security'
import { deviceCookie } from './rate-limit'
import { isLocale } from '../i18n/t'
import type { UserRow } from '../users/user.table'
import {
  activateUser,
  createUser,
  findUser,
  findUserByEmail,
  hasAdmin,
  normaliseEmail,
  setUserLocale,
} from '../users/user.repository'
import { consumeToken, findUsableToken } from './one-time-token.repository'
import { hashPassword, verifyPassword } from './password'
import { randomToken } from './tokens'
import { newPasswordFields, passwordsMatch } from './password-schema'
import { passwordLinkPaths, statusForLink, type PasswordLinkKind } from './password-links'
import { deleteSession, deleteSessionsOfUser } from './session'
import { clearSessionCookie, setLocaleCookie } from './session.middleware'
import { endCurrentSession, finishSignIn } from '../sign-in/finish-sign-in'
import {
  agencyRequiresSso,
  listEnabledProviders,
  providerOfSession,
} from '../sign-in/providers.repository'
import { providerSignOutUrl } from '../sign-in/provider-sign-out'
import { ProviderOnlyPage, SignedOutPage } from '../../views/sign-in/sign-in-problem.page'

export const authRoutes = new Hono<AppEnv>()

async function rememberThisDevice(c: Context<AppEnv>, account: string, current: string | null) {
  const { loginThrottle } = c.get('deps')
  const token =
    current && (await loginThrottle.isKnownDevice(account, current)) ? current : randomToken(24)
  await loginThrottle.rememberDevice(account, token)
  setCookie(c, deviceCookie, token, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 90 * 24 * 3600,
  })
}

const loginSchema = z.object({
  email: requiredText(254, { notCheckedBecause: 'the person’s own sign-in address, not stored' }),
  password: z
    .string({ error: 'error.required' })
    .min(1, 'error.required')
    .max(256, 'error.tooLong'),
})

authRoutes.get('/logga-in', async (c) => {
  const next = safeLocalPath(c.req.query('nasta'))
  if (c.get('viewer')) return c.redirect(next, 303)
  const providers = await listEnabledProviders(c.get('deps').db)
  return render(c, <LoginPage values={{}} errors={{}} next={next} providers={providers} />)
})

authRoutes.post('/logga-in', async (c) => {
  const { db, loginThrottle, config } = c.get('deps')
  const next = safeLocalPath(c.req.query('nasta'))
  const form = validateForm(loginSchema, await readForm(c))
  const providers = await listEnabledProviders(db)
  const loginPage = (
    values: FormValues,
    errors: Parameters<typeof LoginPage>[0]['errors'],
    status: 401 | 403 | 422 | 429,
  ) =>
    render(
      c,
      <LoginPage
        values={{ email: values.email ?? '' }}
        errors={errors}
        next={next}
        providers={providers}
      />,
      status,
    )
  if (!form.ok) return loginPage(form.values, form.errors, 422)

  const account = normaliseEmail(form.data.email)
  const address = clientAddress(c, config.trustProxy)
  const actor = { userId: null, agencyId: null, requestId: c.get('requestId') }
  const device = getCookie(c, deviceCookie, 'host') ?? null
  const decision = await loginThrottle.decide(account, address, device)
  if (decision.outcome === 'refuse') {
    await recordEvent(
      c,
      { action: 'login', outcome: 'denied', details: { reason: 'throttled' } },
      actor,
    )
    c.header('Retry-After', String(decision.retryAfterSeconds))
    return loginPage(form.values, { _form: 'auth.throttled' }, 429)
  }
  // Many recent failures on this account or from this address: the attempt waits its turn.
  if (decision.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.waitMs))

  const user = await findUserByEmail(db, account)
  const passwordOk = await verifyPassword(user?.password_hash ?? null, form.data.password)
  if (!user || !passwordOk || user.status !== 'active') {
    await loginThrottle.recordFailure(account, address, device)
    await recordEvent(
      c,
      {
        action: 'login',
        outcome: 'failure',
        details: {
          reason: user
            ? passwordOk
              ? `status_${user.status}`
              : 'wrong_password'
            : 'unknown_account',
          heldMs: decision.waitMs,
        },
      },
      { ...actor, userId: user?.id ?? null, agencyId: user?.agency_id ?? null },
    )
    return loginPage(form.values, { _form: 'auth.invalidCredentials' }, 401)
  }

  await loginThrottle.recordSuccess(account, address, device)
  await rememberThisDevice(c, account, device)
  if (await agencyRequiresSso(db, user.agency_id)) {
    await recordEvent(
      c,
      { action: 'login', outcome: 'denied', details: { reason: 'sso_required' } },
      { ...actor, userId: user.id, agencyId: user.agency_id },
    )
    return loginPage(form.values, { _form: 'auth.ssoRequired' }, 403)
  }
  return finishSignIn(c, user, { kind: 'password' }, next)
})

authRoutes.post('/logga-ut', async (c) => {
  const viewer = c.get('viewer')
  const session = c.get('session')
  const provider = session ? await providerOfSession(c.get('deps').db, session.id) : null
  if (viewer && session) {
    await commit(c, async (trx, change) => {
      await deleteSession(trx, session.id)
      change.audit({ action: 'logout', objectType: 'session', objectId: session.id })
    })
  }
  clearSessionCookie(c)
  // Signed in through a provider: Läget's session has ended; the provider's own sign-out is offered.
  const providerSignOut = provider ? await providerSignOutUrl(c, provider) : null
  if (provider && providerSignOut)
    return render(
      c,
      <SignedOutPage providerName={provider.name} providerSignOut={providerSignOut} />,
    )
  return c.redirect('/logga-in', 303)
})

authRoutes.post('/sprak', async (c) => {
  const values = await readForm(c)
  if (!isLocale(values.locale)) throw new AppError(422, 'error.choice')
  const viewer = c.get('viewer')
  const locale = values.locale
  if (viewer)
    await commit(c, async (trx, change) => {
      await setUserLocale(trx, viewer.userId, locale)
      change.audit({ action: 'user.locale', objectType: 'user', objectId: viewer.userId })
    })
  setLocaleCookie(c, locale)
  return c.redirect(safeLocalPath(values.tillbaka), 303)
})

// --- the first administrator, by the one-time link printed at first start

const firstAdminSchema = confirmPrivateAuthority(
  passwordsMatch(
    z.object({
      name: requiredText(120, staffName),
      email: email(),
      ...newPasswordFields,
      agencyName: requiredText(120, agencyName),
      agencyKind: choice(agencyKinds),
      agencyPublic: checkbox(),
      agencyConfirmPublic: checkbox(),
    }),
  ),
  { kind: 'agencyKind', isPublic: 'agencyPublic', confirm: 'agencyConfirmPublic' },
)

async function requireFirstAdminToken(c: Context<AppEnv>) {
  const token = await findUsableToken(c.get('deps').db, 'first_admin', c.req.param('token') ?? '')
  if (!token || (await hasAdmin(c.get('deps').db))) throw new AppError(404, 'error.linkInvalid')
  return token
}

authRoutes.get('/forsta-admin/:token', async (c) => {
  await requireFirstAdminToken(c)
  return render(
    c,
    <FirstAdminPage
      values={{ agencyKind: 'municipal_safety', agencyPublic: 'on' }}
      errors={{}}
      action={c.req.path}
    />,
  )
})

authRoutes.post('/forsta-admin/:token', async (c) => {
  const { db } = c.get('deps')
  const token = await requireFirstAdminToken(c)
  const form = validateForm(firstAdminSchema, await readForm(c))
  const again = (errors: Parameters<typeof FirstAdminPage>[0]['errors']) =>
    render(c, <FirstAdminPage values={form.values} errors={errors} action={c.req.path} />, 422)
  if (!form.ok) return again(form.errors)
  const data = form.data
  if (await isNameTaken(db, 'agencies', data.agencyName))
    return again({ agencyName: 'error.nameTaken' })

  const passwordHash = await hashPassword(data.password)
  const adminId = await commitAs(c.get('deps'), actorOf(c), async (trx, change) => {
    if (!(await consumeToken(trx, token.id))) throw new AppError(404, 'error.linkInvalid')
    const agencyId = await createAgency(trx, {
      name: data.agencyName,
      kind: data.agencyKind,
      isPublicAuthority: data.agencyPublic,
    })
    const userId = await createUser(trx, {
      email: data.email,
      name: data.name,
      agencyId,
      status: 'active',
      passwordHash,
      isAdmin: true,
    })
    const actor = { userId, agencyId, requestId: c.get('requestId') }
    change.audit({ action: 'agency.create', objectType: 'agency', objectId: agencyId }, actor)
    change.audit(
      { action: 'admin.first_admin_create', objectType: 'user', objectId: userId },
      actor,
    )
    return userId
  })
  const admin = await findUser(db, adminId)
  // The administrator enrols a second factor before the first page of /admin.
  return finishSignIn(c, admin!, { kind: 'password' }, '/admin')
})

// --- invitations and password resets: a one-time link to choose a password

const setPasswordSchema = passwordsMatch(z.object(newPasswordFields))

async function requirePasswordLink(c: Context<AppEnv>, kind: PasswordLinkKind) {
  const { db } = c.get('deps')
  const token = await findUsableToken(db, kind, c.req.param('token') ?? '')
  const user = token?.user_id ? await findUser(db, token.user_id) : null
  if (!token || !user || user.status !== statusForLink[kind])
    throw new AppError(404, 'error.linkInvalid')
  return { token, user }
}

for (const kind of ['invitation', 'password_reset'] as const) {
  const path = `${passwordLinkPaths[kind]}/:token`
  const page = (
    c: Context<AppEnv>,
    user: UserRow,
    values: FormValues,
    errors: FieldErrors,
    status: 200 | 422 = 200,
  ) =>
    render(
      c,
      <SetPasswordPage
        kind={kind}
        values={values}
        errors={errors}
        action={c.req.path}
        name={user.name}
        email={user.email}
      />,
      status,
    )

  authRoutes.get(path, async (c) => {
    const { user } = await requirePasswordLink(c, kind)
    // An agency that signs in through a provider: no password to choose; the provider's sign-in activates the account.
    if (await agencyRequiresSso(c.get('deps').db, user.agency_id))
      return render(c, <ProviderOnlyPage />)
    return page(c, user, {}, {})
  })

  authRoutes.post(path, async (c) => {
    const { token, user } = await requirePasswordLink(c, kind)
    if (await agencyRequiresSso(c.get('deps').db, user.agency_id))
      return render(c, <ProviderOnlyPage />, 403)
    const form = validateForm(setPasswordSchema, await readForm(c))
    if (!form.ok) return page(c, user, form.values, form.errors, 422)
    const passwordHash = await hashPassword(form.data.password)
    await endCurrentSession(c)
    const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
    await commitAs(c.get('deps'), actor, async (trx, change) => {
      if (!(await consumeToken(trx, token.id))) throw new AppError(404, 'error.linkInvalid')
      await activateUser(trx, user.id, passwordHash)
      await deleteSessionsOfUser(trx, user.id)
      const action = kind === 'invitation' ? 'user.activate' : 'user.password_reset'
      change.audit({ action, objectType: 'user', objectId: user.id })
    })
    const activated = await findUser(c.get('deps').db, user.id)
    return finishSignIn(c, activated!, { kind: 'password' }, '/')
  })
}
