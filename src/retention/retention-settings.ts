import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import { retentionKinds, type RetentionKind } from './retention.table'

/** Months per kind (null: kept), and per team where a team has its own. */
export type RetentionSettings = {
  months: Record<RetentionKind, number | null>
  perTeam: Map<string, Partial<Record<RetentionKind, number | null>>>
}

export async function loadRetentionSettings(db: Db): Promise<RetentionSettings> {
  const rows = await db.selectFrom('retention_settings').selectAll().execute()
  const months = Object.fromEntries(
    Object.entries(retentionKinds).map(([kind, rule]) => [kind, rule.months]),
  ) as Record<RetentionKind, number | null>
  const perTeam = new Map<string, Partial<Record<RetentionKind, number | null>>>()
  for (const row of rows) {
    if (!(row.record_type in retentionKinds)) continue
    if (row.team_id === '') months[row.record_type] = row.months
    else perTeam.set(row.team_id, { ...perTeam.get(row.team_id), [row.record_type]: row.months })
  }
  return { months, perTeam }
}

/** The period for a kind in a team: the team's own where it has one, else the installation's. */
export const monthsFor = (
  settings: RetentionSettings,
  kind: RetentionKind,
  teamId: string | null,
): number | null => {
  const own = teamId ? settings.perTeam.get(teamId)?.[kind] : undefined
  return own !== undefined ? own : settings.months[kind]
}

export async function saveRetentionSetting(
  db: Trx,
  kind: RetentionKind,
  teamId: string,
  months: number | null,
): Promise<void> {
  await db
    .insertInto('retention_settings')
    .values({ record_type: kind, team_id: teamId, months, updated_at: nowIso() })
    .onConflict((oc) =>
      oc.columns(['record_type', 'team_id']).doUpdateSet({ months, updated_at: nowIso() }),
    )
    .execute()
}

export async function removeTeamRetention(db: Trx, kind: RetentionKind, teamId: string) {
  await db
    .deleteFrom('retention_settings')
    .where('record_type', '=', kind)
    .where('team_id', '=', teamId)
    .execute()
}
