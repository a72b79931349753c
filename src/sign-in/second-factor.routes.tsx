import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import {
  EnrolSecondFactorPage,
  RecoveryCodesPage,
  SecondFactorCodePage,
} from '../../views/sign-in/second-factor.pages'
import { commitAs, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { readForm, requiredText, validateForm, type FieldErrors } from '../http/forms'
import { render } from '../http/render'
import { clientAddress } from '../http/security'
import { deviceCookie } from '../auth/rate-limit'
import { findUser } from '../users/user.repository'
import type { UserRow } from '../users/user.table'
import { clearAttemptCookie, currentAttempt, endAttempt, setPendingSecret } from './attempts'
import { startSession, secondFactorRequired } from './finish-sign-in'
import { checkSecondFactor } from './second-factor'
import type { SignInAttemptRow } from './sign-in.table'
import { acceptableStep, enableTotp, enrolmentQrSvg, groupedSecret, newTotpSecret } from './totp'

/**
 * The second step of a password sign-in: the code from the app (or a recovery
 * code), or — for an account that must have a second factor and has none —
 * enrolling one before the first session.
 */
export const secondFactorRoutes = new Hono<AppEnv>()

export const codeSchema = z.object({
  code: requiredText(40, { notCheckedBecause: 'a one-time code, not stored' }),
})

const actorFor = (c: Context<AppEnv>, user: UserRow) => ({
  userId: user.id,
  agencyId: user.agency_id,
  requestId: c.get('requestId'),
})

async function requireAttempt(
  c: Context<AppEnv>,
  kind: 'second_factor' | 'second_factor_enrolment',
): Promise<{ attempt: SignInAttemptRow; user: UserRow }> {
  const attempt = await currentAttempt(c, [kind])
  const user = attempt?.user_id ? await findUser(c.get('deps').db, attempt.user_id) : null
  if (!attempt || !user || user.status !== 'active') throw new AppError(410, 'totp.code.expired')
  return { attempt, user }
}

secondFactorRoutes.get('/logga-in/kod', async (c) => {
  await requireAttempt(c, 'second_factor')
  return render(c, <SecondFactorCodePage values={{}} errors={{}} />)
})

secondFactorRoutes.post('/logga-in/kod', async (c) => {
  const { loginThrottle, config } = c.get('deps')
  const { attempt, user } = await requireAttempt(c, 'second_factor')
  const form = validateForm(codeSchema, await readForm(c))
  const page = (errors: FieldErrors, status: 401 | 422 | 429) =>
    render(c, <SecondFactorCodePage values={{}} errors={errors} />, status)
  if (!form.ok) return page(form.errors, 422)

  // Throttled like passwords, on the same account: guessing codes costs what guessing passwords costs.
  const address = clientAddress(c, config.trustProxy)
  const device = getCookie(c, deviceCookie, 'host') ?? null
  const decision = await loginThrottle.decide(user.email, address, device)
  if (decision.outcome === 'refuse') {
    await recordEvent(
      c,
      { action: 'login', outcome: 'denied', details: { reason: 'throttled', step: 'code' } },
      actorFor(c, user),
    )
    c.header('Retry-After', String(decision.retryAfterSeconds))
    return page({ code: 'auth.throttled' }, 429)
  }
  if (decision.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.waitMs))

  const used = await commitAs(c.get('deps'), actorFor(c, user), async (trx, change) => {
    const found = await checkSecondFactor(trx, user, form.data.code)
    if (found && (await endAttempt(trx, attempt.id))) {
      if (found === 'recovery_code')
        change.audit({ action: 'user.recovery_code_used', objectType: 'user', objectId: user.id })
      else change.nothingChanged()
      return found
    }
    change.audit({
      action: 'login',
      outcome: 'failure',
      objectType: 'user',
      objectId: user.id,
      details: { reason: 'wrong_code' },
    })
    return null
  })
  if (!used) {
    await loginThrottle.recordFailure(user.email, address, device)
    return page({ code: 'totp.code.wrong' }, 401)
  }
  await loginThrottle.recordSuccess(user.email, address, device)
  clearAttemptCookie(c)
  await startSession(c, user, {
    kind: used === 'totp' ? 'password+totp' : 'password+recovery_code',
  })
  return c.redirect(attempt.next_path, 303)
})

/** Enrolment: the secret is drawn once per attempt and kept on it until its first code is right. */
export async function pendingSecret(
  c: Context<AppEnv>,
  attempt: SignInAttemptRow,
  user: UserRow,
): Promise<string> {
  if (attempt.pending_secret) return attempt.pending_secret
  const secret = newTotpSecret()
  await commitAs(c.get('deps'), actorFor(c, user), async (trx, change) => {
    change.nothingChanged()
    await setPendingSecret(trx, attempt.id, secret)
  })
  return secret
}

export async function enrolPage(
  c: Context<AppEnv>,
  user: UserRow,
  secret: string,
  action: string,
  errors: FieldErrors = {},
  status: 200 | 401 | 422 = 200,
) {
  const required = await secondFactorRequired(c.get('deps').db, user)
  return render(
    c,
    <EnrolSecondFactorPage
      action={action}
      qrSvg={await enrolmentQrSvg(secret, user.email)}
      secret={groupedSecret(secret)}
      required={required}
      values={{}}
      errors={errors}
    />,
    status,
  )
}

/**
 * Confirms an enrolment with its first code: the second factor is on, the
 * recovery codes are made, the attempt is used up. The codes, or null when the
 * code was wrong (or the attempt already used).
 */
export async function confirmEnrolment(
  c: Context<AppEnv>,
  user: UserRow,
  attempt: SignInAttemptRow,
  code: string,
): Promise<string[] | null> {
  const secret = attempt.pending_secret
  const step = secret ? await acceptableStep(secret, code, null) : null
  if (!secret || step === null) return null
  return commitAs(c.get('deps'), actorFor(c, user), async (trx, change) => {
    if (!(await endAttempt(trx, attempt.id))) {
      change.nothingChanged()
      return null
    }
    const codes = await enableTotp(trx, user.id, secret, step)
    change.audit({ action: 'user.totp_enable', objectType: 'user', objectId: user.id })
    return codes
  })
}

secondFactorRoutes.get('/logga-in/tvastegs', async (c) => {
  const { attempt, user } = await requireAttempt(c, 'second_factor_enrolment')
  return enrolPage(c, user, await pendingSecret(c, attempt, user), '/logga-in/tvastegs')
})

secondFactorRoutes.post('/logga-in/tvastegs', async (c) => {
  const { attempt, user } = await requireAttempt(c, 'second_factor_enrolment')
  const form = validateForm(codeSchema, await readForm(c))
  const secret = await pendingSecret(c, attempt, user)
  if (!form.ok) return enrolPage(c, user, secret, '/logga-in/tvastegs', form.errors, 422)
  const codes = await confirmEnrolment(
    c,
    user,
    { ...attempt, pending_secret: secret },
    form.data.code,
  )
  if (!codes)
    return enrolPage(c, user, secret, '/logga-in/tvastegs', { code: 'totp.enrol.wrong' }, 401)
  clearAttemptCookie(c)
  await startSession(c, user, { kind: 'password+totp' })
  return render(c, <RecoveryCodesPage codes={codes} continueTo={attempt.next_path} />)
})
