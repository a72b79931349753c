import type { Db, Trx } from '../db/connect'
import { newId, nowIso, toFlag } from '../db/ids'
import type { IdentityProviderKind, IdentityProviderRow } from './sign-in.table'

export async function listProviders(db: Db): Promise<IdentityProviderRow[]> {
  return db.selectFrom('identity_providers').selectAll().orderBy('name').execute()
}

export async function listEnabledProviders(db: Db): Promise<IdentityProviderRow[]> {
  return db
    .selectFrom('identity_providers')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('name')
    .execute()
}

export async function findProvider(db: Db, id: string): Promise<IdentityProviderRow | null> {
  const row = await db
    .selectFrom('identity_providers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ?? null
}

export async function findProviderBySlug(
  db: Db,
  slug: string,
  kind: IdentityProviderKind,
): Promise<IdentityProviderRow | null> {
  const row = await db
    .selectFrom('identity_providers')
    .selectAll()
    .where('slug', '=', slug)
    .where('kind', '=', kind)
    .where('enabled', '=', 1)
    .executeTakeFirst()
  return row ?? null
}

export type ProviderInput = {
  kind: IdentityProviderKind
  slug: string
  name: string
  enabled: boolean
  oidcIssuer?: string | null
  oidcClientId?: string | null
  /** undefined: keep the stored one */
  oidcClientSecret?: string | null
  samlIdpMetadata?: string | null
  samlIdpMetadataUrl?: string | null
}

export async function createProvider(trx: Trx, input: ProviderInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await trx
    .insertInto('identity_providers')
    .values({
      id,
      kind: input.kind,
      slug: input.slug,
      name: input.name,
      enabled: toFlag(input.enabled),
      oidc_issuer: input.oidcIssuer ?? null,
      oidc_client_id: input.oidcClientId ?? null,
      oidc_client_secret: input.oidcClientSecret ?? null,
      saml_idp_metadata: input.samlIdpMetadata ?? null,
      saml_idp_metadata_url: input.samlIdpMetadataUrl ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export async function updateProvider(trx: Trx, id: string, input: ProviderInput): Promise<void> {
  await trx
    .updateTable('identity_providers')
    .set({
      slug: input.slug,
      name: input.name,
      enabled: toFlag(input.enabled),
      oidc_issuer: input.oidcIssuer ?? null,
      oidc_client_id: input.oidcClientId ?? null,
      ...(input.oidcClientSecret === undefined
        ? {}
        : { oidc_client_secret: input.oidcClientSecret }),
      saml_idp_metadata: input.samlIdpMetadata ?? null,
      saml_idp_metadata_url: input.samlIdpMetadataUrl ?? null,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute()
}

export async function isSlugTaken(db: Db, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('identity_providers').select('id').where('slug', '=', slug)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export async function agencyRequiresSso(db: Db, agencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agencies')
    .select('sso_required')
    .where('id', '=', agencyId)
    .executeTakeFirst()
  return row?.sso_required === 1
}

/** The Läget user a provider's subject was linked to. */
export async function findLinkedUserId(
  db: Db,
  providerId: string,
  subject: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('provider_id', '=', providerId)
    .where('subject', '=', subject)
    .executeTakeFirst()
  return row?.user_id ?? null
}

export async function hasLinkAtProvider(
  db: Db,
  providerId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('user_identities')
    .select('subject')
    .where('provider_id', '=', providerId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

export async function linkIdentity(
  trx: Trx,
  providerId: string,
  subject: string,
  userId: string,
): Promise<void> {
  const now = nowIso()
  await trx
    .insertInto('user_identities')
    .values({
      provider_id: providerId,
      subject,
      user_id: userId,
      created_at: now,
      last_used_at: now,
    })
    .execute()
}

export async function touchIdentity(trx: Trx, providerId: string, subject: string): Promise<void> {
  await trx
    .updateTable('user_identities')
    .set({ last_used_at: nowIso() })
    .where('provider_id', '=', providerId)
    .where('subject', '=', subject)
    .execute()
}

export async function setAgencySsoRequired(trx: Trx, agencyId: string, on: boolean): Promise<void> {
  await trx
    .updateTable('agencies')
    .set({ sso_required: toFlag(on), updated_at: nowIso() })
    .where('id', '=', agencyId)
    .execute()
}

/** The provider a session was signed in through, if any. */
export async function providerOfSession(
  db: Db,
  sessionId: string,
): Promise<IdentityProviderRow | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('identity_providers', 'identity_providers.id', 'sessions.identity_provider_id')
    .selectAll('identity_providers')
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst()
  return row ?? null
}
