import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/** An action may concern one area, so the analysis can follow how the area's level moved after it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('actions')
    .addColumn('area_id', 'text', (col) => col.references('areas.id'))
    .execute()
  await db.schema
    .createIndex('actions_team_created_idx')
    .on('actions')
    .columns(['team_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('actions_team_created_idx').execute()
  await db.schema.alterTable('actions').dropColumn('area_id').execute()
}
