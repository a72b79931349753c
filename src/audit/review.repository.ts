import { sql } from 'kysely'
import type { Db } from '../db/connect'
import { addDaysToDay, stockholmDayStart } from '../i18n/format'
import { entryIdsFromAgency } from '../situation/read'
import { auditOutcomes, type AuditOutcome } from './audit-event.table'
import type { AccessShown, AccessVia } from './access-log.table'

export const reviewPageSize = 50

/** What the auditor filters on; every field optional. Dates are whole days (Stockholm), inclusive. */
export type LogFilter = {
  userId: string | null
  agencyId: string | null
  teamId: string | null
  objectId: string | null
  from: string | null
  to: string | null
}

export type AuditFilter = LogFilter & { action: string | null; outcome: AuditOutcome | null }

/** For the log review of one agency: its own staff's reads, or other agencies' reads of its entries. */
export type AgencyScope = { agencyId: string; side: 'staff' | 'entries' }

export type AccessLogListRow = {
  seq: number
  read_at: string
  user_name: string
  agency_name: string
  team_id: string | null
  team_name: string | null
  role: string | null
  object_type: string
  object_id: string
  shown: AccessShown
  legal_basis_title: string | null
  via: AccessVia
  request_id: string | null
}

// Stored times are UTC; the filter's days are Stockholm days: from the first day's start, before the day after the last.
const dayStart = (day: string) => stockholmDayStart(day)
const dayEnd = (day: string) => stockholmDayStart(addDaysToDay(day, 1))

/** One page of the access log, newest first: who read what, never the text. */
export async function searchAccessLog(
  db: Db,
  filter: LogFilter,
  page: number,
  scope?: AgencyScope,
): Promise<{ rows: AccessLogListRow[]; more: boolean }> {
  const query = accessLogQuery(db, filter, scope)
  const rows = (await query
    .orderBy('l.seq', 'desc')
    .orderBy('l.position')
    .limit(reviewPageSize + 1)
    .offset((page - 1) * reviewPageSize)
    .execute()) as AccessLogListRow[]
  return { rows: rows.slice(0, reviewPageSize), more: rows.length > reviewPageSize }
}

/** A random sample of an agency's staff reads in a period, for systematic review (IMY's loggkontroll). */
export async function sampleStaffReads(
  db: Db,
  agencyId: string,
  from: string,
  to: string,
  size: number,
): Promise<AccessLogListRow[]> {
  const query = accessLogQuery(
    db,
    { userId: null, agencyId: null, teamId: null, objectId: null, from, to },
    { agencyId, side: 'staff' },
  )
  return (await query
    .orderBy(sql`random()`)
    .limit(size)
    .execute()) as AccessLogListRow[]
}

function accessLogQuery(db: Db, filter: LogFilter, scope?: AgencyScope) {
  let query = db
    .selectFrom('access_log_rows as l')
    .innerJoin('users', 'users.id', 'l.user_id')
    .innerJoin('agencies', 'agencies.id', 'l.agency_id')
    .leftJoin('teams', 'teams.id', 'l.team_id')
    .leftJoin('legal_bases', 'legal_bases.id', 'l.legal_basis_id')
    .select([
      'l.seq',
      'l.read_at',
      'users.name as user_name',
      'agencies.name as agency_name',
      'l.team_id',
      'teams.name as team_name',
      'l.role',
      'l.object_type',
      'l.object_id',
      'l.shown',
      'legal_bases.title as legal_basis_title',
      'l.via',
      'l.request_id',
    ])
  if (filter.userId) query = query.where('l.user_id', '=', filter.userId)
  if (filter.agencyId) query = query.where('l.agency_id', '=', filter.agencyId)
  if (filter.teamId) query = query.where('l.team_id', '=', filter.teamId)
  if (filter.objectId) query = query.where('l.object_id', '=', filter.objectId)
  if (filter.from) query = query.where('l.read_at', '>=', dayStart(filter.from))
  if (filter.to) query = query.where('l.read_at', '<', dayEnd(filter.to))
  if (scope?.side === 'staff') query = query.where('l.agency_id', '=', scope.agencyId)
  if (scope?.side === 'entries') {
    query = query
      .where('l.object_type', '=', 'situation_entry')
      .where('l.object_id', 'in', entryIdsFromAgency(db, scope.agencyId))
      .where('l.agency_id', '!=', scope.agencyId)
  }
  return query
}

export type AuditListRow = {
  seq: number
  occurred_at: string
  user_name: string | null
  agency_name: string | null
  action: string
  object_type: string | null
  object_id: string | null
  outcome: AuditOutcome
  details: string
  request_id: string | null
}

/** One page of the audit log (changes, sign-ins, exports), newest first. */
export async function searchAuditEvents(
  db: Db,
  filter: AuditFilter,
  page: number,
): Promise<{ rows: AuditListRow[]; more: boolean }> {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users', 'users.id', 'e.actor_user_id')
    .leftJoin('agencies', 'agencies.id', 'e.actor_agency_id')
    .select([
      'e.seq',
      'e.occurred_at',
      'users.name as user_name',
      'agencies.name as agency_name',
      'e.action',
      'e.object_type',
      'e.object_id',
      'e.outcome',
      'e.details',
      'e.request_id',
    ])
  if (filter.userId) query = query.where('e.actor_user_id', '=', filter.userId)
  if (filter.agencyId) query = query.where('e.actor_agency_id', '=', filter.agencyId)
  // Events name their team in details ({"teamId": …}), written by the application as JSON.
  if (filter.teamId) query = query.where('e.details', 'like', `%"teamId":"${filter.teamId}"%`)
  if (filter.objectId)
    query = query.where((eb) =>
      eb.or([
        eb('e.object_id', '=', filter.objectId),
        eb('e.details', 'like', `%"${filter.objectId}"%`),
      ]),
    )
  if (filter.action) query = query.where('e.action', '=', filter.action)
  if (filter.outcome) query = query.where('e.outcome', '=', filter.outcome)
  if (filter.from) query = query.where('e.occurred_at', '>=', dayStart(filter.from))
  if (filter.to) query = query.where('e.occurred_at', '<', dayEnd(filter.to))
  const rows = (await query
    .orderBy('e.seq', 'desc')
    .limit(reviewPageSize + 1)
    .offset((page - 1) * reviewPageSize)
    .execute()) as AuditListRow[]
  return { rows: rows.slice(0, reviewPageSize), more: rows.length > reviewPageSize }
}

/** The actions that occur in the audit log, for the filter's choices. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('action')
    .distinct()
    .orderBy('action')
    .execute()
  return rows.map((row) => row.action)
}

export const isAuditOutcome = (value: string): value is AuditOutcome =>
  (auditOutcomes as readonly string[]).includes(value)

/** How many rows each log holds (for the chain check's report). */
export async function logSizes(
  db: Db,
): Promise<{ events: number; reads: number; minutes: number }> {
  const [events, reads, minutes] = await Promise.all([
    db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('access_log')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('minutes_snapshots')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { events: Number(events.n), reads: Number(reads.n), minutes: Number(minutes.n) }
}
