import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Locale } from '../i18n/t'

export const userStatuses = ['invited', 'active', 'disabled'] as const
export type UserStatus = (typeof userStatuses)[number]

export interface UserTable {
  id: string
  email: string
  name: string
  agency_id: string
  status: UserStatus
  password_hash: string | null
  is_admin: number
  is_auditor: number
  /** Reviews the reads of the user's own agency (loggkontroll); sees no content. */
  is_log_reviewer: Generated<number>
  /** Keeps their own agency's people: invites them, keeps their details, names the agency's representatives in teams. */
  is_agency_contact: Generated<number>
  /** The municipality's coordinating function (lag 2023:196): drafts the yearly lägesbild and åtgärdsplan; sees aggregates only. */
  is_municipal_coordinator: Generated<number>
  /** Sits on the steering group that approves the yearly lägesbild and åtgärdsplan; sees aggregates only. */
  is_steering_group: Generated<number>
  /** 1: a weekly digest on Monday mornings (counts and links, never content) */
  mail_digest: Generated<number>
  locale: Locale
  /** 1: mail when a meeting is called and when minutes await this person's approval */
  mail_notifications: Generated<number>
  /** Base32 TOTP secret, once enrolment is confirmed */
  totp_secret: string | null
  totp_enabled_at: string | null
  /** The last time step a code was accepted for: each code is good once */
  totp_last_step: number | null
  created_at: string
  updated_at: string
}

export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
