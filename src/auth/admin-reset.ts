import { commitAs } from '../changes/commit'
import type { Db } from '../db/connect'
import { fromFlag } from '../db/ids'
import { findUserByEmail, setUserStatus } from '../users/user.repository'
import { disableTotp } from '../sign-in/totp'
import { issuePasswordLink, type PasswordLink } from './password-links'

/**
 * The way back in when no administrator can sign in: a one-time link for the
 * administrator with this e-mail to choose a new password. Their sessions end;
 * a disabled administrator is enabled again; their second factor is reset (the
 * phone may be what was lost), so they enrol a new one when they sign in.
 * Null when no administrator has it.
 */
export async function makeAdminResetLink(
  db: Db,
  email: string,
  publicOrigin: string,
): Promise<(PasswordLink & { email: string }) | null> {
  const user = await findUserByEmail(db, email)
  if (!user || !fromFlag(user.is_admin)) return null
  const link = await commitAs({ db }, { userId: null, agencyId: null }, async (trx, change) => {
    if (user.status !== 'active') await setUserStatus(trx, user.id, 'active')
    if (user.totp_enabled_at) {
      await disableTotp(trx, user.id)
      change.audit({ action: 'user.totp_reset', objectType: 'user', objectId: user.id })
    }
    return issuePasswordLink(trx, change, user, 'password_reset', publicOrigin, {
      action: 'admin.password_reset_command',
      details: { previousStatus: user.status },
    })
  })
  return { ...link, email: user.email }
}
