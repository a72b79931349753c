import type { Selectable } from 'kysely'

export const identityProviderKinds = ['oidc', 'saml'] as const
export type IdentityProviderKind = (typeof identityProviderKinds)[number]

/** An OpenID provider or a SAML identity provider the municipality signs in through. */
export interface IdentityProviderTable {
  id: string
  kind: IdentityProviderKind
  /** In addresses: /logga-in/sso/<slug> */
  slug: string
  /** What the sign-in button says */
  name: string
  oidc_issuer: string | null
  oidc_client_id: string | null
  /** Never shown again once saved; OIDC_SECRET_<SLUG> in the environment takes precedence. */
  oidc_client_secret: string | null
  saml_idp_metadata: string | null
  saml_idp_metadata_url: string | null
  enabled: number
  created_at: string
  updated_at: string
}

export type IdentityProviderRow = Selectable<IdentityProviderTable>

/** A provider's subject (OIDC `sub`, SAML NameID), linked once to a Läget user. */
export interface UserIdentityTable {
  provider_id: string
  subject: string
  user_id: string
  created_at: string
  last_used_at: string
}

export interface TotpRecoveryCodeTable {
  id: string
  user_id: string
  code_hash: string
  used_at: string | null
}

export const signInAttemptKinds = [
  'oidc',
  'saml',
  'second_factor',
  'second_factor_enrolment',
] as const
export type SignInAttemptKind = (typeof signInAttemptKinds)[number]

/** A sign-in under way: at the provider, or between the password (or provider) and the code. */
export interface SignInAttemptTable {
  /** SHA-256 of the token in the browser's cookie */
  id: string
  kind: SignInAttemptKind
  provider_id: string | null
  user_id: string | null
  state: string | null
  nonce: string | null
  code_verifier: string | null
  request_id: string | null
  pending_secret: string | null
  next_path: string
  created_at: string
  expires_at: string
}

export type SignInAttemptRow = Selectable<SignInAttemptTable>

export interface InstallationSettingTable {
  key: string
  value: string
  updated_at: string
}
