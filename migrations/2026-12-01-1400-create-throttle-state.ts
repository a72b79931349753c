import type { Kysely } from 'kysely'

// Frozen in time: no imports from src/.

/**
 * Sign-in throttling shared by every Läget process on one PostgreSQL (issue
 * 16): token buckets, the next free slot of held attempts, and the browsers an
 * account's owner signed in from (by the hash of their cookie). A single
 * process keeps the same in memory and leaves these tables empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttle_buckets')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('tokens', 'double precision', (col) => col.notNull())
    /** ms since epoch */
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('throttle_slots')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('next_at', 'bigint', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('known_devices')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'bigint', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('known_devices').execute()
  await db.schema.dropTable('throttle_slots').execute()
  await db.schema.dropTable('throttle_buckets').execute()
}
