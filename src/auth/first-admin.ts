import type { Db } from '../db/connect'
import { hasAdmin } from '../users/user.repository'
import { firstAdminTokenTtlMs, issueOneTimeToken } from './one-time-token.repository'

/**
 * On a database without an administrator, issues a fresh single-use link (24 h)
 * to create the first one; earlier unused links lapse. Null once an admin exists.
 */
export async function prepareFirstAdminLink(db: Db, publicOrigin: string): Promise<string | null> {
  if (await hasAdmin(db)) return null
  const { token } = await issueOneTimeToken(db, 'first_admin', null, firstAdminTokenTtlMs)
  return `${publicOrigin}/forsta-admin/${token}`
}
