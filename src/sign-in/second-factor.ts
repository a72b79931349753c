import type { Trx } from '../db/connect'
import type { UserRow } from '../users/user.table'
import { acceptableStep, claimStep, useRecoveryCode } from './totp'

export type SecondFactorUsed = 'totp' | 'recovery_code'

/**
 * Checks what the person typed as their second factor: a code from the app
 * (good once: its time step is claimed in this transaction) or one of their
 * unused recovery codes (used up). Null when it is neither.
 */
export async function checkSecondFactor(
  trx: Trx,
  user: Pick<UserRow, 'id' | 'totp_secret' | 'totp_last_step'>,
  typed: string,
): Promise<SecondFactorUsed | null> {
  if (!user.totp_secret) return null
  const step = await acceptableStep(user.totp_secret, typed, user.totp_last_step)
  if (step !== null) return (await claimStep(trx, user.id, step)) ? 'totp' : null
  return (await useRecoveryCode(trx, user.id, typed)) ? 'recovery_code' : null
}
