import QRCode from 'qrcode'
import { generateSecret, generateURI, verify } from 'otplib'
import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import { randomToken, sha256Hex } from '../auth/tokens'

/**
 * The second factor: a TOTP (RFC 6238) secret in the person's authenticator
 * app, and ten recovery codes for a lost phone, shown once and kept hashed.
 */
const issuer = 'Läget'
export const recoveryCodeCount = 10
// One period either side: a phone's clock a little off still works.
const epochTolerance = 30

export const newTotpSecret = (): string => generateSecret()

export async function enrolmentQrSvg(secret: string, account: string): Promise<string> {
  const uri = generateURI({ issuer, label: account, secret })
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
}

/** Shown beside the QR code for typing in by hand: the secret in groups of four. */
export const groupedSecret = (secret: string): string =>
  secret.match(/.{1,4}/g)?.join(' ') ?? secret

const codeShape = /^\d{6}$/

/**
 * The time step a code is right for, when it is right and newer than the last
 * one accepted (a code is good once); null otherwise.
 */
export async function acceptableStep(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s/g, '')
  if (!codeShape.test(token)) return null
  const result = await verify({
    secret,
    token,
    epochTolerance,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  })
  return result.valid && 'timeStep' in result ? Number(result.timeStep) : null
}

/** Notes the step just used, unless another request used it (or a later one) first. */
export async function claimStep(trx: Trx, userId: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'

function newRecoveryCode(): string {
  const bytes = Buffer.from(randomToken(16), 'base64url')
  const letters = [...bytes.subarray(0, 10)].map(
    (byte) => recoveryAlphabet[byte % recoveryAlphabet.length],
  )
  return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`
}

const normaliseRecoveryCode = (code: string): string =>
  code.trim().toLowerCase().replace(/[\s-]/g, '')

const hashRecoveryCode = (code: string): string => sha256Hex(normaliseRecoveryCode(code))

/** Turns the second factor on with a confirmed secret; returns the new recovery codes (shown once). */
export async function enableTotp(
  trx: Trx,
  userId: string,
  secret: string,
  step: number,
): Promise<string[]> {
  await trx
    .updateTable('users')
    .set({ totp_secret: secret, totp_enabled_at: nowIso(), totp_last_step: step })
    .where('id', '=', userId)
    .execute()
  return replaceRecoveryCodes(trx, userId)
}

export async function replaceRecoveryCodes(trx: Trx, userId: string): Promise<string[]> {
  await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute()
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode)
  await trx
    .insertInto('totp_recovery_codes')
    .values(
      codes.map((code) => ({
        id: newId(),
        user_id: userId,
        code_hash: hashRecoveryCode(code),
        used_at: null,
      })),
    )
    .execute()
  return codes
}

/** Turns the second factor off (the person themself, or the administrator for a lost phone). */
export async function disableTotp(trx: Trx, userId: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute()
  await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute()
}

/** Uses a recovery code up; true when it was one of the person's unused codes. */
export async function useRecoveryCode(trx: Trx, userId: string, code: string): Promise<boolean> {
  if (normaliseRecoveryCode(code).length !== 10) return false
  const result = await trx
    .updateTable('totp_recovery_codes')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('totp_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
