import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect'
import { runExclusively } from '../../src/db/exclusive'
import { migrations } from '../../migrations'
import { scratchDir, startServerProcess, stopServerProcess } from '../support/server-process'
import { usingPostgres } from '../support/test-context'
import { dropSchemas } from '../support/drop-schema'

// Several Läget processes on one PostgreSQL: each job runs in one of them, and migrations run once.
const url = process.env.TEST_DATABASE_URL ?? ''
const dir = scratchDir('laget-cluster-')
const schemas: string[] = []

async function anEmptySchema(): Promise<{ schema: string; url: string }> {
  const schema = `t_${Math.random().toString(36).slice(2, 12)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  schemas.push(schema)
  const inSchema = new URL(url)
  inSchema.searchParams.set('options', `-c search_path=${schema}`)
  return { schema, url: inSchema.toString() }
}

afterAll(async () => {
  if (!usingPostgres()) return
  await dropSchemas(url, schemas)
})

describe.skipIf(!usingPostgres())('jobs and migrations across processes on PostgreSQL', () => {
  it('runs a job in one process at a time; when its runner dies, another takes over', async () => {
    const { schema } = await anEmptySchema()
    // The first process's connection is killed below: its loss is expected, not an error.
    const first = connect(
      { kind: 'postgres', url },
      { searchPath: schema, onConnectionLost: () => {} },
    )
    const second = connect({ kind: 'postgres', url }, { searchPath: schema })
    try {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let started!: () => void
      const running = new Promise<void>((resolve) => (started = resolve))
      const long = runExclusively(first.db, 'postgres', 'reminders', async () => {
        started()
        await held
        return 'first ran'
      })
      await running
      expect(
        await runExclusively(second.db, 'postgres', 'reminders', async () => 'second ran'),
      ).toBe('skipped')
      // Another job is not held up by this one.
      expect(await runExclusively(second.db, 'postgres', 'backup', async () => 'backup ran')).toBe(
        'backup ran',
      )
      // The runner's process dies: its connection goes, and with it the lock.
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      const locks = await admin.query(
        `select l.pid from pg_locks l where l.locktype = 'advisory' and l.classid = 7430002 and l.granted`,
      )
      expect(locks.rows).toHaveLength(1)
      for (const row of locks.rows) await admin.query('select pg_terminate_backend($1)', [row.pid])
      await admin.end()
      release()
      await long.catch(() => 'the dead runner ends with an error')
      let taken: string = 'skipped'
      for (let i = 0; i < 20 && taken === 'skipped'; i++) {
        taken = await runExclusively(second.db, 'postgres', 'reminders', async () => 'second ran')
        if (taken === 'skipped') await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(taken).toBe('second ran')
    } finally {
      await first.close().catch(() => {})
      await second.close()
    }
  })

  it('two processes started at once on an empty database: it is migrated once, both serve', async () => {
    const empty = await anEmptySchema()
    const env = { DATABASE_URL: empty.url }
    const [one, two] = await Promise.all([
      startServerProcess(`${dir}/unused-1.sqlite`, env),
      startServerProcess(`${dir}/unused-2.sqlite`, env),
    ])
    try {
      const check = connect({ kind: 'postgres', url }, { searchPath: empty.schema })
      const applied = await check.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()
      await check.close()
      expect(applied).toHaveLength(Object.keys(migrations).length)
      for (const server of [one, two]) {
        expect((await fetch(`http://127.0.0.1:${server.port}/halsa`)).status).toBe(200)
        expect(server.log()).not.toMatch(/"level":"error"/)
      }
    } finally {
      await stopServerProcess(one, 'SIGTERM')
      await stopServerProcess(two, 'SIGTERM')
    }
  })
})
