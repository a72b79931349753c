import { reportViewOf } from '../../access/report-policy'
import type { TeamAccess } from '../../access/team-access'
import type { AccessRead } from '../../audit/access-log'
import type { ReportScope, ReportStatus } from '../../reports/report.table'
import type { Trend } from '../situation-entry.table'
import type { Reader } from './reader'

/** A report as its reader may see it: the stub has no description, no trend and no reason. */
export type ShownReport = {
  id: string
  teamId: string
  teamName: string
  areaName: string
  categoryName: string
  agencyName: string
  observedOn: string
  eventCount: number | null
  status: ReportStatus
  scope: ReportScope
  createdAt: string
  view: 'full' | 'stub'
  trend: Trend | null
  description: string | null
  returnReason: string | null
  /** The reporter's name, for those who handle it (never shown to anyone outside the agency's own). */
  reporterName: string | null
}

type StoredReport = {
  id: string
  team_id: string
  team_name: string
  area_id: string
  area_name: string
  category_id: string
  category_name: string
  agency_id: string
  agency_name: string
  reporter_name: string
  observed_on: string
  event_count: number | null
  trend: Trend
  description: string
  scope: ReportScope
  status: ReportStatus
  return_reason: string | null
  created_at: string
}

const reportsQuery = (reader: Reader) =>
  reader.db
    .selectFrom('situation_reports')
    .innerJoin('teams', 'teams.id', 'situation_reports.team_id')
    .innerJoin('areas', 'areas.id', 'situation_reports.area_id')
    .innerJoin('categories', 'categories.id', 'situation_reports.category_id')
    .innerJoin('agencies', 'agencies.id', 'situation_reports.agency_id')
    .innerJoin('users', 'users.id', 'situation_reports.reporter_user_id')
    .select([
      'situation_reports.id',
      'situation_reports.team_id',
      'teams.name as team_name',
      'situation_reports.area_id',
      'areas.name as area_name',
      'situation_reports.category_id',
      'categories.name as category_name',
      'situation_reports.agency_id',
      'agencies.name as agency_name',
      'users.name as reporter_name',
      'situation_reports.observed_on',
      'situation_reports.event_count',
      'situation_reports.trend',
      'situation_reports.description',
      'situation_reports.scope',
      'situation_reports.status',
      'situation_reports.return_reason',
      'situation_reports.created_at',
    ])

function shown(report: StoredReport, view: 'full' | 'stub', reporterName: boolean): ShownReport {
  return {
    id: report.id,
    teamId: report.team_id,
    teamName: report.team_name,
    areaName: report.area_name,
    categoryName: report.category_name,
    agencyName: report.agency_name,
    observedOn: report.observed_on,
    eventCount: report.event_count,
    status: report.status,
    scope: report.scope,
    createdAt: report.created_at,
    view,
    trend: view === 'full' ? report.trend : null,
    description: view === 'full' ? report.description : null,
    returnReason: view === 'full' ? report.return_reason : null,
    reporterName: view === 'full' && reporterName ? report.reporter_name : null,
  }
}

const reportRead = (report: ShownReport, role: string | null): AccessRead => ({
  objectType: 'situation_report',
  objectId: report.id,
  teamId: report.teamId,
  role,
  shown: report.view,
})

/** The reader's own reports, newest first, whole, with their status: all a reporter sees. */
export async function readOwnReports(reader: Reader, limit = 50): Promise<ShownReport[]> {
  const rows = await reportsQuery(reader)
    .where('situation_reports.reporter_user_id', '=', reader.viewer.userId)
    .orderBy('situation_reports.created_at', 'desc')
    .limit(limit)
    .execute()
  const reports = rows.map((row) => shown(row, 'full', false))
  reader.log(reports.map((report) => reportRead(report, 'reporter')))
  return reports
}

/** The id of the reader's own report sent with this key (a resent form), if any. */
export async function readOwnReportIdByKey(reader: Reader, key: string): Promise<string | null> {
  const row = await reader.db
    .selectFrom('situation_reports')
    .select('id')
    .where('reporter_user_id', '=', reader.viewer.userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  return row?.id ?? null
}

/** The team's reports waiting to be handled, each as the reader may see it; those they may not see are left out. */
export async function readReportInbox(reader: Reader, access: TeamAccess): Promise<ShownReport[]> {
  const rows = await reportsQuery(reader)
    .where('situation_reports.team_id', '=', access.team.id)
    .where('situation_reports.status', '=', 'submitted')
    .orderBy('situation_reports.created_at')
    .execute()
  const reports = rows.flatMap((row) => {
    const view = reportViewOf(access.role, reader.viewer.agencyId, row)
    return view ? [shown(row, view, true)] : []
  })
  reader.log(reports.map((report) => reportRead(report, access.role)))
  return reports
}

/** One of the team's reports for handling, with the stored fields an entry is made from; null unless the reader sees it whole. */
export async function readReportToHandle(reader: Reader, access: TeamAccess, reportId: string) {
  const row = await reportsQuery(reader)
    .select(['situation_reports.reporter_user_id'])
    .where('situation_reports.id', '=', reportId)
    .where('situation_reports.team_id', '=', access.team.id)
    .executeTakeFirst()
  if (!row || reportViewOf(access.role, reader.viewer.agencyId, row) !== 'full') return null
  const report = shown(row, 'full', true)
  reader.log([reportRead(report, access.role)])
  return { report, stored: row }
}
