import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Reports from people outside the meeting (EST's rapportörer, issue 17):
 * caretakers, guards and field workers hold a reporter seat in a team, which
 * gives them a short form and their own reports, nothing of the team. Their
 * agency's people in the team (or the coordinator) include a report in the
 * picture, where it becomes an entry, or return it with a reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_reporters')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    // The seat's last day (YYYY-MM-DD); null while it lasts.
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('team_reporters_team_user_unique', ['team_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('team_reporters_user_idx')
    .on('team_reporters')
    .column('user_id')
    .execute()
  await db.schema
    .createTable('situation_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('reporter_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    .addColumn('category_id', 'text', (col) => col.notNull().references('categories.id'))
    .addColumn('observed_on', 'text', (col) => col.notNull())
    .addColumn('event_count', 'integer')
    .addColumn('trend', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    // own: the reporter's agency alone; team: the whole team
    .addColumn('scope', 'text', (col) => col.notNull())
    // submitted | included | returned
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('handled_by', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('entry_id', 'text')
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('situation_reports_key_unique', ['reporter_user_id', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('situation_reports_team_status_idx')
    .on('situation_reports')
    .columns(['team_id', 'status'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('situation_reports').execute()
  await db.schema.dropTable('team_reporters').execute()
}
