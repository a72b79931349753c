import type { ChangeRecord } from '../changes/commit'
import type { Trx } from '../db/connect'
import type { UserRow } from '../users/user.table'
import {
  invitationTokenTtlMs,
  issueOneTimeToken,
  passwordResetTokenTtlMs,
} from './one-time-token.repository'
import { deleteSessionsOfUser } from './session'
import { formatDateTime } from '../i18n/format'
import { queueMail } from '../mail/outbox'

/** What a link lets its holder do: activate an invited account, or choose a new password for an active one. */
export type PasswordLinkKind = 'invitation' | 'password_reset'

export const passwordLinkPaths: Record<PasswordLinkKind, string> = {
  invitation: '/inbjudan',
  password_reset: '/aterstall',
}

export type PasswordLink = { kind: PasswordLinkKind; url: string; expiresAt: string }

/** The account status a link of this kind is for; a link for any other status is no link. */
export const statusForLink: Record<PasswordLinkKind, UserRow['status']> = {
  invitation: 'invited',
  password_reset: 'active',
}

/**
 * Makes a single-use link for a person to set a password, with its audit event;
 * call it in the change it belongs to. Earlier unused
 * links of the same kind lapse. A reset link also ends every session of the person at once: whoever knew the old password is out.
 */
export async function issuePasswordLink(
  trx: Trx,
  change: ChangeRecord,
  user: Pick<UserRow, 'id'> & Partial<Pick<UserRow, 'email' | 'locale'>>,
  kind: PasswordLinkKind,
  publicOrigin: string,
  audit: { action: string; details?: Record<string, unknown> },
  // A reset the person asks for themselves ends their sessions when the new password is set, not
  // now: otherwise anyone who knows an address could sign its owner out at will.
  options: { endSessionsNow: boolean } = { endSessionsNow: true },
): Promise<PasswordLink> {
  const ttl = kind === 'invitation' ? invitationTokenTtlMs : passwordResetTokenTtlMs
  const issued = await issueOneTimeToken(trx, kind, user.id, ttl)
  if (kind === 'password_reset' && options.endSessionsNow) await deleteSessionsOfUser(trx, user.id)
  change.audit({ ...audit, objectType: 'user', objectId: user.id })
  const link = {
    kind,
    url: `${publicOrigin}${passwordLinkPaths[kind]}/${issued.token}`,
    expiresAt: issued.expiresAt,
  }
  // Sent to the person too (the mail queue, in this same change); the admin still sees the link.
  if (user.email) {
    const locale = user.locale ?? 'sv'
    await queueMail(trx, change, {
      to: user.email,
      userId: user.id,
      locale,
      template: kind,
      params: { link: link.url, expires: formatDateTime(link.expiresAt, locale) },
    })
  }
  return link
}
