import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  findBrokenAuditLink,
  recordAuditEvents,
  type AuditActor,
  type AuditEvent,
} from '../../src/audit/audit.repository'
import type { Trx } from '../../src/db/connect'
import { openSqlite } from '../../src/db/connect'
import { isUniqueViolation } from '../../src/db/unique-name'
import { NO_MIGRATIONS } from 'kysely'
import { createMigrator, migrateToLatest } from '../../src/db/migrator'
import { createTestContext, usingPostgres, type TestContext } from '../support/test-context'

let ctx: TestContext
const recordAuditEvent = (trx: Trx, actor: AuditActor, event: AuditEvent) =>
  recordAuditEvents(trx, [{ event, actor }])
/** The actions matching `pattern` (SQL like), in the chain's order. */
const actionsInChainOrder = async (pattern: string) =>
  (
    await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', pattern)
      .orderBy('seq')
      .execute()
  ).map((row) => row.action)
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

describe('the database', () => {
  it('is migrated, and migrating again changes nothing', async () => {
    expect(await migrateToLatest(ctx.db)).toEqual([])
    const tables = [
      'agencies',
      'users',
      'sessions',
      'teams',
      'team_memberships',
      'areas',
      'categories',
      'audit_events',
    ]
    for (const table of tables) {
      await expect(
        sql`select count(*) as n from ${sql.table(table)}`.execute(ctx.db),
      ).resolves.toBeDefined()
    }
  })

  it('migrates down to nothing and up again', async () => {
    const own = await createTestContext()
    try {
      const migrator = await createMigrator(own.db)
      const down = await migrator.migrateTo(NO_MIGRATIONS)
      expect(down.error).toBeUndefined()
      await expect(sql`select count(*) from agencies`.execute(own.db)).rejects.toThrow()
      expect((await migrateToLatest(own.db)).length).toBeGreaterThan(0)
    } finally {
      await own.destroy()
    }
  })

  it.runIf(!process.env.TEST_DATABASE_URL)(
    'opens SQLite with WAL, synchronous=FULL, foreign keys and a busy timeout',
    () => {
      // A second open of the same WAL file: better-sqlite3 would reopen at NORMAL without our pragma.
      const sqlite = openSqlite(ctx.sqliteFile!)
      try {
        expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
        expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
        expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
        expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
      } finally {
        sqlite.close()
      }
    },
  )

  it('enforces foreign keys', async () => {
    await expect(
      ctx.db
        .insertInto('users')
        .values({
          id: crypto.randomUUID(),
          email: 'ingen.aktor@example.se',
          name: 'Ingen Aktör',
          agency_id: crypto.randomUUID(),
          status: 'active',
          password_hash: null,
          is_admin: 0,
          is_auditor: 0,
          locale: 'sv',
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow()
  })
})

describe('recordAuditEvent', () => {
  it('chains events by hash, and the chain verifies', async () => {
    const actor = { userId: null, agencyId: null }
    await ctx.db
      .transaction()
      .execute((trx) => recordAuditEvent(trx, actor, { action: 'test.one' }))
    await ctx.db
      .transaction()
      .execute((trx) => recordAuditEvent(trx, actor, { action: 'test.two', details: { n: 2 } }))
    const rows = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', 'in', ['test.one', 'test.two'])
      .orderBy('seq')
      .execute()
    expect(rows.map((row) => row.action)).toEqual(['test.one', 'test.two'])
    expect(rows[1]!.seq).toBe(rows[0]!.seq + 1)
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash)
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })

  it.runIf(usingPostgres())(
    'takes the chain only at the commit: an open change does not hold up the next',
    async () => {
      const actor = { userId: null, agencyId: null }
      let finishFirst!: () => void
      const firstMayCommit = new Promise<void>((resolve) => (finishFirst = resolve))
      let firstRecorded!: () => void
      const recorded = new Promise<void>((resolve) => (firstRecorded = resolve))
      const first = ctx.db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, actor, { action: 'test.open.first' })
        await recordAuditEvent(trx, actor, { action: 'test.open.first.again' })
        firstRecorded()
        await firstMayCommit
      })
      await recorded
      // With the head locked from the first change's record to its commit, this would wait forever.
      await ctx.db
        .transaction()
        .execute((trx) => recordAuditEvent(trx, actor, { action: 'test.open.second' }))
      finishFirst()
      await first
      // Chained in commit order; one change's events stay in the order it recorded them.
      expect(await actionsInChainOrder('test.open.%')).toEqual([
        'test.open.second',
        'test.open.first',
        'test.open.first.again',
      ])
      expect(await findBrokenAuditLink(ctx.db)).toBeNull()
      const pending = await sql<{
        n: number
      }>`select count(*)::int as n from audit_pending`.execute(ctx.db)
      expect(pending.rows[0]!.n).toBe(0)
    },
  )

  it("appends a change's events in the order it recorded them, in one go", async () => {
    const actor = { userId: null, agencyId: null }
    await ctx.db.transaction().execute((trx) =>
      recordAuditEvents(
        trx,
        ['c', 'a', 'b'].map((name) => ({ event: { action: `test.batch.${name}` }, actor })),
      ),
    )
    expect(await actionsInChainOrder('test.batch.%')).toEqual([
      'test.batch.c',
      'test.batch.a',
      'test.batch.b',
    ])
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })

  it('keeps the chain whole under concurrent writers', async () => {
    const actor = { userId: null, agencyId: null }
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ctx.db
          .transaction()
          .execute((trx) => recordAuditEvent(trx, actor, { action: `test.parallel.${i}` })),
      ),
    )
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })

  it('is append-only: updates and deletes are refused by the database', async () => {
    await ctx.db
      .transaction()
      .execute((trx) =>
        recordAuditEvent(trx, { userId: null, agencyId: null }, { action: 'test.immutable' }),
      )
    await expect(
      ctx.db.updateTable('audit_events').set({ action: 'changed' }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(ctx.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/)
  })

  it('rolls back with the change it belongs to', async () => {
    const before = await ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await recordAuditEvent(
          trx,
          { userId: null, agencyId: null },
          { action: 'test.rolled_back' },
        )
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const after = await ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

describe('isUniqueViolation', () => {
  it('recognises a unique-constraint error from this database', async () => {
    const now = new Date().toISOString()
    const row = {
      name: 'Dubbletten',
      kind: 'police' as const,
      is_public_authority: 1,
      created_at: now,
      updated_at: now,
    }
    await ctx.db
      .insertInto('agencies')
      .values({ id: crypto.randomUUID(), ...row })
      .execute()
    const error = await ctx.db
      .insertInto('agencies')
      .values({ id: crypto.randomUUID(), ...row })
      .execute()
      .catch((caught: unknown) => caught)
    expect(isUniqueViolation(error)).toBe(true)
    expect(isUniqueViolation(new Error('something else'))).toBe(false)
  })
})
