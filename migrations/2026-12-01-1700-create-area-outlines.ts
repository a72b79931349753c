import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The picture on a map (issue 17): each area's outline as the municipality's
 * GIS exports it, kept as a GeoJSON MultiPolygon in WGS 84 (longitude,
 * latitude). Drawn by Läget itself: no map tiles, no outside service.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('area_outlines')
    .addColumn('area_id', 'text', (col) =>
      col.primaryKey().references('areas.id').onDelete('cascade'),
    )
    .addColumn('geometry', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('area_outlines').execute()
}
