import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('situation_entries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (col) => col.references('meetings.id'))
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    .addColumn('category_id', 'text', (col) => col.notNull().references('categories.id'))
    .addColumn('period_from', 'text', (col) => col.notNull())
    .addColumn('period_to', 'text', (col) => col.notNull())
    // ISO week of the period's last day, "2026-W47": what a stub shows and what the picture counts by.
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('event_count', 'integer')
    .addColumn('trend', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('own_reference', 'text', (col) => col.notNull())
    .addColumn('source_agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('author_user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('legal_basis_id', 'text', (col) => col.references('legal_bases.id'))
    // The form's one-time key: a resent or double-clicked submit finds the entry it already made.
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('situation_entries_idempotency_unique', [
      'author_user_id',
      'idempotency_key',
    ])
    .execute()
  await db.schema
    .createIndex('situation_entries_meeting_idx')
    .on('situation_entries')
    .columns(['meeting_id', 'area_id', 'category_id'])
    .execute()
  await db.schema
    .createIndex('situation_entries_team_week_idx')
    .on('situation_entries')
    .columns(['team_id', 'week'])
    .execute()
  await db.schema
    .createIndex('situation_entries_author_idx')
    .on('situation_entries')
    .columns(['author_user_id', 'team_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('situation_entry_recipients')
    .addColumn('entry_id', 'text', (col) =>
      col.notNull().references('situation_entries.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('situation_entry_recipients_pk', ['entry_id', 'agency_id'])
    .execute()

  // The disclosure register: every widening of an entry's audience. Never the entry's text.
  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (col) =>
      col.notNull().references('situation_entries.id').onDelete('cascade'),
    )
    .addColumn('category_id', 'text', (col) => col.notNull().references('categories.id'))
    .addColumn('from_agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('legal_basis_id', 'text', (col) => col.notNull().references('legal_bases.id'))
    // JSON: the sharing guide's answers that proposed the basis
    .addColumn('guide_answers', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('disclosures_from_idx')
    .on('disclosures')
    .columns(['from_agency_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('disclosures_entry_idx')
    .on('disclosures')
    .column('entry_id')
    .execute()

  await db.schema
    .createTable('disclosure_recipients')
    .addColumn('disclosure_id', 'text', (col) =>
      col.notNull().references('disclosures.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('disclosure_recipients_pk', ['disclosure_id', 'agency_id'])
    .execute()
  await db.schema
    .createIndex('disclosure_recipients_agency_idx')
    .on('disclosure_recipients')
    .column('agency_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disclosure_recipients').execute()
  await db.schema.dropTable('disclosures').execute()
  await db.schema.dropTable('situation_entry_recipients').execute()
  await db.schema.dropTable('situation_entries').execute()
}
