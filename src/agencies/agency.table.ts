import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export const agencyKinds = [
  'police',
  'social_services',
  'school',
  'school_health',
  'healthcare',
  'probation',
  'housing',
  'rescue',
  'leisure',
  'municipal_safety',
  'civil_society',
  'security_company',
  'other',
] as const

export type AgencyKind = (typeof agencyKinds)[number]

/** Kinds that are not public authorities: they receive secret information essentially only with consent. */
export const privateAgencyKinds: readonly AgencyKind[] = [
  'housing',
  'security_company',
  'civil_society',
]

export const isPrivateKind = (kind: AgencyKind): boolean => privateAgencyKinds.includes(kind)

/** What the "public authority" box says for a kind until the admin says otherwise. */
export const isPublicAuthorityByDefault = (kind: AgencyKind): boolean => !isPrivateKind(kind)

export interface AgencyTable {
  id: string
  name: string
  kind: AgencyKind
  is_public_authority: number
  /** 1: the agency's people sign in through an identity provider, never with a password */
  sso_required: Generated<number>
  created_at: string
  updated_at: string
}

export type AgencyRow = Selectable<AgencyTable>
export type NewAgencyRow = Insertable<AgencyTable>
export type AgencyUpdate = Updateable<AgencyTable>
