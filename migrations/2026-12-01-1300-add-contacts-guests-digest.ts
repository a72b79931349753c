import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Membership kept by those who know (issue 15): agency contacts, who invite
 * their own agency's people and name its representatives in teams; guests
 * for one meeting; the weekly digest a person may choose.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('is_agency_contact', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('mail_digest', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  /** When the agency's contact named this representative (the coordinator sees it on the member page). */
  await db.schema.alterTable('team_memberships').addColumn('named_by_contact_at', 'text').execute()
  /** When the agency's contacts were told that this seat ends soon (once per last day). */
  await db.schema.alterTable('team_memberships').addColumn('end_reminded_for', 'text').execute()

  await db.schema
    .createTable('meeting_guest_access')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('meeting_id', 'text', (col) =>
      col.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('meeting_guest_access_once', ['meeting_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('meeting_guest_access_user_idx')
    .on('meeting_guest_access')
    .column('user_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_guest_access').execute()
  await db.schema.alterTable('team_memberships').dropColumn('end_reminded_for').execute()
  await db.schema.alterTable('team_memberships').dropColumn('named_by_contact_at').execute()
  await db.schema.alterTable('users').dropColumn('mail_digest').execute()
  await db.schema.alterTable('users').dropColumn('is_agency_contact').execute()
}
