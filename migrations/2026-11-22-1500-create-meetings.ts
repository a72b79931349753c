import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('cadence', 'text', (col) => col.notNull())
    .addColumn('interval_weeks', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('monthly_nth', 'integer')
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('start_time', 'text', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull())
    .addColumn('location', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('video_link', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('first_day', 'text', (col) => col.notNull())
    .addColumn('agenda_template', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('meeting_series_team_idx')
    .on('meeting_series')
    .column('team_id')
    .execute()

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (col) =>
      col.references('meeting_series.id').onDelete('set null'),
    )
    .addColumn('series_day', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('starts_at', 'text', (col) => col.notNull())
    .addColumn('ends_at', 'text', (col) => col.notNull())
    .addColumn('location', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('video_link', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('is_moved', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sequence', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('called_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('meetings_series_day_unique', ['series_id', 'series_day'])
    .execute()
  await db.schema
    .createIndex('meetings_team_starts_idx')
    .on('meetings')
    .columns(['team_id', 'starts_at'])
    .execute()

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('presenter_agency_id', 'text', (col) => col.references('agencies.id'))
    .addColumn('minutes', 'integer')
    .addColumn('notes', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('agenda_items_meeting_idx')
    .on('agenda_items')
    .columns(['meeting_id', 'position'])
    .execute()

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (col) =>
      col.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_feeds', 'agenda_items', 'meetings', 'meeting_series']) {
    await db.schema.dropTable(table).execute()
  }
}
