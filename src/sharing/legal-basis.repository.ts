import type { Db, Trx } from '../db/connect'
import { newId, nowIso, toFlag } from '../db/ids'
import type { AgencyKind } from '../agencies/agency.table'
import type { AppliesWhen, LegalBasis, LegalBasisRow } from './legal-basis.table'

export function toLegalBasis(row: LegalBasisRow): LegalBasis {
  const {
    discloser_kinds,
    recipient_kinds,
    applies_when,
    allows_private_recipients,
    verify_before_use,
    ...rest
  } = row
  return {
    ...rest,
    disclosers: JSON.parse(discloser_kinds),
    recipients: JSON.parse(recipient_kinds),
    appliesWhen: JSON.parse(applies_when),
    allowsPrivateRecipients: allows_private_recipients === 1,
    verifyBeforeUse: verify_before_use === 1,
  }
}

export async function listLegalBases(db: Db): Promise<LegalBasis[]> {
  return (
    await db
      .selectFrom('legal_bases')
      .selectAll()
      .orderBy('retired_at', 'desc')
      .orderBy('reference')
      .execute()
  ).map(toLegalBasis)
}

export async function findLegalBasis(db: Db, id: string): Promise<LegalBasis | null> {
  const row = await db.selectFrom('legal_bases').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toLegalBasis(row) : null
}

export type LegalBasisInput = {
  code: string
  reference: string
  title: string
  explanation: string
  disclosers: AgencyKind[] | 'any'
  recipients: AgencyKind[] | 'any'
  allowsPrivateRecipients: boolean
  appliesWhen: AppliesWhen
  validFrom: string | null
  validTo: string | null
  verifyBeforeUse: boolean
}

const columns = (input: LegalBasisInput) => ({
  code: input.code,
  reference: input.reference,
  title: input.title,
  explanation: input.explanation,
  discloser_kinds: JSON.stringify(input.disclosers),
  recipient_kinds: JSON.stringify(input.recipients),
  allows_private_recipients: toFlag(input.allowsPrivateRecipients),
  applies_when: JSON.stringify(input.appliesWhen),
  valid_from: input.validFrom,
  valid_to: input.validTo,
  verify_before_use: toFlag(input.verifyBeforeUse),
})

export async function createLegalBasis(db: Trx, input: LegalBasisInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('legal_bases')
    .values({ id, ...columns(input), retired_at: null, created_at: now, updated_at: now })
    .execute()
  return id
}

export async function updateLegalBasis(db: Trx, id: string, input: LegalBasisInput): Promise<void> {
  await db
    .updateTable('legal_bases')
    .set({ ...columns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

/** Retiring keeps the basis for the disclosures that cite it; bases are never deleted. */
export async function setLegalBasisRetired(db: Trx, id: string, retired: boolean): Promise<void> {
  await db
    .updateTable('legal_bases')
    .set({ retired_at: retired ? nowIso() : null, updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}
