import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * From problem to effect (issue 17): a decision names the cells of the picture
 * (area × category) it answers; an action carries an operative goal and, once
 * closed, the owner agency's follow-up (carried out? effect? why?), which the
 * chair confirms at a later meeting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_problems')
    .addColumn('decision_id', 'text', (col) =>
      col.notNull().references('decisions.id').onDelete('cascade'),
    )
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    .addColumn('category_id', 'text', (col) => col.notNull().references('categories.id'))
    .addPrimaryKeyConstraint('decision_problems_pk', ['decision_id', 'area_id', 'category_id'])
    .execute()
  await db.schema
    .createIndex('decision_problems_cell_idx')
    .on('decision_problems')
    .columns(['area_id', 'category_id'])
    .execute()
  await db.schema.alterTable('actions').addColumn('goal', 'text').execute()
  // yes | partly | no
  await db.schema.alterTable('actions').addColumn('follow_up_done', 'text').execute()
  // better | unchanged | worse | cannot_tell
  await db.schema.alterTable('actions').addColumn('follow_up_effect', 'text').execute()
  await db.schema.alterTable('actions').addColumn('follow_up_reason', 'text').execute()
  await db.schema.alterTable('actions').addColumn('follow_up_by', 'text').execute()
  await db.schema.alterTable('actions').addColumn('follow_up_at', 'text').execute()
  await db.schema.alterTable('actions').addColumn('follow_up_confirmed_by', 'text').execute()
  await db.schema.alterTable('actions').addColumn('follow_up_confirmed_at', 'text').execute()
  await db.schema
    .alterTable('actions')
    .addColumn('follow_up_confirmed_meeting_id', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'goal',
    'follow_up_done',
    'follow_up_effect',
    'follow_up_reason',
    'follow_up_by',
    'follow_up_at',
    'follow_up_confirmed_by',
    'follow_up_confirmed_at',
    'follow_up_confirmed_meeting_id',
  ])
    await db.schema.alterTable('actions').dropColumn(column).execute()
  await db.schema.dropTable('decision_problems').execute()
}
