import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Loggkontroll per agency: a person the administrator makes log reviewer of
 * their own agency sees who in the agency read what and who read the agency's
 * entries — no content — and records each review done, with a note.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('is_log_reviewer', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('log_reviews')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('reviewer_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('period_from', 'text', (col) => col.notNull())
    .addColumn('period_to', 'text', (col) => col.notNull())
    .addColumn('reads_sampled', 'integer', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('log_reviews_agency_idx')
    .on('log_reviews')
    .columns(['agency_id', 'created_at'])
    .execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function log_reviews_append_only() returns trigger language plpgsql as $$ begin raise exception 'log_reviews is append-only'; end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger log_reviews_no_change before update or delete on log_reviews for each row execute function log_reviews_append_only()`,
      )
      .execute(db)
  } else {
    await sql
      .raw(
        `create trigger log_reviews_no_update before update on log_reviews begin select raise(abort, 'log_reviews is append-only'); end`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger log_reviews_no_delete before delete on log_reviews begin select raise(abort, 'log_reviews is append-only'); end`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('log_reviews').execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function log_reviews_append_only()`.execute(db)
  await db.schema.alterTable('users').dropColumn('is_log_reviewer').execute()
}
