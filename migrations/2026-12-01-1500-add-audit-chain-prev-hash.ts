import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * The audit chain's head keeps the hash it replaced, so that on PostgreSQL one
 * statement can move the head and append the event: its RETURNING gives the
 * new values only, and the event needs the old hash too. One round trip holds
 * the head's row lock where three did (issue 16: saves from several processes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_chain').addColumn('prev_hash', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_chain').dropColumn('prev_hash').execute()
}
