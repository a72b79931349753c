import type { Context } from 'hono'
import { commitAs, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { findUser, findUserByEmail, normaliseEmail, setUserStatus } from '../users/user.repository'
import type { UserRow } from '../users/user.table'
import {
  findLinkedUserId,
  hasLinkAtProvider,
  linkIdentity,
  touchIdentity,
} from './providers.repository'
import type { IdentityProviderRow } from './sign-in.table'

/** Who the provider says signed in: its stable subject (OIDC `sub`, SAML NameID) and, if it vouches for it, the e-mail. */
export type ProviderPerson = { subject: string; email: string | null; emailVerified: boolean }

export type PersonRefusal = 'unknown_person' | 'disabled' | 'no_verified_email' | 'linked_elsewhere'

/**
 * The Läget user a provider's person is: the one their subject was linked to,
 * or — the first time — the user with the e-mail the provider verified, who is
 * then linked. Signing in never creates an account: the administrator (or the
 * agency's contact) decides who has access. An invited person who signs in this
 * way has accepted the invitation. Refusals are audited.
 */
export async function userForProviderPerson(
  c: Context<AppEnv>,
  provider: IdentityProviderRow,
  person: ProviderPerson,
): Promise<{ user: UserRow } | { refused: PersonRefusal }> {
  const { db } = c.get('deps')
  const refuse = async (reason: PersonRefusal, user: UserRow | null = null) => {
    await recordEvent(
      c,
      {
        action: 'login',
        outcome: 'failure',
        details: { reason, method: provider.kind, provider: provider.slug },
      },
      {
        userId: user?.id ?? null,
        agencyId: user?.agency_id ?? null,
        requestId: c.get('requestId'),
      },
    )
    return { refused: reason }
  }

  const linkedId = await findLinkedUserId(db, provider.id, person.subject)
  const linked = linkedId ? await findUser(db, linkedId) : null
  const user =
    linked ??
    (person.email && person.emailVerified
      ? await findUserByEmail(db, normaliseEmail(person.email))
      : null)
  if (!user) return refuse(person.emailVerified ? 'unknown_person' : 'no_verified_email')
  if (user.status === 'disabled') return refuse('disabled', user)
  if (!linked && (await hasLinkAtProvider(db, provider.id, user.id)))
    return refuse('linked_elsewhere', user)

  const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
  await commitAs(c.get('deps'), actor, async (trx, change) => {
    if (linked) {
      await touchIdentity(trx, provider.id, person.subject)
      change.nothingChanged()
    } else {
      await linkIdentity(trx, provider.id, person.subject, user.id)
      change.audit({
        action: 'user.identity_link',
        objectType: 'user',
        objectId: user.id,
        details: { provider: provider.slug, kind: provider.kind },
      })
    }
    if (user.status === 'invited') {
      await setUserStatus(trx, user.id, 'active')
      change.audit({ action: 'user.activate', objectType: 'user', objectId: user.id })
    }
  })
  return { user: { ...user, status: 'active' } }
}
