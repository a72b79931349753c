import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * A decision may also name entries of the meeting's picture it answers (issue
 * 17): links by id only, never a copy of their text. Each reader sees a link
 * only to an entry they may see; an entry removed by gallring takes its links along.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_entries')
    .addColumn('decision_id', 'text', (col) =>
      col.notNull().references('decisions.id').onDelete('cascade'),
    )
    .addColumn('entry_id', 'text', (col) =>
      col.notNull().references('situation_entries.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('decision_entries_pk', ['decision_id', 'entry_id'])
    .execute()
  await db.schema
    .createIndex('decision_entries_entry_idx')
    .on('decision_entries')
    .column('entry_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_entries').execute()
}
