import pg from 'pg'
import { migrationLockKey } from '../../src/db/migrator'

/**
 * Drops a test's schema under the lock migrations hold: a migration starting
 * in another test's schema looks at the whole catalogue, and must not meet a
 * schema half gone.
 */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey])
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`)
  } finally {
    await client.end()
  }
}
