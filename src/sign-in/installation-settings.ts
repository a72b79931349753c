import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'

/** Installation-wide choices the administrator makes, one row a key. */
export const installationSettingKeys = [
  'second_factor_for_all',
  /** Läget's own key and certificate as a SAML service provider (its metadata), made at first need */
  'saml_sp_private_key',
  'saml_sp_certificate',
] as const
export type InstallationSettingKey = (typeof installationSettingKeys)[number]

export async function readFlagSetting(db: Db, key: InstallationSettingKey): Promise<boolean> {
  const row = await db
    .selectFrom('installation_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst()
  return row?.value === 'true'
}

export async function writeFlagSetting(
  trx: Trx,
  key: InstallationSettingKey,
  value: boolean,
): Promise<void> {
  const row = { key, value: String(value), updated_at: nowIso() }
  await trx
    .insertInto('installation_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at }),
    )
    .execute()
}

export async function readSetting(db: Db, key: InstallationSettingKey): Promise<string | null> {
  const row = await db
    .selectFrom('installation_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst()
  return row?.value ?? null
}

/** Writes a setting only if it has none yet (two processes making one at once keep the first). */
export async function writeSettingOnce(
  trx: Trx,
  key: InstallationSettingKey,
  value: string,
): Promise<void> {
  await trx
    .insertInto('installation_settings')
    .values({ key, value, updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}
