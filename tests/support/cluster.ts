// For tests of several Läget processes on one PostgreSQL: a schema of the test's own, migrated,
// and server processes on it. Call inside the describe block (skipped without PostgreSQL).
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { connect, type Connection } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { dropSchemas } from './drop-schema'
import { startServerProcess, stopServerProcess, type ServerProcess } from './server-process'

export type ClusterSchema = {
  schema: string
  connection: Connection
  /** Starts two Läget processes on the schema at once (stopped after the file). */
  startTwo: (env?: Record<string, string>) => Promise<[ServerProcess, ServerProcess]>
}

export function useClusterSchema(dir: string): ClusterSchema {
  const url = process.env.TEST_DATABASE_URL ?? ''
  const schema = `t_${Math.random().toString(36).slice(2, 12)}`
  const inSchema = new URL(url || 'postgres://unused')
  inSchema.searchParams.set('options', `-c search_path=${schema}`)
  const processes: ServerProcess[] = []
  const state = {
    schema,
    startTwo: async (env: Record<string, string> = {}) => {
      const start = (name: string) =>
        startServerProcess(`${dir}/${name}.sqlite`, { DATABASE_URL: inSchema.toString(), ...env })
      const started = await Promise.all([start('unused-a'), start('unused-b')])
      processes.push(...started)
      return started
    },
  } as ClusterSchema
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    state.connection = connect({ kind: 'postgres', url }, { searchPath: schema })
    await migrateToLatest(state.connection.db)
  })
  afterAll(async () => {
    for (const server of processes) await stopServerProcess(server, 'SIGTERM')
    await state.connection?.close()
    await dropSchemas(url, [schema])
  })
  return state
}
