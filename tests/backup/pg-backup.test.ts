import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDatabase, restoreDatabase } from '../../src/backup/backup'
import { connect, type Db } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { runRetention } from '../../src/retention/retention'
import { aMembership, anArea, aTeam, aUser } from '../support/builders'
import { scratchDir } from '../support/server-process'

// The PostgreSQL way (README "Backup and restore"): pg_dump in its custom format, pg_restore into
// an empty database. Databases of their own on the test server, so that the dump holds nothing
// of the tests running beside it in their schemas.
const url = process.env.TEST_DATABASE_URL
const hasTools = spawnSync('pg_dump', ['--version']).status === 0
const dir = scratchDir('laget-pg-backup-')
const suffix = Math.random().toString(36).slice(2, 10)
const names = { source: `laget_backup_${suffix}`, target: `laget_restore_${suffix}` }
const urlOf = (name: string) => {
  const next = new URL(url!)
  next.pathname = `/${name}`
  return next.toString()
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

describe.skipIf(!url || !hasTools)('backup and restore on PostgreSQL', () => {
  beforeAll(async () => {
    await admin(async (client) => {
      for (const name of Object.values(names)) await client.query(`create database ${name}`)
    })
  })
  afterAll(async () => {
    await admin(async (client) => {
      for (const name of Object.values(names))
        await client.query(`drop database if exists ${name} with (force)`)
    })
  })

  it('dumps a database in use and restores it into an empty one: same rows, chain whole', async () => {
    const source = connect({ kind: 'postgres', url: urlOf(names.source) })
    let counts: Record<string, number>
    try {
      const db: Db = source.db
      await migrateToLatest(db)
      const team = await aTeam(db, { kind: 'est' })
      await anArea(db, team.id, 'Centrum')
      const member = await aUser(db)
      await aMembership(db, team.id, member.id, 'member')
      // Some events in the chain: a dry run of gallring writes its start and its report.
      await runRetention(
        { db, kind: 'postgres' },
        { dryRun: true, actor: { userId: null, agencyId: null } },
      )
      counts = await countsOf(db)
      expect(counts.audit_events).toBeGreaterThan(0)
    } finally {
      await source.close()
    }
    const file = join(dir, 'laget.dump')
    const backup = await backupDatabase({ kind: 'postgres', url: urlOf(names.source) }, file)
    expect(backup.verification.faults).toEqual([])
    expect(backup.bytes).toBeGreaterThan(0)

    const restored = await restoreDatabase({ kind: 'postgres', url: urlOf(names.target) }, file, {
      force: false,
    })
    expect(restored.verification.faults).toEqual([])
    expect(restored.migrated).toEqual([])
    const target = connect({ kind: 'postgres', url: urlOf(names.target) })
    try {
      expect(await countsOf(target.db)).toEqual(counts)
    } finally {
      await target.close()
    }
    // Never over a database in use unless told.
    await expect(
      restoreDatabase({ kind: 'postgres', url: urlOf(names.target) }, file, { force: false }),
    ).rejects.toThrow(/not empty/)
  })
})

async function countsOf(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of ['teams', 'users', 'areas', 'team_memberships', 'audit_events'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}
