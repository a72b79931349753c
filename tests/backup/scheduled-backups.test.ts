import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { backupIfDue, backupsIn } from '../../src/backup/scheduled-backups'
import { connect } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { usingPostgres } from '../support/test-context'

const dir = mkdtempSync(join(tmpdir(), 'laget-scheduled-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(usingPostgres())('the daily backup (BACKUP_DIR)', () => {
  it('is made once a day from the configured hour, Swedish time, keeping the newest N', async () => {
    const file = join(dir, 'laget.sqlite')
    const connection = connect({ kind: 'sqlite', file })
    await migrateToLatest(connection.db)
    await connection.close()
    const database = { kind: 'sqlite' as const, file }
    const backups = { dir: join(dir, 'backups'), hour: 2, keep: 2 }
    const logged: string[] = []
    const logger = {
      info: (message: string) => void logged.push(message),
      error: (message: string) => void logged.push(message),
    }
    // 00:30 UTC is 01:30 in Stockholm in winter: before the hour.
    expect(
      await backupIfDue(database, backups, logger, new Date('2026-12-01T00:30:00Z')),
    ).toBeNull()
    expect(await backupIfDue(database, backups, logger, new Date('2026-12-01T01:00:00Z'))).toBe(
      join(backups.dir, 'laget-2026-12-01.sqlite'),
    )
    expect(
      await backupIfDue(database, backups, logger, new Date('2026-12-01T22:00:00Z')),
    ).toBeNull()
    await backupIfDue(database, backups, logger, new Date('2026-12-02T03:00:00Z'))
    await backupIfDue(database, backups, logger, new Date('2026-12-03T03:00:00Z'))
    expect(backupsIn(backups.dir)).toEqual(['laget-2026-12-02.sqlite', 'laget-2026-12-03.sqlite'])
    expect(logged).toEqual(['backup made', 'backup made', 'backup made'])
  })
})
