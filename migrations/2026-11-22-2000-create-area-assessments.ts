import { sql, type Kysely } from 'kysely'

// Frozen in time: no imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  // The team's assessment scale, lowest level first, as JSON: ["Grön","Gul","Orange","Röd"].
  await db.schema
    .alterTable('teams')
    .addColumn('assessment_scale', 'text', (col) =>
      col.notNull().defaultTo('["Grön","Gul","Orange","Röd"]'),
    )
    .execute()

  await db.schema
    .createTable('area_assessments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    // The meeting's ISO week, "2026-W47": the overview reads levels by week.
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('level', 'integer', (col) => col.notNull())
    .addColumn('trend', 'text', (col) => col.notNull())
    .addColumn('justification', 'text', (col) => col.notNull())
    .addColumn('set_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('area_assessments_meeting_area_unique', ['meeting_id', 'area_id'])
    .execute()
  await db.schema
    .createIndex('area_assessments_team_week_idx')
    .on('area_assessments')
    .columns(['team_id', 'week', 'area_id'])
    .execute()

  // The situation picture counted per week × area × category × source agency, kept
  // on every write of an entry, so the overview over years reads thousands of rows,
  // not millions. Withdrawn entries are not counted; `own` entries apart, since
  // only their agency (and their listed recipients) may count them.
  await db.schema
    .createTable('situation_cells')
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('area_id', 'text', (col) => col.notNull())
    .addColumn('category_id', 'text', (col) => col.notNull())
    .addColumn('source_agency_id', 'text', (col) => col.notNull())
    .addColumn('source_kind', 'text', (col) => col.notNull())
    .addColumn('shared_entries', 'integer', (col) => col.notNull())
    .addColumn('own_entries', 'integer', (col) => col.notNull())
    .addColumn('events', 'integer', (col) => col.notNull())
    .addColumn('increasing', 'integer', (col) => col.notNull())
    .addColumn('unchanged', 'integer', (col) => col.notNull())
    .addColumn('decreasing', 'integer', (col) => col.notNull())
    .addColumn('uncertain', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('situation_cells_pk', [
      'team_id',
      'week',
      'area_id',
      'category_id',
      'source_agency_id',
    ])
    .execute()
  await sql`
    insert into situation_cells (team_id, week, area_id, category_id, source_agency_id, source_kind, shared_entries, own_entries, events, increasing, unchanged, decreasing, uncertain)
    select e.team_id, e.week, e.area_id, e.category_id, e.source_agency_id, a.kind,
      sum(case when e.scope <> 'own' then 1 else 0 end),
      sum(case when e.scope = 'own' then 1 else 0 end),
      sum(case when e.scope <> 'own' then coalesce(e.event_count, 0) else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'increasing' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'unchanged' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'decreasing' then 1 else 0 end),
      sum(case when e.scope <> 'own' and e.trend = 'uncertain' then 1 else 0 end)
    from situation_entries e join agencies a on a.id = e.source_agency_id
    where e.withdrawn_at is null
    group by e.team_id, e.week, e.area_id, e.category_id, e.source_agency_id, a.kind
  `.execute(db)
  // The newest entries of a team (team page, entry list) read backwards along this index.
  await db.schema.dropIndex('situation_entries_team_week_idx').execute()
  await db.schema
    .createIndex('situation_entries_team_week_created_idx')
    .on('situation_entries')
    .columns(['team_id', 'week', 'created_at'])
    .execute()
  await db.schema
    .createIndex('situation_entry_recipients_agency_idx')
    .on('situation_entry_recipients')
    .column('agency_id')
    .execute()

  await db.schema
    .createTable('analyses')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    // "quarter" | "tertial" | "year", and the period's first and last day
    .addColumn('period_kind', 'text', (col) => col.notNull())
    .addColumn('period_from', 'text', (col) => col.notNull())
    .addColumn('period_to', 'text', (col) => col.notNull())
    .addColumn('conclusions', 'text', (col) => col.notNull())
    .addColumn('priorities', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('approved_by', 'text', (col) => col.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('analyses_team_idx')
    .on('analyses')
    .columns(['team_id', 'period_from'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analyses').execute()
  await db.schema.dropIndex('situation_entry_recipients_agency_idx').execute()
  await db.schema.dropIndex('situation_entries_team_week_created_idx').execute()
  await db.schema
    .createIndex('situation_entries_team_week_idx')
    .on('situation_entries')
    .columns(['team_id', 'week'])
    .execute()
  await db.schema.dropTable('situation_cells').execute()
  await db.schema.dropTable('area_assessments').execute()
  await db.schema.alterTable('teams').dropColumn('assessment_scale').execute()
}
