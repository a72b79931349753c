import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/** Each person's choice: mail when a meeting is called and when minutes await their approval (on by default). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('mail_notifications', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('mail_notifications').execute()
}
