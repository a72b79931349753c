import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { letterMarker } from '../support/builders'
import {
  aReportingTeamIn,
  clientOf,
  reportThroughForm,
  scratchDir,
  startServerProcess,
  type ServerProcess,
} from '../support/server-process'
import { usingPostgres } from '../support/test-context'

const dir = scratchDir('laget-backup-')
let server: ServerProcess | null = null

const cli = (script: string, args: string[], file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/backup/${script}`, ...args], {
    env: { PATH: process.env.PATH, DATABASE_FILE: file, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  })

const descriptionsIn = (file: string) => {
  const sqlite = new SqliteDatabase(file, { readonly: true })
  try {
    return (
      sqlite.prepare('select description from situation_entries').all() as {
        description: string
      }[]
    ).map((row) => row.description)
  } finally {
    sqlite.close()
  }
}

describe.skipIf(usingPostgres())('npm run backup and npm run restore (SQLite)', () => {
  it('copies the running database while entries are being saved, and the copy restores whole', async () => {
    const live = join(dir, 'laget.sqlite')
    const team = await aReportingTeamIn(live)
    server = await startServerProcess(live)
    const acknowledged: { description: string; at: number }[] = []
    let writing = true
    const writer = async () => {
      const client = clientOf(server!)
      await client.login(team.member.email, team.member.password)
      while (writing) {
        const description = `Iakttagelse vid torget ${letterMarker(10)}`
        if (await reportThroughForm(client, team, description))
          acknowledged.push({ description, at: Date.now() })
      }
    }
    const writers = Array.from({ length: 4 }, writer)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const backupStarted = Date.now()
    const copy = join(dir, 'backup.sqlite')
    const backup = await new Promise<ReturnType<typeof cli>>((resolve) =>
      // In a moment of its own, while the writers go on.
      setImmediate(() => resolve(cli('backup-cli.ts', [copy], live))),
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    writing = false
    await Promise.all(writers)
    expect(backup.status, backup.stderr).toBe(0)
    expect(backup.stdout).toContain('integrity and chains check out')
    const before = acknowledged.filter((write) => write.at < backupStarted)
    const after = acknowledged.filter((write) => write.at >= backupStarted)
    const inCopy = new Set(descriptionsIn(copy))
    expect(before.length).toBeGreaterThan(10)
    expect(before.filter((write) => !inCopy.has(write.description))).toEqual([])
    console.log(
      `backup during writes: ${before.length} saves acknowledged before it, all in the copy; ${after.length} after; copy holds ${inCopy.size} entries`,
    )
    // A backup never overwrites: the same name again is refused.
    expect(cli('backup-cli.ts', [copy], live).status).toBe(2)

    const restored = join(dir, 'restored', 'laget.sqlite')
    const restore = cli('restore-cli.ts', [copy], restored)
    expect(restore.status, restore.stderr).toBe(0)
    expect(restore.stdout).toContain('Integrity and chains check out.')
    expect(restore.stdout).toMatch(/situation_entries\s+\d+/)
    expect(restore.stdout).toMatch(/Last audit event: no\. \d+, [a-z_.]+, \d{4}-/)
    expect(new Set(descriptionsIn(restored))).toEqual(inCopy)
    // Into a database that is not empty only when told.
    const again = cli('restore-cli.ts', [copy], restored)
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('not empty')
    expect(cli('restore-cli.ts', [copy, '--force'], restored).status).toBe(0)
  })

  it('refuses a copy whose audit chain is broken, and says where', async () => {
    const copy = join(dir, 'backup.sqlite')
    const broken = join(dir, 'broken.sqlite')
    const sqlite = new SqliteDatabase(copy, { readonly: true })
    sqlite.prepare('vacuum into ?').run(broken)
    sqlite.close()
    const tamper = new SqliteDatabase(broken)
    tamper.exec('drop trigger if exists audit_events_no_update')
    tamper.prepare("update audit_events set action = 'x' where seq = 2").run()
    tamper.close()
    const restore = cli('restore-cli.ts', [broken], join(dir, 'other', 'laget.sqlite'))
    expect(restore.status).toBe(1)
    expect(restore.stderr).toContain('the audit log is broken at event 2')
  })
})
