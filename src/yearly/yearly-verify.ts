import type { Db } from '../db/connect'
import { sha256Of } from '../minutes/minutes-snapshot'
import { renderYearlyRecord } from '../../views/yearly/yearly-record'
import type { YearlySnapshot } from './yearly-shape'

export type BrokenYearly = {
  year: number
  /** html: the stored HTML is not what its hash says; render: the stored data no longer gives that HTML; audit: the approval event names another hash. */
  reason: 'html' | 'render' | 'audit'
}

const hashIn = (details: string): unknown => {
  try {
    return (JSON.parse(details) as { sha256?: unknown }).sha256
  } catch {
    return null
  }
}

/**
 * Checks every approved yearly report as the minutes are checked: its HTML
 * against its hash, its data against its HTML (rendered again), its hash
 * against the approval's audit event while the event is kept. Names the first broken one.
 */
export async function findBrokenYearlyReport(db: Db): Promise<BrokenYearly | null> {
  const [reports, approvals] = await Promise.all([
    db
      .selectFrom('yearly_reports')
      .select(['id', 'year', 'data', 'html', 'sha256'])
      .where('approved_at', 'is not', null)
      .orderBy('year')
      .execute(),
    db
      .selectFrom('audit_events')
      .select(['object_id', 'details'])
      .where('action', '=', 'yearly.approved')
      .execute(),
  ])
  const approvedHash = new Map(approvals.map((event) => [event.object_id, hashIn(event.details)]))
  for (const report of reports) {
    const { year } = report
    if (!report.html || sha256Of(report.html) !== report.sha256) return { year, reason: 'html' }
    let rendered: string | null = null
    try {
      rendered = renderYearlyRecord(JSON.parse(report.data ?? '') as YearlySnapshot)
    } catch {
      rendered = null
    }
    if (rendered !== report.html) return { year, reason: 'render' }
    if (approvedHash.has(report.id) && approvedHash.get(report.id) !== report.sha256)
      return { year, reason: 'audit' }
  }
  return null
}
