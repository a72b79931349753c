import { sql } from 'kysely'
import type { Db, DatabaseKind } from './connect'

/**
 * Any number, the same in every Läget process; the job's name and the
 * schema's go in the second key, so that jobs, and installations in schemas of
 * their own in one database, do not wait for each other.
 */
const advisoryLockKey = 7_430_002

const runningHere = new Set<string>()

/**
 * Runs `job` in one process at a time: on PostgreSQL under a session advisory
 * lock held by one connection for the whole run (released by the database if
 * the process dies, so another takes over), in this process under a flag.
 * 'skipped' when another run holds it.
 */
export async function runExclusively<T>(
  db: Db,
  kind: DatabaseKind,
  name: string,
  job: () => Promise<T>,
): Promise<T | 'skipped'> {
  if (runningHere.has(name)) return 'skipped'
  runningHere.add(name)
  try {
    if (kind !== 'postgres') return await job()
    return await db.connection().execute(async (connection) => {
      const locked = await sql<{
        ok: boolean
      }>`select pg_try_advisory_lock(${advisoryLockKey}, hashtext(current_schema() || ':' || ${name})) as ok`.execute(
        connection,
      )
      if (!locked.rows[0]?.ok) return 'skipped' as const
      try {
        return await job()
      } finally {
        await sql`select pg_advisory_unlock(${advisoryLockKey}, hashtext(current_schema() || ':' || ${name}))`.execute(
          connection,
        )
      }
    })
  } finally {
    runningHere.delete(name)
  }
}
