import type { Db, Trx } from '../db/connect'
import { newId, nowIso, toFlag } from '../db/ids'
import type { AgencyKind, AgencyRow } from './agency.table'

export type AgencyInput = {
  name: string
  kind: AgencyKind
  isPublicAuthority: boolean
  /** The agency's people sign in through an identity provider only */
  ssoRequired?: boolean
}

export function listAgencies(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').selectAll().orderBy('name').execute()
}

export async function findAgency(db: Db, id: string): Promise<AgencyRow | null> {
  return (
    (await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  )
}

export async function createAgency(db: Trx, input: AgencyInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('agencies')
    .values({
      id,
      name: input.name,
      kind: input.kind,
      is_public_authority: toFlag(input.isPublicAuthority),
      sso_required: toFlag(input.ssoRequired ?? false),
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export async function updateAgency(db: Trx, id: string, input: AgencyInput): Promise<void> {
  await db
    .updateTable('agencies')
    .set({
      name: input.name,
      kind: input.kind,
      is_public_authority: toFlag(input.isPublicAuthority),
      ...(input.ssoRequired === undefined ? {} : { sso_required: toFlag(input.ssoRequired) }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute()
}
