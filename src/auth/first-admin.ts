import { commitAs } from '../changes/commit'
import type { Db } from '../db/connect'
import { hasAdmin } from '../users/user.repository'
import { firstAdminTokenTtlMs, issueOneTimeToken } from './one-time-token.repository'

/**
 * On a database without an administrator, issues a fresh single-use link (24 h)
 * to create the first one; earlier unused links lapse. Null once an admin exists.
 */
export async function prepareFirstAdminLink(db: Db, publicOrigin: string): Promise<string | null> {
  if (await hasAdmin(db)) return null
  const { token } = await commitAs(
    { db },
    { userId: null, agencyId: null },
    async (trx, change) => {
      const issued = await issueOneTimeToken(trx, 'first_admin', null, firstAdminTokenTtlMs)
      change.audit({ action: 'admin.first_admin_link', details: { expiresAt: issued.expiresAt } })
      return issued
    },
  )
  return `${publicOrigin}/forsta-admin/${token}`
}
