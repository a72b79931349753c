import { randomUUID } from 'node:crypto'
import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The justerat protokoll as a stored record (product.md §2.5): at the second
 * approval the minutes are rendered once, for the whole team, and kept — the
 * structured data, the HTML made from it and its SHA-256 — so that nothing
 * later (an action closed, a membership ended, an area renamed) changes them.
 *
 * Also: a chair of the meeting's own (a stand-in the coordinator names; none
 * means the team's chair), the secrecy provisions a release copy's masks cite,
 * and the release decisions themselves (begäran om allmän handling).
 */
const frozenTables = [
  'minutes_snapshots',
  'minutes_releases',
  'minutes_approvals',
  'minutes_addenda',
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('chair_user_id', 'text', (col) => col.references('users.id'))
    .execute()

  await db.schema
    .createTable('minutes_snapshots')
    .addColumn('meeting_id', 'text', (col) => col.primaryKey().references('meetings.id'))
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id'))
    .addColumn('format', 'integer', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('secrecy_provisions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('reference', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  const now = new Date().toISOString()
  const provisions: [string, string][] = [
    ['18 kap. 1 § OSL', 'Förundersökning och annan brottsbekämpande verksamhet'],
    ['18 kap. 2 § OSL', 'Underrättelseverksamhet hos polisen'],
    ['18 kap. 8 § OSL', 'Säkerhets- och bevakningsåtgärder'],
    ['23 kap. 2 § OSL', 'Elevhälsa och särskilt stöd i skolväsendet'],
    ['25 kap. 1 § OSL', 'Hälso- och sjukvård'],
    ['26 kap. 1 § OSL', 'Socialtjänst'],
    ['35 kap. 1 § OSL', 'Uppgift om enskild i brottsbekämpande verksamhet'],
  ]
  await db
    .insertInto('secrecy_provisions')
    .values(
      provisions.map(([reference, title]) => ({
        id: randomUUID(),
        reference,
        title,
        retired_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()

  await db.schema
    .createTable('minutes_releases')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('minutes_snapshots.meeting_id'),
    )
    .addColumn('decided_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (col) => col.notNull())
    .addColumn('request_reference', 'text', (col) => col.notNull())
    /** JSON: for each section of the minutes, null (released) or the secrecy provision masking it. */
    .addColumn('masks', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('minutes_releases_meeting_idx')
    .on('minutes_releases')
    .columns(['meeting_id', 'decided_at'])
    .execute()

  // What is signed stays as signed: the record, its releases, the approvals and the addenda.
  for (const table of frozenTables) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql
        .raw(
          `create function ${table}_frozen() returns trigger language plpgsql as $$ begin raise exception '${table} cannot be changed'; end $$`,
        )
        .execute(db)
      await sql
        .raw(
          `create trigger ${table}_no_change before update or delete on ${table} for each row execute function ${table}_frozen()`,
        )
        .execute(db)
    } else {
      for (const [event, name] of [
        ['update', 'no_update'],
        ['delete', 'no_delete'],
      ])
        await sql
          .raw(
            `create trigger ${table}_${name} before ${event} on ${table} begin select raise(abort, '${table} cannot be changed'); end`,
          )
          .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('minutes_releases').execute()
  await db.schema.dropTable('secrecy_provisions').execute()
  await db.schema.dropTable('minutes_snapshots').execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['minutes_approvals', 'minutes_addenda']) {
      await sql.raw(`drop trigger ${table}_no_change on ${table}`).execute(db)
      await sql.raw(`drop function ${table}_frozen()`).execute(db)
    }
    for (const table of ['minutes_snapshots', 'minutes_releases'])
      await sql.raw(`drop function ${table}_frozen()`).execute(db)
  } else {
    for (const table of ['minutes_approvals', 'minutes_addenda'])
      for (const name of ['no_update', 'no_delete'])
        await sql.raw(`drop trigger ${table}_${name}`).execute(db)
  }
  await db.schema.alterTable('meetings').dropColumn('chair_user_id').execute()
}
