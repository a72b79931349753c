import type { Db } from '../db/connect'
import { findBrokenMinutes, type BrokenMinutes } from '../minutes/minutes-verify'
import { findBrokenYearlyReport, type BrokenYearly } from '../yearly/yearly-verify'
import { findBrokenAccessSeal } from './access-log'
import { findBrokenAuditLink } from './audit.repository'

export type RecordsCheck = {
  /** The first audit event whose link is broken */
  brokenEvent: number | null
  /** The first access-log batch whose seal does not hold */
  brokenBatch: number | null
  /** The first approved minutes that do not match their hash */
  brokenMinutes: BrokenMinutes | null
  /** The first approved yearly report that does not match its hash */
  brokenYearly: BrokenYearly | null
}

/**
 * Everything Läget keeps as a record, checked: the audit chain, the access
 * log's seals, every justerat protokoll and every approved yearly report. The one check behind
 * `npm run audit:verify`, /granskning/kontroll and every backup.
 */
export async function checkRecords(db: Db): Promise<RecordsCheck> {
  return {
    brokenEvent: await findBrokenAuditLink(db),
    brokenBatch: await findBrokenAccessSeal(db),
    brokenMinutes: await findBrokenMinutes(db),
    brokenYearly: await findBrokenYearlyReport(db),
  }
}

export const recordsWhole = (check: RecordsCheck): boolean =>
  check.brokenEvent === null &&
  check.brokenBatch === null &&
  check.brokenMinutes === null &&
  check.brokenYearly === null
