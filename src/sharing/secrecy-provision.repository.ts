import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { SecrecyProvisionRow } from './secrecy-provision.table'

/** The provisions, by reference; retired ones only when asked (an old release still names them). */
export function listSecrecyProvisions(
  db: Db,
  options: { withRetired: boolean },
): Promise<SecrecyProvisionRow[]> {
  let query = db.selectFrom('secrecy_provisions').selectAll().orderBy('reference')
  if (!options.withRetired) query = query.where('retired_at', 'is', null)
  return query.execute()
}

export function findSecrecyProvision(db: Db, id: string): Promise<SecrecyProvisionRow | undefined> {
  return db.selectFrom('secrecy_provisions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function createSecrecyProvision(
  db: Trx,
  input: { reference: string; title: string },
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('secrecy_provisions')
    .values({ id, ...input, retired_at: null, created_at: now, updated_at: now })
    .execute()
  return id
}

export async function setSecrecyProvisionRetired(
  db: Trx,
  id: string,
  retired: boolean,
): Promise<void> {
  const now = nowIso()
  await db
    .updateTable('secrecy_provisions')
    .set({ retired_at: retired ? now : null, updated_at: now })
    .where('id', '=', id)
    .execute()
}
