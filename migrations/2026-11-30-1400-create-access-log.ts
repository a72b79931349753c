import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The read-access log (product.md §2.6): one row per object revealed per
 * request — who, agency, role, what object, how much was shown, under which
 * legal basis — never the text. Written in batches; each batch is sealed by a
 * hash over its rows and the previous seal, so a removed or changed row breaks
 * the seal chain. Both tables are append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log_head')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addColumn('last_batch', 'integer', (col) => col.notNull())
    .addColumn('last_hash', 'text', (col) => col.notNull())
    .execute()
  await db.insertInto('access_log_head').values({ id: 1, last_seq: 0, last_batch: 0, last_hash: '0'.repeat(64) }).execute()

  await db.schema
    .createTable('access_log')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('batch', 'integer', (col) => col.notNull())
    .addColumn('read_at', 'text', (col) => col.notNull())
    .addColumn('request_id', 'text')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text')
    .addColumn('role', 'text')
    .addColumn('object_type', 'text', (col) => col.notNull())
    .addColumn('object_id', 'text', (col) => col.notNull())
    .addColumn('shown', 'text', (col) => col.notNull())
    .addColumn('legal_basis_id', 'text')
    .addColumn('via', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('access_log_object_idx').on('access_log').columns(['object_type', 'object_id', 'seq']).execute()
  await db.schema.createIndex('access_log_user_idx').on('access_log').columns(['user_id', 'seq']).execute()
  await db.schema.createIndex('access_log_agency_idx').on('access_log').columns(['agency_id', 'seq']).execute()
  await db.schema.createIndex('access_log_team_idx').on('access_log').columns(['team_id', 'seq']).execute()

  await db.schema
    .createTable('access_log_seals')
    .addColumn('batch', 'integer', (col) => col.primaryKey())
    .addColumn('first_seq', 'integer', (col) => col.notNull())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addColumn('sealed_at', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute()

  for (const table of ['access_log', 'access_log_seals']) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql.raw(`create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$`).execute(db)
      await sql.raw(`create trigger ${table}_no_change before update or delete on ${table} for each row execute function ${table}_append_only()`).execute(db)
    } else {
      await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db)
      await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['access_log_seals', 'access_log', 'access_log_head']) await db.schema.dropTable(table).execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['access_log', 'access_log_seals']) await sql.raw(`drop function ${table}_append_only()`).execute(db)
  }
}
