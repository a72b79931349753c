import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { connect } from '../../src/db/connect'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../../src/i18n/format'
import { createEntry } from '../../src/situation/entries/situation-entry.repository'
import { aUser } from '../support/builders'
import { inTransaction } from '../support/in-transaction'
import {
  aReportingTeamIn,
  clientOf,
  scratchDir,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/server-process'
import { usingPostgres } from '../support/test-context'

const dir = scratchDir('laget-retention-crash-')
let server: ServerProcess | null = null

describe.skipIf(usingPostgres())('gallring killed half-way (SQLite)', () => {
  it('leaves a whole database, marks the run failed at the next start, and the next run finishes it', async () => {
    const file = join(dir, 'laget.sqlite')
    const team = await aReportingTeamIn(file)
    const connection = connect({ kind: 'sqlite', file })
    const old = addDaysToDay(todayInStockholm(), -500)
    const admin = await aUser(connection.db, { isAdmin: true })
    await inTransaction(connection.db, async (trx) => {
      const member = await trx
        .selectFrom('users')
        .select(['id', 'agency_id'])
        .where('email', '=', team.member.email)
        .executeTakeFirstOrThrow()
      for (let i = 0; i < 6000; i++)
        await createEntry(trx, {
          teamId: team.teamId,
          meetingId: null,
          areaId: team.areaId,
          categoryId: team.categoryId,
          periodFrom: addDaysToDay(old, -6),
          periodTo: old,
          week: isoWeekKey(old),
          eventCount: 1,
          trend: 'unchanged',
          description: 'Gammal iakttagelse vid torget',
          ownReference: '',
          scope: 'team',
          recipientAgencyIds: [],
          legalBasisId: null,
          sourceAgencyId: member.agency_id,
          authorUserId: member.id,
          idempotencyKey: crypto.randomUUID(),
        })
    })
    await connection.close()
    const count = () => {
      const sqlite = new SqliteDatabase(file, { readonly: true })
      try {
        return (
          sqlite.prepare('select count(*) as n from situation_entries').get() as { n: number }
        ).n
      } finally {
        sqlite.close()
      }
    }

    server = await startServerProcess(file)
    const client = clientOf(server)
    await client.login(admin.email, admin.password)
    // The run starts; the process dies while it removes.
    void client.submit('/admin/gallring', {}, { action: '/admin/gallring/kor' }).catch(() => null)
    for (let i = 0; i < 200 && count() === 6000; i++) await new Promise((r) => setTimeout(r, 10))
    await stopServerProcess(server, 'SIGKILL')
    const left = count()
    expect(left).toBeLessThan(6000)
    expect(left).toBeGreaterThan(0)

    server = await startServerProcess(file)
    const sqlite = new SqliteDatabase(file, { readonly: true })
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(
      (
        sqlite.prepare('select outcome from retention_runs order by started_at').all() as {
          outcome: string
        }[]
      ).map((r) => r.outcome),
    ).toEqual(['failed'])
    sqlite.close()
    const again = clientOf(server)
    await again.login(admin.email, admin.password)
    const finished = await again.submit('/admin/gallring', {}, { action: '/admin/gallring/kor' })
    expect(finished.status).toBe(303)
    for (let i = 0; i < 500 && count() > 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(count()).toBe(0)
    await stopServerProcess(server, 'SIGTERM')
    server = null
    const check = connect({ kind: 'sqlite', file })
    try {
      expect(await findBrokenAuditLink(check.db)).toBeNull()
    } finally {
      await check.close()
    }
    console.log(
      `gallring killed after removing ${6000 - left} of 6000 entries; the next run removed the other ${left}`,
    )
  })
})
