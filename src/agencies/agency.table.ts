import type { Insertable, Selectable, Updateable } from 'kysely'

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

export interface AgencyTable {
  id: string
  name: string
  kind: AgencyKind
  is_public_authority: number
  created_at: string
  updated_at: string
}

export type AgencyRow = Selectable<AgencyTable>
export type NewAgencyRow = Insertable<AgencyTable>
export type AgencyUpdate = Updateable<AgencyTable>
