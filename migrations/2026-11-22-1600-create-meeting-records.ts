import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('minute_checker_user_id', 'text', (col) => col.references('users.id'))
    .execute()

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('present', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'agency_id'])
    .execute()

  await db.schema
    .createTable('meeting_guests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('organisation', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('agenda_item_id', 'text', (col) =>
      col.references('agenda_items.id').onDelete('set null'),
    )
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('decisions_meeting_idx')
    .on('decisions')
    .column('meeting_id')
    .execute()

  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (col) => col.notNull().references('meetings.id'))
    .addColumn('decision_id', 'text', (col) => col.notNull().references('decisions.id'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('owner_agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('owner_user_id', 'text', (col) => col.references('users.id'))
    .addColumn('due_on', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('actions_team_status_idx')
    .on('actions')
    .columns(['team_id', 'status', 'due_on'])
    .execute()
  await db.schema
    .createIndex('actions_owner_idx')
    .on('actions')
    .columns(['owner_agency_id', 'status'])
    .execute()

  // One row each time an open action comes back on a meeting's follow-up: three or more means escalate.
  await db.schema
    .createTable('action_reviews')
    .addColumn('action_id', 'text', (col) =>
      col.notNull().references('actions.id').onDelete('cascade'),
    )
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('action_reviews_pk', ['action_id', 'meeting_id'])
    .execute()

  await db.schema
    .createTable('action_progress_notes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('action_id', 'text', (col) =>
      col.notNull().references('actions.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('action_progress_notes_action_idx')
    .on('action_progress_notes')
    .column('action_id')
    .execute()

  await db.schema
    .createTable('minutes_approvals')
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('capacity', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('approved_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('minutes_approvals_pk', ['meeting_id', 'capacity'])
    .execute()

  await db.schema
    .createTable('minutes_addenda')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('signed_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'minutes_addenda',
    'minutes_approvals',
    'action_progress_notes',
    'action_reviews',
    'actions',
    'decisions',
    'meeting_guests',
    'meeting_attendance',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.alterTable('meetings').dropColumn('minute_checker_user_id').execute()
}
