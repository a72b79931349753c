import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The read-access log (product.md §2.6): for every object a request reveals,
 * one logical row — who, agency, role, what object, how much was shown, under
 * which legal basis, where — never the text (the view `access_log_rows`).
 *
 * Stored as one row per request (`access_log`) pointing at the set of objects
 * it read (`access_read_set_items`). Many requests read the very same set (the
 * meeting view of one role and agency until the meeting changes), so a set is
 * stored once, named by the SHA-256 of its items: a changed or removed item no
 * longer matches its name. Request rows are written in batches, each sealed by
 * a hash over its rows and the previous seal. All of it is append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log_head')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addColumn('last_batch', 'integer', (col) => col.notNull())
    .addColumn('last_hash', 'text', (col) => col.notNull())
    .execute()
  await db
    .insertInto('access_log_head')
    .values({ id: 1, last_seq: 0, last_batch: 0, last_hash: '0'.repeat(64) })
    .execute()

  await db.schema
    .createTable('access_read_set_items')
    .addColumn('set_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('object_type', 'text', (col) => col.notNull())
    .addColumn('object_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text')
    .addColumn('role', 'text')
    .addColumn('shown', 'text', (col) => col.notNull())
    .addColumn('legal_basis_id', 'text')
    .addPrimaryKeyConstraint('access_read_set_items_pk', ['set_id', 'position'])
    .execute()
  await db.schema
    .createIndex('access_read_set_items_object_idx')
    .on('access_read_set_items')
    .columns(['object_id', 'set_id'])
    .execute()
  await db.schema
    .createIndex('access_read_set_items_team_idx')
    .on('access_read_set_items')
    .columns(['team_id', 'set_id'])
    .execute()

  await db.schema
    .createTable('access_log')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('batch', 'integer', (col) => col.notNull())
    .addColumn('read_at', 'text', (col) => col.notNull())
    .addColumn('request_id', 'text')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'text', (col) => col.notNull())
    .addColumn('via', 'text', (col) => col.notNull())
    .addColumn('read_set_id', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('access_log_set_idx')
    .on('access_log')
    .columns(['read_set_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('access_log_user_idx')
    .on('access_log')
    .columns(['user_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('access_log_agency_idx')
    .on('access_log')
    .columns(['agency_id', 'seq'])
    .execute()

  await db.schema
    .createTable('access_log_seals')
    .addColumn('batch', 'integer', (col) => col.primaryKey())
    .addColumn('first_seq', 'integer', (col) => col.notNull())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addColumn('sealed_at', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute()

  await sql`
    create view access_log_rows as
    select l.seq, l.batch, l.read_at, l.request_id, l.user_id, l.agency_id, l.via, l.read_set_id, i.position,
           i.team_id, i.role, i.object_type, i.object_id, i.shown, i.legal_basis_id
    from access_log l join access_read_set_items i on i.set_id = l.read_set_id`.execute(db)

  for (const table of ['access_log', 'access_log_seals', 'access_read_set_items']) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql
        .raw(
          `create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$`,
        )
        .execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_change before update or delete on ${table} for each row execute function ${table}_append_only()`,
        )
        .execute(db)
    } else {
      await sql
        .raw(
          `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view access_log_rows`.execute(db)
  for (const table of [
    'access_log_seals',
    'access_log',
    'access_read_set_items',
    'access_log_head',
  ])
    await db.schema.dropTable(table).execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['access_log', 'access_log_seals', 'access_read_set_items'])
      await sql.raw(`drop function ${table}_append_only()`).execute(db)
  }
}
