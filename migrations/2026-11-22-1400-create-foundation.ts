import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/. Instants are ISO-8601 UTC text, calendar
// days YYYY-MM-DD text and flags 0/1 integers, identical on SQLite and PostgreSQL.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('is_public_authority', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_admin', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('is_auditor', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locale', 'text', (col) => col.notNull().defaultTo('sv'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('users_agency_idx').on('users').column('agency_id').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('secret_hash', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('team_memberships')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('team_memberships_team_user_unique', ['team_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('team_memberships_user_idx')
    .on('team_memberships')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('areas_team_name_unique', ['team_id', 'name'])
    .execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('is_sensitive', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('default_scope', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('categories_team_name_unique', ['team_id', 'name'])
    .execute()

  // The audit log is a hash chain: each event stores the hash of the one before.
  // audit_chain holds the head; updating its single row serialises writers on both databases.
  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .addColumn('last_hash', 'text', (col) => col.notNull())
    .execute()
  await db
    .insertInto('audit_chain')
    .values({ id: 1, last_seq: 0, last_hash: '0'.repeat(64) })
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_agency_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('details', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('audit_events_object_idx')
    .on('audit_events')
    .columns(['object_type', 'object_id'])
    .execute()
  await db.schema
    .createIndex('audit_events_actor_idx')
    .on('audit_events')
    .column('actor_user_id')
    .execute()

  if (isPostgres(db)) {
    await sql`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only';
      end $$`.execute(db)
    await sql`
      create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db)
  } else {
    await sql`
      create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db)
    await sql`
      create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute()
  if (isPostgres(db)) await sql`drop function audit_events_append_only()`.execute(db)
  for (const table of [
    'audit_chain',
    'categories',
    'areas',
    'team_memberships',
    'teams',
    'one_time_tokens',
    'sessions',
    'users',
    'agencies',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}
