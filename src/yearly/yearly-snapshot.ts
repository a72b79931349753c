import type { Trx } from '../db/connect'
import { formatDateTime } from '../i18n/format'
import { translator, type Translate } from '../i18n/t'
import { sha256Of } from '../minutes/minutes-snapshot'
import { readMunicipalPicture, type Reader } from '../situation/read'
import { renderYearlyRecord } from '../../views/yearly/yearly-record'
import { listFollowUps, listPlanRows, listProblems, findYearlyReport } from './yearly.repository'
import type { YearlyReportRow } from './yearly.table'
import type { YearlyLabels, YearlySnapshot } from './yearly-shape'

export type { YearlySnapshot } from './yearly-shape'

/** The language of the record: approved in Swedish, like the minutes. */
export const yearlyLocale = 'sv'

/** The ISO weeks of a year, as the picture's cells key them. */
export const weeksOfYear = (year: number) => ({ first: `${year}-W01`, last: `${year}-W53` })

function labelsOf(t: Translate): YearlyLabels {
  return {
    record: t('yearly.record'),
    summary: t('yearly.summary'),
    summaryNone: t('yearly.summaryNone'),
    picture: t('yearly.picture'),
    pictureIntro: t('yearly.pictureIntro'),
    pictureNone: t('yearly.pictureNone'),
    team: t('yearly.team'),
    area: t('situation.area'),
    category: t('situation.category'),
    entries: t('situation.entriesCount'),
    events: t('situation.eventsCount'),
    problems: t('yearly.problems'),
    problemsNone: t('yearly.problemsNone'),
    cause: t('yearly.cause'),
    plan: t('yearly.plan'),
    planNone: t('yearly.planNone'),
    action: t('yearly.action'),
    goal: t('yearly.goal'),
    timing: t('yearly.timing'),
    agency: t('yearly.agency'),
    followUp: t('yearly.followUp'),
    followUpNone: t('yearly.followUpNone'),
    done: t('followUp.done'),
    effect: t('followUp.effect'),
    rating: t('yearly.rating'),
    note: t('yearly.note'),
    approval: t('yearly.approval'),
  }
}

/** Brå's traffic light for a followed-up row: carried out and better is green; not done or worse is red. */
export function ratingOf(done: string, effect: string): 'green' | 'yellow' | 'red' {
  if (done === 'no' || effect === 'worse') return 'red'
  if (done === 'yes' && effect === 'better') return 'green'
  return 'yellow'
}

/**
 * Everything the report shows, read in the approving transaction (so nothing
 * changes between reading and storing it); the picture through the read door.
 */
export async function gatherYearlySnapshot(
  trx: Trx,
  reader: Reader,
  report: YearlyReportRow,
  approver: { name: string; agencyName: string },
  approvedAt: string,
): Promise<YearlySnapshot> {
  const t = translator(yearlyLocale)
  const { first, last } = weeksOfYear(report.year)
  const previous = await findYearlyReport(trx, report.year - 1)
  const [picture, problems, plan, followUps] = await Promise.all([
    readMunicipalPicture({ ...reader, db: trx }, first, last),
    listProblems(trx, report.id),
    listPlanRows(trx, report.id),
    previous?.approved_at ? listFollowUps(trx, report.id, previous.id) : Promise.resolve([]),
  ])
  return {
    format: 1,
    year: report.year,
    title: t('yearly.titleFor', { year: report.year }),
    labels: labelsOf(t),
    summary: report.summary,
    picture: picture.map((cell) => ({
      team: cell.teamName,
      area: cell.areaName,
      category: cell.categoryName,
      entries: cell.entries,
      events: cell.events,
    })),
    problems: problems.map((problem) => ({
      team: problem.team_name,
      area: problem.area_name,
      category: problem.category_name,
      cause: problem.cause,
    })),
    plan: plan.map((row) => ({
      cause: row.cause,
      action: row.action,
      goal: row.goal,
      timing: row.timing,
      agency: row.agency_name,
    })),
    followUp: followUps.map((row) => ({
      action: row.action,
      goal: row.goal,
      agency: row.agency_name,
      done: row.done ? t(`followUp.done.${row.done}`) : t('yearly.notFollowedUp'),
      effect: row.effect ? t(`followUp.effect.${row.effect}`) : '–',
      rating: row.done && row.effect ? t(`yearly.rating.${ratingOf(row.done, row.effect)}`) : '–',
      note: row.note ?? '',
    })),
    approval: t('yearly.approvedBy', {
      name: `${approver.name} (${approver.agencyName})`,
      date: formatDateTime(approvedAt, yearlyLocale),
    }),
    approvedAt,
  }
}

/** The record's HTML and its hash: the same bytes for the same snapshot, always. */
export function sealYearly(snapshot: YearlySnapshot): { html: string; sha256: string } {
  const html = renderYearlyRecord(snapshot)
  return { html, sha256: sha256Of(html) }
}
