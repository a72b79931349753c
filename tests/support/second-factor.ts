import { generate, generateSecret } from 'otplib'
import type { Db } from '../../src/db/connect'
import { inTransaction } from './in-transaction'

/**
 * The test's authenticator app: the secrets of the accounts it holds, and the
 * code to type next. Each code is good once, so a second sign-in in the same
 * 30 seconds types the next period's code (accepted one period ahead), and
 * waits only when even that one is used.
 */
const secrets = new Map<string, string>()
const lastStep = new Map<string, number>()
const period = 30

export function rememberSecret(email: string, secret: string): void {
  secrets.set(email, secret.replace(/\s/g, ''))
  lastStep.delete(email)
}

export const hasSecret = (email: string): boolean => secrets.has(email)

export async function codeFor(email: string): Promise<string> {
  const secret = secrets.get(email)
  if (!secret) throw new Error(`the test's authenticator has no secret for ${email}`)
  const now = Math.floor(Date.now() / 1000 / period)
  const step = Math.max(now, (lastStep.get(email) ?? -1) + 1)
  if (step > now + 1)
    await new Promise((resolve) =>
      setTimeout(resolve, (step - 1) * period * 1000 - Date.now() + 50),
    )
  lastStep.set(email, step)
  return generate({ secret, epoch: step * period })
}

/** Enrols a second factor as if the person had done it: for accounts that must have one. */
export async function enrolSecondFactor(db: Db, userId: string, email: string): Promise<void> {
  const secret = generateSecret()
  await inTransaction(db, (trx) =>
    trx
      .updateTable('users')
      .set({ totp_secret: secret, totp_enabled_at: new Date().toISOString() })
      .where('id', '=', userId)
      .execute(),
  )
  rememberSecret(email, secret)
}

/** The secret an enrolment page shows for typing by hand. */
export function secretOnPage(html: string): string {
  const match = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(html)
  if (!match) throw new Error('the page shows no secret to enrol')
  return match[1]!.replace(/\s/g, '')
}
