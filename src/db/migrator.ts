import {
  Migrator,
  PostgresAdapter,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely'
import { migrations } from '../../migrations/index'

// kysely's FileMigrationProvider cannot import .ts files under vitest on Node 20,
// so the migrations are listed in one module and handed over from memory.
const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
}

export async function createMigrator(db: Kysely<any>): Promise<Migrator> {
  return new Migrator({ db, provider, ...(await migrationSchema(db)) })
}

/**
 * On PostgreSQL, held (by one connection) while migrating: several processes
 * starting at once migrate one after the other, and the migrator's look at the
 * catalogue never meets a schema being dropped beside it (tests drop theirs
 * under the same lock).
 */
export const migrationLockKey = 7_430_003

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrate = async () => {
    const { error, results } = await (await createMigrator(db)).migrateToLatest()
    if (error) throw error
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  }
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrate()
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${migrationLockKey})`.execute(connection)
    try {
      return await migrate()
    } finally {
      await sql`select pg_advisory_unlock(${migrationLockKey})`.execute(connection)
    }
  })
}

// On PostgreSQL the migrator looks for its own tables in every schema it can see;
// pinning it to the connection's current schema keeps two installations (or two
// test schemas) in one database apart.
async function migrationSchema(db: Kysely<any>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {}
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ? { migrationTableSchema: rows[0].schema } : {}
}
