import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { Trend } from '../situation/situation-entry.table'
import type { ReportScope } from './report.table'

// --- seats

/** The teams where the person holds a reporter seat on `today`, with each team's name. */
export function listActiveReporterSeats(db: Db, userId: string, today: string) {
  return db
    .selectFrom('team_reporters')
    .innerJoin('teams', 'teams.id', 'team_reporters.team_id')
    .select(['team_reporters.team_id', 'teams.name as team_name'])
    .where('team_reporters.user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('team_reporters.ends_on', 'is', null), eb('team_reporters.ends_on', '>=', today)]),
    )
    .orderBy('teams.name')
    .execute()
}

export type ReporterSeatRow = {
  id: string
  user_id: string
  user_name: string
  agency_name: string
  ends_on: string | null
}

export function listReporterSeats(db: Db, teamId: string): Promise<ReporterSeatRow[]> {
  return db
    .selectFrom('team_reporters')
    .innerJoin('users', 'users.id', 'team_reporters.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'team_reporters.id',
      'team_reporters.user_id',
      'users.name as user_name',
      'agencies.name as agency_name',
      'team_reporters.ends_on',
    ])
    .where('team_reporters.team_id', '=', teamId)
    .orderBy('users.name')
    .execute()
}

/** Seats a reporter, or seats them again (from today, without a last day) when their seat had ended. */
export async function seatReporter(trx: Trx, teamId: string, userId: string): Promise<string> {
  const existing = await trx
    .selectFrom('team_reporters')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (existing) {
    await trx
      .updateTable('team_reporters')
      .set({ ends_on: null })
      .where('id', '=', existing.id)
      .execute()
    return existing.id
  }
  const id = newId()
  await trx
    .insertInto('team_reporters')
    .values({ id, team_id: teamId, user_id: userId, ends_on: null, created_at: nowIso() })
    .execute()
  return id
}

/** Ends a seat on `day`; false when the team has no such seat. */
export async function endReporterSeat(
  trx: Trx,
  teamId: string,
  seatId: string,
  day: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('team_reporters')
    .set({ ends_on: day })
    .where('id', '=', seatId)
    .where('team_id', '=', teamId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// --- reports (read through src/situation/read/reports.ts)

export type NewReport = {
  teamId: string
  reporterUserId: string
  agencyId: string
  areaId: string
  categoryId: string
  observedOn: string
  eventCount: number | null
  trend: Trend
  description: string
  scope: ReportScope
  idempotencyKey: string
}

export async function createReport(trx: Trx, input: NewReport): Promise<string> {
  const id = newId()
  await trx
    .insertInto('situation_reports')
    .values({
      id,
      team_id: input.teamId,
      reporter_user_id: input.reporterUserId,
      agency_id: input.agencyId,
      area_id: input.areaId,
      category_id: input.categoryId,
      observed_on: input.observedOn,
      event_count: input.eventCount,
      trend: input.trend,
      description: input.description,
      scope: input.scope,
      status: 'submitted',
      return_reason: null,
      handled_by: null,
      handled_at: null,
      entry_id: null,
      idempotency_key: input.idempotencyKey,
      created_at: nowIso(),
    })
    .execute()
  return id
}

/** Marks a submitted report handled; false when someone handled it first. */
export async function markReportHandled(
  trx: Trx,
  reportId: string,
  outcome:
    | { status: 'included'; entryId: string; by: string }
    | { status: 'returned'; reason: string; by: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('situation_reports')
    .set({
      status: outcome.status,
      entry_id: outcome.status === 'included' ? outcome.entryId : null,
      return_reason: outcome.status === 'returned' ? outcome.reason : null,
      handled_by: outcome.by,
      handled_at: nowIso(),
    })
    .where('id', '=', reportId)
    .where('status', '=', 'submitted')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Gallring: removes these reports (their entries, if included, stay and go by their own rule). */
export async function deleteReports(trx: Trx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0
  const result = await trx.deleteFrom('situation_reports').where('id', 'in', ids).executeTakeFirst()
  return Number(result.numDeletedRows)
}
