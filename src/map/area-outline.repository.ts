import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import type { MultiPolygon } from './outline-geojson'

export type AreaOutline = { areaId: string; geometry: MultiPolygon }

/** The outlines of a team's areas. */
export async function listOutlines(db: Db, teamId: string): Promise<AreaOutline[]> {
  const rows = await db
    .selectFrom('area_outlines')
    .innerJoin('areas', 'areas.id', 'area_outlines.area_id')
    .select(['area_outlines.area_id', 'area_outlines.geometry'])
    .where('areas.team_id', '=', teamId)
    .execute()
  return rows.map((row) => ({
    areaId: row.area_id,
    geometry: JSON.parse(row.geometry) as MultiPolygon,
  }))
}

/** Puts an area's outline in place of the one it had. */
export async function saveOutline(
  trx: Trx,
  areaId: string,
  geometry: MultiPolygon,
  userId: string,
): Promise<void> {
  const row = {
    area_id: areaId,
    geometry: JSON.stringify(geometry),
    updated_by: userId,
    updated_at: nowIso(),
  }
  await trx
    .insertInto('area_outlines')
    .values(row)
    .onConflict((oc) =>
      oc.column('area_id').doUpdateSet({
        geometry: row.geometry,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

export async function removeOutline(trx: Trx, areaId: string): Promise<void> {
  await trx.deleteFrom('area_outlines').where('area_id', '=', areaId).execute()
}

/** Whether any area of the team has an outline: the meeting page offers its map then. */
export async function teamHasOutlines(db: Db, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('area_outlines')
    .innerJoin('areas', 'areas.id', 'area_outlines.area_id')
    .select('area_outlines.area_id')
    .where('areas.team_id', '=', teamId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
