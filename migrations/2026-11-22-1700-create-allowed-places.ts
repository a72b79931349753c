import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_allowed_places')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('team_allowed_places_unique', ['team_id', 'name'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_allowed_places').execute()
}
