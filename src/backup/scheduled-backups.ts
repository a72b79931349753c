import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config'
import { localDayAndTime } from '../i18n/format'
import type { Logger } from '../logger'
import { backupDatabase } from './backup'

const namePattern = /^laget-(\d{4}-\d\d-\d\d)\.(sqlite|dump)$/

/** The backups in `dir`, oldest first (their names sort by day). */
export const backupsIn = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((name) => namePattern.test(name))
      .sort()
  } catch {
    return []
  }
}

/**
 * Today's backup, if it is due (at or after the configured hour, Swedish
 * time, and none made today), then the oldest removed beyond `keep`. Returns
 * the file made, or null when none was due.
 */
export async function backupIfDue(
  database: Config['database'],
  backups: NonNullable<Config['backups']>,
  logger: Pick<Logger, 'info' | 'error'>,
  now = new Date(),
): Promise<string | null> {
  const { day, time } = localDayAndTime(now.toISOString())
  if (Number(time.slice(0, 2)) < backups.hour) return null
  const name = `laget-${day}.${database.kind === 'sqlite' ? 'sqlite' : 'dump'}`
  if (backupsIn(backups.dir).includes(name)) return null
  const target = join(backups.dir, name)
  try {
    const made = await backupDatabase(database, target)
    if (made.verification.faults.length) {
      logger.error('backup does not check out', { file: target, faults: made.verification.faults })
    } else {
      logger.info('backup made', { file: target, bytes: made.bytes, ms: Math.round(made.ms) })
    }
  } catch (error) {
    logger.error('backup failed', { file: target, error: String(error) })
    // A half-written file would pass for today's backup: it goes.
    rmSync(target, { force: true })
    return null
  }
  const all = backupsIn(backups.dir)
  for (const old of all.slice(0, Math.max(0, all.length - backups.keep)))
    rmSync(join(backups.dir, old), { force: true })
  return target
}
