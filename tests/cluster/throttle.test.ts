import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Connection } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { aUser } from '../support/builders'
import { dropSchemas } from '../support/drop-schema'
import {
  clientOf,
  scratchDir,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/server-process'
import { usingPostgres } from '../support/test-context'

// Sign-in throttling across two processes on one PostgreSQL: the limit is the same as with one.
const url = process.env.TEST_DATABASE_URL ?? ''
const dir = scratchDir('laget-cluster-throttle-')
const schema = `t_${Math.random().toString(36).slice(2, 12)}`
let connection: Connection
let a: ServerProcess
let b: ServerProcess

describe.skipIf(!usingPostgres())('sign-in throttling across two processes', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    connection = connect({ kind: 'postgres', url }, { searchPath: schema })
    await migrateToLatest(connection.db)
    const inSchema = new URL(url)
    inSchema.searchParams.set('options', `-c search_path=${schema}`)
    const env = { DATABASE_URL: inSchema.toString() }
    ;[a, b] = await Promise.all([
      startServerProcess(`${dir}/a.sqlite`, env),
      startServerProcess(`${dir}/b.sqlite`, env),
    ])
  })
  afterAll(async () => {
    if (a) await stopServerProcess(a, 'SIGTERM')
    if (b) await stopServerProcess(b, 'SIGTERM')
    await connection?.close()
    if (usingPostgres()) await dropSchemas(url, [schema])
  })

  it('five wrong passwords spread over both processes, then the sixth is refused by either', async () => {
    const person = await aUser(connection.db)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const server = i % 2 === 0 ? a : b
      const response = await clientOf(server).submit('/logga-in', {
        email: person.email,
        password: `fel lösenord ${i}`,
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    // Both processes refuse now, the right password too.
    for (const server of [a, b]) {
      const response = await clientOf(server).submit('/logga-in', {
        email: person.email,
        password: person.password,
      })
      expect(response.status).toBe(429)
    }
  })
})
