import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { checkRecords } from '../audit/verify-records'
import type { Config } from '../config'
import { connect, openSqlite, type Db } from '../db/connect'
import { migrateToLatest } from '../db/migrator'

/** What a check of a database found: nothing (whole), or each fault in words an operator can act on. */
export type Verification = { faults: string[] }

/**
 * Checks a database as a record: SQLite's own integrity check (on SQLite), then
 * the records (audit chain, access-log seals, approved minutes), in words an operator reads.
 */
export async function verifyDatabase(db: Db, sqliteFile?: string): Promise<Verification> {
  const faults: string[] = []
  if (sqliteFile) {
    const sqlite = openSqlite(sqliteFile)
    try {
      const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
      const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok')
      if (problems.length) faults.push(`integrity_check: ${problems.slice(0, 5).join('; ')}`)
    } finally {
      sqlite.close()
    }
  }
  const {
    brokenEvent: event,
    brokenBatch: batch,
    brokenMinutes: minutes,
    brokenYearly: yearly,
  } = await checkRecords(db)
  if (event !== null) faults.push(`the audit log is broken at event ${event}`)
  if (batch !== null) faults.push(`the access log is broken in batch ${batch}`)
  if (minutes !== null)
    faults.push(
      `the approved minutes of meeting ${minutes.meetingId} do not hold (${minutes.reason})`,
    )
  if (yearly !== null)
    faults.push(`the approved yearly report of ${yearly.year} does not hold (${yearly.reason})`)
  return { faults }
}

/** Rows per table and the last audit event: what an operator reads after a backup or a restore. */
export async function describeDatabase(db: Db) {
  const tables = (await db.introspection.getTables()).map((table) => table.name).sort()
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)
    counts[table] = Number(row.rows[0]?.n ?? 0)
  }
  const last = await db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'action'])
    .orderBy('seq', 'desc')
    .executeTakeFirst()
  return { counts, lastEvent: last ?? null }
}

export class BackupError extends Error {
  override name = 'BackupError'
}

/**
 * A consistent copy of the database in `target`, taken while Läget runs. On
 * SQLite, `VACUUM INTO`: one read transaction, so the copy is the database as
 * it was at one moment, every committed write before it included (never a
 * copy of the file, which a write in progress would tear). On PostgreSQL,
 * `pg_dump` in its custom format. The copy is then checked: the SQLite copy
 * fully (integrity, chains, minutes); a PostgreSQL dump by `pg_restore --list`.
 */
export async function backupDatabase(
  database: Config['database'],
  target: string,
): Promise<{ bytes: number; ms: number; verification: Verification }> {
  const started = performance.now()
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`)
  mkdirSync(dirname(target), { recursive: true })
  if (database.kind === 'postgres') {
    const dump = spawnSync('pg_dump', ['--format=custom', `--file=${target}`, database.url], {
      encoding: 'utf8',
    })
    if (dump.error)
      throw new BackupError(
        'pg_dump was not found: install PostgreSQL’s client programs (apt-get install postgresql-client) to back up a PostgreSQL database',
      )
    if (dump.status !== 0) throw new BackupError(`pg_dump failed: ${dump.stderr.trim()}`)
    const list = spawnSync('pg_restore', ['--list', target], { encoding: 'utf8' })
    const faults = list.status === 0 ? [] : [`pg_restore cannot read the dump: ${list.stderr}`]
    return {
      bytes: statSync(target).size,
      ms: performance.now() - started,
      verification: { faults },
    }
  }
  const source = openSqlite(database.file)
  try {
    source.prepare('vacuum into ?').run(target)
  } finally {
    source.close()
  }
  const copy = connect({ kind: 'sqlite', file: target })
  try {
    const verification = await verifyDatabase(copy.db, target)
    return { bytes: statSync(target).size, ms: performance.now() - started, verification }
  } finally {
    await copy.close()
  }
}

/**
 * Puts a backup back: into an empty database only, unless `force` (then the
 * database there is replaced). The copy is migrated when it is older than this
 * Läget, verified, and described (rows per table, the last audit event).
 */
export async function restoreDatabase(
  database: Config['database'],
  source: string,
  options: { force: boolean },
) {
  const started = performance.now()
  if (!existsSync(source)) throw new BackupError(`${source} does not exist`)
  const existing = connect(database)
  try {
    const tables = await existing.db.introspection.getTables()
    if (tables.length > 0 && !options.force)
      throw new BackupError(
        'the database to restore into is not empty; restore into an empty one, or add --force to replace it',
      )
    if (database.kind === 'postgres' && tables.length > 0) {
      // --clean below drops what the dump holds; anything else would be left beside it.
      for (const table of tables)
        await sql`drop table if exists ${sql.table(table.name)} cascade`.execute(existing.db)
    }
  } finally {
    await existing.close()
  }
  if (database.kind === 'postgres') {
    const restore = spawnSync(
      'pg_restore',
      ['--no-owner', '--no-privileges', `--dbname=${database.url}`, source],
      { encoding: 'utf8' },
    )
    if (restore.error)
      throw new BackupError(
        'pg_restore was not found: install PostgreSQL’s client programs (apt-get install postgresql-client)',
      )
    if (restore.status !== 0) throw new BackupError(`pg_restore failed: ${restore.stderr.trim()}`)
  } else {
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(database.file + suffix)) rmSync(database.file + suffix)
    mkdirSync(dirname(database.file), { recursive: true })
    // Read-only: restoring never changes the backup itself.
    const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true })
    try {
      backup.prepare('vacuum into ?').run(database.file)
    } finally {
      backup.close()
    }
  }
  const restored = connect(database)
  try {
    const migrated = await migrateToLatest(restored.db)
    const verification = await verifyDatabase(
      restored.db,
      database.kind === 'sqlite' ? database.file : undefined,
    )
    return {
      ms: performance.now() - started,
      migrated,
      verification,
      description: await describeDatabase(restored.db),
    }
  } finally {
    await restored.close()
  }
}
