import type { Selectable } from 'kysely'

/** A provision of the Public Access to Information and Secrecy Act that a release copy's masks cite. */
export interface SecrecyProvisionTable {
  id: string
  /** "26 kap. 1 § OSL" */
  reference: string
  title: string
  retired_at: string | null
  created_at: string
  updated_at: string
}

export type SecrecyProvisionRow = Selectable<SecrecyProvisionTable>
