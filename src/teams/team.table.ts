import type { Selectable } from 'kysely'

export const teamKinds = ['est', 'vbe', 'other'] as const
export type TeamKind = (typeof teamKinds)[number]

export const teamRoles = ['coordinator', 'chair', 'member', 'observer'] as const
export type TeamRole = (typeof teamRoles)[number]

export const sharingScopes = ['team', 'agencies', 'own'] as const
export type SharingScope = (typeof sharingScopes)[number]

export interface TeamTable {
  id: string
  name: string
  kind: TeamKind
  description: string
  /** JSON list of the assessment scale's labels, lowest level first */
  assessment_scale: string
  created_at: string
  updated_at: string
}

export interface TeamMembershipTable {
  id: string
  team_id: string
  user_id: string
  role: TeamRole
  /** Last day (Europe/Stockholm) on which the membership gives access; null = no end. */
  ends_on: string | null
  /** When the agency's contact named this representative (shown to the coordinator) */
  named_by_contact_at: string | null
  /** The last day the agency's contacts were reminded of (once per last day) */
  end_reminded_for: string | null
  created_at: string
  updated_at: string
}

export interface AreaTable {
  id: string
  team_id: string
  name: string
  retired_at: string | null
  created_at: string
}

export interface CategoryTable {
  id: string
  team_id: string
  name: string
  is_sensitive: number
  default_scope: SharingScope
  sort_order: number
  retired_at: string | null
  created_at: string
}

export type TeamRow = Selectable<TeamTable>
export type TeamMembershipRow = Selectable<TeamMembershipTable>
export type AreaRow = Selectable<AreaTable>
export type CategoryRow = Selectable<CategoryTable>

/** A place name the team allows in free text although it contains a personal name ("Gustav Adolfs torg"). */
export interface TeamAllowedPlaceTable {
  id: string
  team_id: string
  name: string
  created_at: string
}
