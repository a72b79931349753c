import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/** The administrator's list of people, a page at a time by name: read from an index, not sorted anew. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_name_idx').on('users').columns(['name', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_name_idx').execute()
}
