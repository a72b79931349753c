import type { Db } from '../db/connect'
import { listTeams } from '../teams/team.repository'
import type { RetentionReport } from './retention.table'

export type RetentionRunRow = {
  id: string
  startedAt: string
  endedAt: string | null
  startedByName: string | null
  dryRun: boolean
  outcome: string
  report: RetentionReport
}

function runs(db: Db) {
  return db
    .selectFrom('retention_runs')
    .leftJoin('users', 'users.id', 'retention_runs.started_by')
    .selectAll('retention_runs')
    .select('users.name as started_by_name')
}

const toRun = (row: Awaited<ReturnType<ReturnType<typeof runs>['executeTakeFirstOrThrow']>>) => ({
  id: row.id,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  startedByName: row.started_by_name,
  dryRun: row.dry_run === 1,
  outcome: row.outcome,
  report: JSON.parse(row.report) as RetentionReport,
})

/** The latest runs, newest first: for the admin and the auditor. */
export async function listRetentionRuns(db: Db, limit = 30): Promise<RetentionRunRow[]> {
  return (await runs(db).orderBy('started_at', 'desc').limit(limit).execute()).map(toRun)
}

export async function findRetentionRun(db: Db, id: string): Promise<RetentionRunRow | null> {
  const row = await runs(db).where('retention_runs.id', '=', id).executeTakeFirst()
  return row ? toRun(row) : null
}

/** Team names for a report (the report keeps ids). */
export async function teamNames(db: Db): Promise<Map<string, string>> {
  return new Map((await listTeams(db)).map((team) => [team.id, team.name]))
}
