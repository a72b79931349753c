import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Gallring (product.md §2.7): retention periods per kind of record (and per
 * team where its agencies agreed to shorter ones), a report of every run, and
 * checkpoints that let the audit log and the access log lose their oldest rows
 * and still verify: a checkpoint holds the hash the pruned prefix ended with
 * (and the approved minutes' hashes it held), and rows may be deleted only up
 * to a checkpoint — the triggers refuse anything else, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('retention_settings')
    .addColumn('record_type', 'text', (col) => col.notNull())
    /** '' for every team */
    .addColumn('team_id', 'text', (col) => col.notNull())
    /** null: kept */
    .addColumn('months', 'integer')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('retention_settings_pk', ['record_type', 'team_id'])
    .execute()
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('started_by', 'text', (col) => col.references('users.id'))
    .addColumn('dry_run', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    /** JSON: per kind of record and team, rows removed, the oldest kept and why */
    .addColumn('report', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('up_to_seq', 'integer', (col) => col.primaryKey())
    .addColumn('last_hash', 'text', (col) => col.notNull())
    /** JSON: meeting id → the approved minutes' SHA-256 recorded in the pruned events */
    .addColumn('minutes', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('access_log_checkpoints')
    .addColumn('up_to_batch', 'integer', (col) => col.primaryKey())
    .addColumn('up_to_seq', 'integer', (col) => col.notNull())
    .addColumn('last_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  // Gallring finds a team's oldest entries by the end of their period.
  await db.schema
    .createIndex('situation_entries_team_period_idx')
    .on('situation_entries')
    .columns(['team_id', 'period_to'])
    .execute()

  if (postgres) {
    for (const table of ['audit_checkpoints', 'access_log_checkpoints']) {
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
    }
    // Deleting is allowed for what a checkpoint covers; changing never.
    const prunable: [string, string, string][] = [
      ['audit_events', 'old.seq', '(select max(up_to_seq) from audit_checkpoints)'],
      ['access_log', 'old.seq', '(select max(up_to_seq) from access_log_checkpoints)'],
      ['access_log_seals', 'old.batch', '(select max(up_to_batch) from access_log_checkpoints)'],
    ]
    for (const [table, column, limit] of prunable)
      await sql
        .raw(
          `create or replace function ${table}_append_only() returns trigger language plpgsql as $$ begin if tg_op = 'DELETE' and ${column} <= coalesce(${limit}, 0) then return old; end if; raise exception '${table} is append-only'; end $$`,
        )
        .execute(db)
    await sql
      .raw(
        `create or replace function access_read_set_items_append_only() returns trigger language plpgsql as $$ begin if tg_op = 'DELETE' and not exists (select 1 from access_log where read_set_id = old.set_id) then return old; end if; raise exception 'access_read_set_items is append-only'; end $$`,
      )
      .execute(db)
  } else {
    for (const table of ['audit_checkpoints', 'access_log_checkpoints'])
      for (const [event, name] of [
        ['update', 'no_update'],
        ['delete', 'no_delete'],
      ])
        await sql
          .raw(
            `create trigger ${table}_${name} before ${event} on ${table} begin select raise(abort, '${table} is append-only'); end`,
          )
          .execute(db)
    const prunable: [string, string][] = [
      ['audit_events', 'old.seq > coalesce((select max(up_to_seq) from audit_checkpoints), 0)'],
      ['access_log', 'old.seq > coalesce((select max(up_to_seq) from access_log_checkpoints), 0)'],
      [
        'access_log_seals',
        'old.batch > coalesce((select max(up_to_batch) from access_log_checkpoints), 0)',
      ],
      ['access_read_set_items', 'exists (select 1 from access_log where read_set_id = old.set_id)'],
    ]
    for (const [table, when] of prunable) {
      await sql.raw(`drop trigger ${table}_no_delete`).execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_delete before delete on ${table} when ${when} begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // Back to append-only without exception, before the checkpoints go.
  for (const table of ['audit_events', 'access_log', 'access_log_seals', 'access_read_set_items']) {
    if (postgres)
      await sql
        .raw(
          `create or replace function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$`,
        )
        .execute(db)
    else {
      await sql.raw(`drop trigger ${table}_no_delete`).execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db)
    }
  }
  await db.schema.dropIndex('situation_entries_team_period_idx').execute()
  for (const table of [
    'access_log_checkpoints',
    'audit_checkpoints',
    'retention_runs',
    'retention_settings',
  ])
    await db.schema.dropTable(table).execute()
  if (postgres)
    for (const table of ['audit_checkpoints', 'access_log_checkpoints'])
      await sql.raw(`drop function ${table}_append_only()`).execute(db)
}
