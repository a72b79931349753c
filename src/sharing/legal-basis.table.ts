import type { Selectable } from 'kysely'
import type { AgencyKind } from '../agencies/agency.table'

export const guidePurposes = [
  'prevent_crime',
  'terrorism',
  'close_relative_violence',
  'committed_crime',
  'child_concern',
] as const
export type GuidePurpose = (typeof guidePurposes)[number]

/** When a basis may apply, by the sharing guide's questions; a missing key means "any answer". */
export type AppliesWhen = {
  identifiable?: boolean
  under18?: boolean
  under21?: boolean
  consent?: boolean
  purpose?: GuidePurpose
}

export interface LegalBasisTable {
  id: string
  code: string
  reference: string
  title: string
  explanation: string
  /** JSON: "any" or a list of agency kinds */
  discloser_kinds: string
  recipient_kinds: string
  allows_private_recipients: number
  /** JSON AppliesWhen */
  applies_when: string
  valid_from: string | null
  valid_to: string | null
  verify_before_use: number
  retired_at: string | null
  created_at: string
  updated_at: string
}

export type LegalBasisRow = Selectable<LegalBasisTable>

export type LegalBasis = Omit<
  LegalBasisRow,
  | 'discloser_kinds'
  | 'recipient_kinds'
  | 'applies_when'
  | 'allows_private_recipients'
  | 'verify_before_use'
> & {
  disclosers: AgencyKind[] | 'any'
  recipients: AgencyKind[] | 'any'
  allowsPrivateRecipients: boolean
  appliesWhen: AppliesWhen
  verifyBeforeUse: boolean
}
