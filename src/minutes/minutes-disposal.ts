import type { Db, Trx } from '../db/connect'
import { nowIso } from '../db/ids'
import { AppError, notFound } from '../http/errors'

/**
 * Gallring of approved minutes, when the municipality's plan gives them a
 * period (by default they are kept). The record goes whole — the snapshot, its
 * approvals, addenda and release decisions — after a disposal row that keeps
 * the hash it had; the frozen tables allow the deletion only then.
 */

/** Meetings of the team approved before `before` whose record is still stored. */
export async function minutesDueForDisposal(
  db: Db,
  teamId: string,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('minutes_snapshots')
    .select('meeting_id')
    .where('team_id', '=', teamId)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute()
  return rows.map((row) => row.meeting_id)
}

/** Removes the records of the meetings given; returns how many went. */
export async function disposeMinutes(
  trx: Trx,
  runId: string,
  meetingIds: readonly string[],
): Promise<number> {
  if (meetingIds.length === 0) return 0
  const snapshots = await trx
    .selectFrom('minutes_snapshots')
    .select(['meeting_id', 'team_id', 'sha256', 'created_at'])
    .where('meeting_id', 'in', meetingIds)
    .execute()
  if (snapshots.length === 0) return 0
  const disposedAt = nowIso()
  await trx
    .insertInto('minutes_disposals')
    .values(
      snapshots.map((row) => ({
        meeting_id: row.meeting_id,
        team_id: row.team_id,
        sha256: row.sha256,
        approved_at: row.created_at,
        disposed_at: disposedAt,
        run_id: runId,
      })),
    )
    .execute()
  const ids = snapshots.map((row) => row.meeting_id)
  for (const table of ['minutes_releases', 'minutes_addenda', 'minutes_approvals'] as const)
    await trx.deleteFrom(table).where('meeting_id', 'in', ids).execute()
  await trx.deleteFrom('minutes_snapshots').where('meeting_id', 'in', ids).execute()
  return snapshots.length
}

export type MinutesDisposal = { sha256: string; approvedAt: string; disposedAt: string }

export async function findDisposal(db: Db, meetingId: string): Promise<MinutesDisposal | null> {
  const row = await db
    .selectFrom('minutes_disposals')
    .select(['sha256', 'approved_at', 'disposed_at'])
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  return row
    ? { sha256: row.sha256, approvedAt: row.approved_at, disposedAt: row.disposed_at }
    : null
}

export async function listDisposals(db: Db) {
  return db.selectFrom('minutes_disposals').select(['meeting_id', 'sha256']).execute()
}

/** Whether the meeting's approved record is stored (not yet approved, approved before records were stored, or removed: not). */
export async function hasStoredRecord(db: Db, meetingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('minutes_snapshots')
    .select('meeting_id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  return row !== undefined
}

/** What a request for a record that is not there gets: 410 once gallring removed it, else 404. */
export async function missingRecord(db: Db, meetingId: string): Promise<AppError> {
  return (await findDisposal(db, meetingId))
    ? new AppError(410, 'minutes.error.disposed')
    : notFound()
}
