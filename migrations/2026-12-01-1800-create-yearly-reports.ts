import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The municipality's yearly lägesbild and åtgärdsplan (lag 2023:196, issue 17):
 * drafted by the coordinating function, approved by the steering group and
 * then frozen like approved minutes (data, its HTML and the HTML's hash). The
 * plan runs in Brå's columns; last year's plan is followed up in this year's report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('is_municipal_coordinator', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('is_steering_group', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('yearly_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('year', 'integer', (col) => col.notNull().unique())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    // The frozen record: its data, the HTML rendered from it, and that HTML's SHA-256.
    .addColumn('data', 'text')
    .addColumn('html', 'text')
    .addColumn('sha256', 'text')
    .execute()
  await db.schema
    .createTable('yearly_problems')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) =>
      col.notNull().references('yearly_reports.id').onDelete('cascade'),
    )
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    .addColumn('category_id', 'text', (col) => col.notNull().references('categories.id'))
    .addColumn('cause', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('yearly_problems_report_idx')
    .on('yearly_problems')
    .column('report_id')
    .execute()
  await db.schema
    .createTable('yearly_plan_rows')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('report_id', 'text', (col) =>
      col.notNull().references('yearly_reports.id').onDelete('cascade'),
    )
    .addColumn('cause', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('goal', 'text', (col) => col.notNull())
    .addColumn('timing', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'text', (col) => col.notNull().references('agencies.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('yearly_plan_rows_report_idx')
    .on('yearly_plan_rows')
    .column('report_id')
    .execute()
  await db.schema
    .createTable('yearly_follow_ups')
    .addColumn('report_id', 'text', (col) =>
      col.notNull().references('yearly_reports.id').onDelete('cascade'),
    )
    .addColumn('plan_row_id', 'text', (col) => col.notNull().references('yearly_plan_rows.id'))
    // yes | partly | no
    .addColumn('done', 'text', (col) => col.notNull())
    // better | unchanged | worse | cannot_tell
    .addColumn('effect', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('yearly_follow_ups_pk', ['report_id', 'plan_row_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('yearly_follow_ups').execute()
  await db.schema.dropTable('yearly_plan_rows').execute()
  await db.schema.dropTable('yearly_problems').execute()
  await db.schema.dropTable('yearly_reports').execute()
  await db.schema.alterTable('users').dropColumn('is_steering_group').execute()
  await db.schema.alterTable('users').dropColumn('is_municipal_coordinator').execute()
}
