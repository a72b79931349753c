import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Gallring of the records that outlive their entries (issue 13):
 * - an approved minutes' record may go when the admin sets a period for it: a
 *   disposal row (the meeting, the hash it had, when and by which run) is
 *   written first, and the frozen tables allow deleting a meeting's rows only
 *   when such a row exists — changing them stays impossible;
 * - the disclosure register outlives the entry it records (its own period):
 *   an entry's deletion leaves its disclosures, pointing at nothing.
 */
const frozenTables = [
  'minutes_snapshots',
  'minutes_releases',
  'minutes_approvals',
  'minutes_addenda',
]

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('minutes_disposals')
    .addColumn('meeting_id', 'text', (col) => col.primaryKey().references('meetings.id'))
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id'))
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('approved_at', 'text', (col) => col.notNull())
    .addColumn('disposed_at', 'text', (col) => col.notNull())
    .addColumn('run_id', 'text', (col) => col.notNull())
    .execute()

  if (postgres) {
    await sql
      .raw(
        `create function minutes_disposals_append_only() returns trigger language plpgsql as $$ begin raise exception 'minutes_disposals is append-only'; end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger minutes_disposals_no_change before update or delete on minutes_disposals for each row execute function minutes_disposals_append_only()`,
      )
      .execute(db)
    for (const table of frozenTables)
      await sql
        .raw(
          `create or replace function ${table}_frozen() returns trigger language plpgsql as $$ begin if tg_op = 'DELETE' and exists (select 1 from minutes_disposals where meeting_id = old.meeting_id) then return old; end if; raise exception '${table} cannot be changed'; end $$`,
        )
        .execute(db)
    await sql`alter table disclosures alter column entry_id drop not null`.execute(db)
    await sql`alter table disclosures drop constraint disclosures_entry_id_fkey`.execute(db)
    await sql`alter table disclosures add constraint disclosures_entry_id_fkey foreign key (entry_id) references situation_entries (id) on delete set null`.execute(
      db,
    )
  } else {
    for (const [event, name] of [
      ['update', 'no_update'],
      ['delete', 'no_delete'],
    ])
      await sql
        .raw(
          `create trigger minutes_disposals_${name} before ${event} on minutes_disposals begin select raise(abort, 'minutes_disposals is append-only'); end`,
        )
        .execute(db)
    for (const table of frozenTables) {
      await sql.raw(`drop trigger ${table}_no_delete`).execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_delete before delete on ${table} when not exists (select 1 from minutes_disposals where meeting_id = old.meeting_id) begin select raise(abort, '${table} cannot be changed'); end`,
        )
        .execute(db)
    }
    await rebuildSqliteDisclosures(db, 'references situation_entries (id) on delete set null')
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // Disclosures whose entry is gone cannot go back under a not-null reference.
  await db.deleteFrom('disclosures').where('entry_id', 'is', null).execute()
  if (postgres) {
    await sql`alter table disclosures drop constraint disclosures_entry_id_fkey`.execute(db)
    await sql`alter table disclosures add constraint disclosures_entry_id_fkey foreign key (entry_id) references situation_entries (id) on delete cascade`.execute(
      db,
    )
    await sql`alter table disclosures alter column entry_id set not null`.execute(db)
    for (const table of frozenTables)
      await sql
        .raw(
          `create or replace function ${table}_frozen() returns trigger language plpgsql as $$ begin raise exception '${table} cannot be changed'; end $$`,
        )
        .execute(db)
    await db.schema.dropTable('minutes_disposals').execute()
    await sql`drop function minutes_disposals_append_only()`.execute(db)
  } else {
    await rebuildSqliteDisclosures(
      db,
      'not null references situation_entries (id) on delete cascade',
    )
    for (const table of frozenTables) {
      await sql.raw(`drop trigger ${table}_no_delete`).execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} cannot be changed'); end`,
        )
        .execute(db)
    }
    await db.schema.dropTable('minutes_disposals').execute()
  }
}

/**
 * SQLite cannot change a column's reference in place: the register and its
 * recipients are copied into new tables that replace them. Renaming the new
 * disclosures table carries the recipients' reference along (SQLite ≥ 3.26).
 */
async function rebuildSqliteDisclosures(db: Kysely<any>, entryReference: string) {
  const columns =
    'id, team_id, entry_id, category_id, from_agency_id, scope, legal_basis_id, guide_answers, decided_by, created_at'
  for (const statement of [
    `create table disclosures_new (
      id text primary key,
      team_id text not null references teams (id) on delete cascade,
      entry_id text ${entryReference},
      category_id text not null references categories (id),
      from_agency_id text not null references agencies (id),
      scope text not null,
      legal_basis_id text not null references legal_bases (id),
      guide_answers text not null,
      decided_by text not null references users (id),
      created_at text not null)`,
    `insert into disclosures_new (${columns}) select ${columns} from disclosures`,
    `create table disclosure_recipients_new (
      disclosure_id text not null references disclosures_new (id) on delete cascade,
      agency_id text not null references agencies (id),
      constraint disclosure_recipients_pk primary key (disclosure_id, agency_id))`,
    `insert into disclosure_recipients_new (disclosure_id, agency_id) select disclosure_id, agency_id from disclosure_recipients`,
    `drop table disclosure_recipients`,
    `drop table disclosures`,
    `alter table disclosures_new rename to disclosures`,
    `alter table disclosure_recipients_new rename to disclosure_recipients`,
    `create index disclosures_from_idx on disclosures (from_agency_id, created_at)`,
    `create index disclosures_entry_idx on disclosures (entry_id)`,
    `create index disclosure_recipients_agency_idx on disclosure_recipients (agency_id)`,
  ])
    await sql.raw(statement).execute(db)
}
