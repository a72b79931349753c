import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * An approved yearly report is frozen like approved minutes: the database
 * itself refuses to change or remove it, or any row of its problems, plan and
 * follow-up, once its approval is set. Drafts stay free.
 */
const children = ['yearly_problems', 'yearly_plan_rows', 'yearly_follow_ups'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function yearly_reports_frozen() returns trigger language plpgsql as $$ begin
           if old.approved_at is not null then raise exception 'yearly_reports cannot be changed once approved'; end if;
           return case when tg_op = 'DELETE' then old else new end; end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger yearly_reports_no_change before update or delete on yearly_reports for each row execute function yearly_reports_frozen()`,
      )
      .execute(db)
    await sql
      .raw(
        `create function yearly_rows_frozen() returns trigger language plpgsql as $$ begin
           if exists (select 1 from yearly_reports r where r.id = case when tg_op = 'DELETE' then old.report_id else new.report_id end and r.approved_at is not null)
             then raise exception 'the rows of an approved yearly report cannot be changed'; end if;
           return case when tg_op = 'DELETE' then old else new end; end $$`,
      )
      .execute(db)
    for (const table of children)
      await sql
        .raw(
          `create trigger ${table}_frozen before insert or update or delete on ${table} for each row execute function yearly_rows_frozen()`,
        )
        .execute(db)
    return
  }
  for (const event of ['update', 'delete'])
    await sql
      .raw(
        `create trigger yearly_reports_no_${event} before ${event} on yearly_reports when old.approved_at is not null begin select raise(abort, 'yearly_reports cannot be changed once approved'); end`,
      )
      .execute(db)
  for (const table of children)
    for (const [event, row] of [
      ['insert', 'new'],
      ['update', 'old'],
      ['delete', 'old'],
    ] as const)
      await sql
        .raw(
          `create trigger ${table}_frozen_${event} before ${event} on ${table} when exists (select 1 from yearly_reports r where r.id = ${row}.report_id and r.approved_at is not null) begin select raise(abort, 'the rows of an approved yearly report cannot be changed'); end`,
        )
        .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of children)
      await sql.raw(`drop trigger ${table}_frozen on ${table}`).execute(db)
    await sql.raw(`drop trigger yearly_reports_no_change on yearly_reports`).execute(db)
    await sql.raw(`drop function yearly_rows_frozen()`).execute(db)
    await sql.raw(`drop function yearly_reports_frozen()`).execute(db)
    return
  }
  for (const table of children)
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger ${table}_frozen_${event}`).execute(db)
  for (const event of ['update', 'delete'])
    await sql.raw(`drop trigger yearly_reports_no_${event}`).execute(db)
}
