import type { ReportScope } from '../reports/report.table'
import type { TeamRole } from '../teams/team.table'
import { mayDo } from './meeting-policy'

/**
 * What a person in the team sees of a report from outside it (product.md §1,
 * *rapportör*): the reporter's agency's own people in the team see it whole and
 * handle it; the coordinator does too when it was sent to the whole team, and
 * sees only its stub (area, category, day, count) when it was meant for the
 * agency alone. Everyone else sees nothing of it. Reporters see their own, and
 * only their own, through their seat, never through the team.
 */
export function reportViewOf(
  role: TeamRole,
  viewerAgencyId: string,
  report: { agency_id: string; scope: ReportScope },
): 'full' | 'stub' | null {
  if (mayDo(role, 'report') && viewerAgencyId === report.agency_id) return 'full'
  if (mayDo(role, 'handleReports')) return report.scope === 'team' ? 'full' : 'stub'
  return null
}

/** Including a report in the picture, or returning it, is for those who see it whole. */
export const mayHandleReport = (
  role: TeamRole,
  viewerAgencyId: string,
  report: { agency_id: string; scope: ReportScope },
): boolean => reportViewOf(role, viewerAgencyId, report) === 'full'
