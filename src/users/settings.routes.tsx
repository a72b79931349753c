import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SettingsPage } from '../../views/users/settings.page'
import { RecoveryCodesPage } from '../../views/sign-in/second-factor.pages'
import { commit, commitAs } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { checkbox, choice, readForm, validateForm, type FieldErrors } from '../http/forms'
import { render } from '../http/render'
import {
  beginAttempt,
  clearAttemptCookie,
  currentAttempt,
  findAttempt,
  setAttemptCookie,
} from '../sign-in/attempts'
import { secondFactorRequired } from '../sign-in/finish-sign-in'
import { checkSecondFactor } from '../sign-in/second-factor'
import {
  codeSchema,
  confirmEnrolment,
  enrolPage,
  pendingSecret,
} from '../sign-in/second-factor.routes'
import { disableTotp, replaceRecoveryCodes, unusedRecoveryCodes } from '../sign-in/totp'
import { findUser, setMailChoices } from './user.repository'
import type { UserRow } from './user.table'
import type { MessageKey } from '../i18n/t'
import { sha256Hex } from '../auth/tokens'

/** A person's own settings: whether Läget mails them (never about content), and their second factor. */
export const settingsRoutes = new Hono<AppEnv>()

const settingsSchema = z.object({ mailNotifications: checkbox(), mailDigest: checkbox() })

async function signedInUser(c: Context<AppEnv>): Promise<UserRow> {
  const user = await findUser(c.get('deps').db, c.get('viewer')!.userId)
  if (!user) throw new AppError(401, 'error.signedOut')
  return user
}

async function settingsPage(
  c: Context<AppEnv>,
  user: UserRow,
  options: { saved?: MessageKey | null; errors?: FieldErrors; status?: 200 | 401 | 422 } = {},
) {
  const { db } = c.get('deps')
  return render(
    c,
    <SettingsPage
      mailNotifications={user.mail_notifications === 1}
      mailDigest={user.mail_digest === 1}
      saved={options.saved ?? null}
      secondFactor={{
        enabledAt: user.totp_enabled_at,
        unusedCodes: user.totp_enabled_at ? await unusedRecoveryCodes(db, user.id) : 0,
        required: await secondFactorRequired(db, user),
        values: {},
        errors: options.errors ?? {},
      }}
    />,
    options.status ?? 200,
  )
}

settingsRoutes.get('/installningar', async (c) => {
  const saved = c.req.query('klart')
  return settingsPage(c, await signedInUser(c), {
    saved:
      saved === '1' ? 'settings.saved' : saved === 'tvastegs-av' ? 'totp.settings.turnedOff' : null,
  })
})

settingsRoutes.post('/installningar', async (c) => {
  const form = validateForm(settingsSchema, await readForm(c))
  // A checkbox has no wrong value: anything but "on" is off.
  const choices = {
    notifications: form.ok ? form.data.mailNotifications : false,
    digest: form.ok ? form.data.mailDigest : false,
  }
  await commit(c, async (trx, change) => {
    await setMailChoices(trx, c.get('viewer')!.userId, choices)
    change.audit({
      action: 'user.settings',
      objectType: 'user',
      objectId: c.get('viewer')!.userId,
      details: { mailNotifications: choices.notifications, mailDigest: choices.digest },
    })
  })
  return c.redirect('/installningar?klart=1', 303)
})

// --- the second factor, turned on by the person themself

async function ownEnrolment(c: Context<AppEnv>, user: UserRow) {
  const attempt = await currentAttempt(c, ['second_factor_enrolment'])
  if (attempt?.user_id === user.id) return attempt
  const token = await commit(c, async (trx, change) => {
    change.nothingChanged()
    return beginAttempt(trx, {
      kind: 'second_factor_enrolment',
      userId: user.id,
      nextPath: '/installningar',
    })
  })
  setAttemptCookie(c, token)
  return findAttempt(c.get('deps').db, sha256Hex(token), ['second_factor_enrolment'])
}

settingsRoutes.get('/installningar/tvastegs', async (c) => {
  const user = await signedInUser(c)
  if (user.totp_enabled_at) return c.redirect('/installningar', 303)
  const attempt = await ownEnrolment(c, user)
  if (!attempt) throw new AppError(410, 'totp.code.expired')
  return enrolPage(c, user, await pendingSecret(c, attempt, user), '/installningar/tvastegs')
})

settingsRoutes.post('/installningar/tvastegs', async (c) => {
  const user = await signedInUser(c)
  const attempt = await currentAttempt(c, ['second_factor_enrolment'])
  if (!attempt || attempt.user_id !== user.id || !attempt.pending_secret)
    return c.redirect('/installningar/tvastegs', 303)
  const form = validateForm(codeSchema, await readForm(c))
  const action = '/installningar/tvastegs'
  if (!form.ok) return enrolPage(c, user, attempt.pending_secret, action, form.errors, 422)
  const codes = await confirmEnrolment(c, user, attempt, form.data.code)
  if (!codes)
    return enrolPage(c, user, attempt.pending_secret, action, { code: 'totp.enrol.wrong' }, 401)
  clearAttemptCookie(c)
  return render(c, <RecoveryCodesPage codes={codes} continueTo="/installningar" />)
})

const changeSchema = codeSchema.extend({ what: choice(['new-codes', 'turn-off'] as const) })

settingsRoutes.post('/installningar/tvastegs/andra', async (c) => {
  const user = await signedInUser(c)
  if (!user.totp_enabled_at) return c.redirect('/installningar', 303)
  const form = validateForm(changeSchema, await readForm(c))
  if (!form.ok) return settingsPage(c, user, { errors: form.errors, status: 422 })
  const { what } = form.data
  if (what === 'turn-off' && (await secondFactorRequired(c.get('deps').db, user)))
    throw new AppError(403, 'error.forbidden')
  const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
  const codes = await commitAs(c.get('deps'), actor, async (trx, change) => {
    if (!(await checkSecondFactor(trx, user, form.data.code))) {
      change.audit({
        action: 'user.totp_change',
        outcome: 'failure',
        objectType: 'user',
        objectId: user.id,
        details: { reason: 'wrong_code' },
      })
      return false
    }
    if (what === 'turn-off') {
      await disableTotp(trx, user.id)
      change.audit({ action: 'user.totp_disable', objectType: 'user', objectId: user.id })
      return null
    }
    const fresh = await replaceRecoveryCodes(trx, user.id)
    change.audit({ action: 'user.recovery_codes_new', objectType: 'user', objectId: user.id })
    return fresh
  })
  if (codes === false)
    return settingsPage(c, user, { errors: { code: 'totp.code.wrong' }, status: 401 })
  if (codes === null) return c.redirect('/installningar?klart=tvastegs-av', 303)
  return render(c, <RecoveryCodesPage codes={codes} continueTo="/installningar" />)
})
