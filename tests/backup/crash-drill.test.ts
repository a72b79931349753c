import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { connect } from '../../src/db/connect'
import { letterMarker } from '../support/builders'
import {
  aReportingTeamIn,
  clientOf,
  reportThroughForm,
  scratchDir,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/server-process'
import { usingPostgres } from '../support/test-context'

const dir = scratchDir('laget-crash-')
let server: ServerProcess | null = null

/**
 * Power cut drills: Läget saving entries for several writers is killed with
 * SIGKILL at a random moment, again and again, and started again. Every save
 * the server acknowledged must be there exactly once (synchronous=FULL and the
 * group commit answer only after the fsync), and the file must be whole.
 */
describe.skipIf(usingPostgres())('kill -9 while entries are being saved (SQLite)', () => {
  it('loses no acknowledged save and duplicates none, round after round', async () => {
    const file = join(dir, 'laget.sqlite')
    const team = await aReportingTeamIn(file)
    const acknowledged: string[] = []
    let attempted = 0
    const rounds = 5
    for (let round = 0; round < rounds; round++) {
      server = await startServerProcess(file)
      let writing = true
      const writer = async () => {
        const client = clientOf(server!)
        try {
          await client.login(team.member.email, team.member.password)
        } catch {
          return
        }
        while (writing) {
          const description = `Iakttagelse runda ${letterMarker(10)}`
          attempted++
          if (await reportThroughForm(client, team, description)) acknowledged.push(description)
        }
      }
      const writers = Array.from({ length: 6 }, writer)
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 900))
      await stopServerProcess(server, 'SIGKILL')
      writing = false
      await Promise.all(writers)
    }
    server = null

    const sqlite = new SqliteDatabase(file)
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const count = sqlite.prepare(
        'select count(*) as n from situation_entries where description = ?',
      )
      const missing = acknowledged.filter((d) => (count.get(d) as { n: number }).n === 0)
      const doubled = acknowledged.filter((d) => (count.get(d) as { n: number }).n > 1)
      const stored = (
        sqlite.prepare('select count(*) as n from situation_entries').get() as { n: number }
      ).n
      console.log(
        `crash drill: ${rounds} kills, ${attempted} saves tried, ${acknowledged.length} acknowledged, ${stored} stored, ${missing.length} acknowledged but missing, ${doubled.length} doubled`,
      )
      expect(acknowledged.length).toBeGreaterThan(rounds * 5)
      expect(missing).toEqual([])
      expect(doubled).toEqual([])
    } finally {
      sqlite.close()
    }
    const connection = connect({ kind: 'sqlite', file })
    try {
      expect(await findBrokenAuditLink(connection.db)).toBeNull()
    } finally {
      await connection.close()
    }
  })
})
