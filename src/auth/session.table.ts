import type { Selectable } from 'kysely'

export interface SessionTable {
  id: string
  secret_hash: string
  user_id: string
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  /** Signed in through this provider (its end-session is offered at sign-out) */
  identity_provider_id: string | null
}

export type SessionRow = Selectable<SessionTable>

export const oneTimeTokenPurposes = ['first_admin', 'invitation', 'password_reset'] as const
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number]

export interface OneTimeTokenTable {
  id: string
  purpose: OneTimeTokenPurpose
  token_hash: string
  user_id: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

export type OneTimeTokenRow = Selectable<OneTimeTokenTable>

/** Sign-in throttling shared by several processes (auth/throttle-store.ts). */
export interface ThrottleBucketTable {
  key: string
  tokens: number
  updated_at: number
}

export interface ThrottleSlotTable {
  key: string
  next_at: number
}

export interface KnownDeviceTable {
  token_hash: string
  account: string
  seen_at: number
}
