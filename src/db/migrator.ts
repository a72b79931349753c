import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { migrations } from '../../migrations/index'

// kysely's FileMigrationProvider cannot import .ts files under vitest on Node 20,
// so the migrations are listed in one module and handed over from memory.
const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
