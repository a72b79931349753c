import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Sign-in the municipality's way (issue 15): OpenID Connect and SAML
 * providers, the links between a provider's subject and a Läget user, agencies
 * that must sign in through a provider, a second factor (TOTP) with recovery
 * codes, the sign-ins under way (state, nonce, PKCE verifier, SAML request id,
 * the step between password and code), and installation-wide settings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_providers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    /** 'oidc' | 'saml' */
    .addColumn('kind', 'text', (col) => col.notNull())
    /** In addresses: /logga-in/sso/<slug> */
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    /** What the sign-in button says */
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_client_id', 'text')
    /** Never shown again once saved; an environment variable can hold it instead. */
    .addColumn('oidc_client_secret', 'text')
    .addColumn('saml_idp_metadata', 'text')
    .addColumn('saml_idp_metadata_url', 'text')
    .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('user_identities')
    .addColumn('provider_id', 'text', (col) =>
      col.notNull().references('identity_providers.id').onDelete('cascade'),
    )
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['provider_id', 'subject'])
    .addUniqueConstraint('user_identities_one_per_provider', ['provider_id', 'user_id'])
    .execute()

  await db.schema
    .alterTable('agencies')
    .addColumn('sso_required', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()

  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute()
  /** The last time step a code was accepted for: a code is good once. */
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute()

  await db.schema
    .createTable('totp_recovery_codes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createIndex('totp_recovery_codes_user_idx')
    .on('totp_recovery_codes')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('sign_in_attempts')
    /** SHA-256 of the token in the browser's cookie (or of the SAML request id) */
    .addColumn('id', 'text', (col) => col.primaryKey())
    /** 'oidc' | 'saml' | 'second_factor' | 'second_factor_enrolment' */
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('provider_id', 'text', (col) =>
      col.references('identity_providers.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('state', 'text')
    .addColumn('nonce', 'text')
    .addColumn('code_verifier', 'text')
    .addColumn('request_id', 'text')
    /** A TOTP secret being enrolled, until its first code is right */
    .addColumn('pending_secret', 'text')
    .addColumn('next_path', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .alterTable('sessions')
    .addColumn('identity_provider_id', 'text', (col) =>
      col.references('identity_providers.id').onDelete('set null'),
    )
    .execute()

  await db.schema
    .createTable('installation_settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation_settings').execute()
  await db.schema.alterTable('sessions').dropColumn('identity_provider_id').execute()
  await db.schema.dropTable('sign_in_attempts').execute()
  await db.schema.dropTable('totp_recovery_codes').execute()
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
  await db.schema.alterTable('users').dropColumn('totp_enabled_at').execute()
  await db.schema.alterTable('users').dropColumn('totp_secret').execute()
  await db.schema.alterTable('agencies').dropColumn('sso_required').execute()
  await db.schema.dropTable('user_identities').execute()
  await db.schema.dropTable('identity_providers').execute()
}
