import type { AnalysisPeriod } from '../assessments/assessment.table'
import { addDaysToDay, isoWeekKey } from '../i18n/format'

export type Period = {
  kind: AnalysisPeriod
  year: number
  number: number
  from: string
  to: string
}

const monthsPer: Record<AnalysisPeriod, number> = { quarter: 3, tertial: 4, year: 12 }

export const periodsInYear = (kind: AnalysisPeriod) => 12 / monthsPer[kind]

const pad = (n: number) => String(n).padStart(2, '0')

/** The `number`th quarter, tertial (or the year) of `year`, as its first and last day. */
export function periodOf(kind: AnalysisPeriod, year: number, number: number): Period {
  const months = monthsPer[kind]
  const firstMonth = (number - 1) * months + 1
  const lastMonth = firstMonth + months - 1
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()
  return {
    kind,
    year,
    number,
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  }
}

/** The period of that kind that `day` falls in. */
export function periodContaining(kind: AnalysisPeriod, day: string): Period {
  const [year, month] = day.split('-').map(Number) as [number, number]
  return periodOf(kind, year, Math.floor((month - 1) / monthsPer[kind]) + 1)
}

/** The period just before, of the same kind: what "grew" is measured against. */
export function previousPeriod(period: Period): Period {
  return period.number > 1
    ? periodOf(period.kind, period.year, period.number - 1)
    : periodOf(period.kind, period.year - 1, periodsInYear(period.kind))
}

/** The ISO weeks a period touches, oldest first. */
export function weeksOf(period: { from: string; to: string }): string[] {
  const weeks: string[] = []
  for (let day = period.from; day <= period.to; day = addDaysToDay(day, 1)) {
    const week = isoWeekKey(day)
    if (weeks[weeks.length - 1] !== week) weeks.push(week)
  }
  return weeks
}
