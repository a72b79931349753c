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

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await (await createMigrator(db)).migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

// On PostgreSQL the migrator looks for its own tables in every schema it can see;
// pinning it to the connection's current schema keeps two installations (or two
// test schemas) in one database apart.
async function migrationSchema(db: Kysely<any>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {}
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ? { migrationTableSchema: rows[0].schema } : {}
}
