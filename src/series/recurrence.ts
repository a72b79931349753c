import { TZDate } from '@date-fns/tz'
import { getHolidays } from 'swedish-holidays'
import { timeZone } from '../i18n/format'

export type Cadence =
  { kind: 'weekly'; intervalWeeks: number } | { kind: 'monthly'; nth: 1 | 2 | 3 | 4 | -1 }

export type RecurrenceRule = {
  cadence: Cadence
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number
  /** Local time in Europe/Stockholm, HH:mm */
  startTime: string
  durationMinutes: number
  /** The series starts on or after this day (YYYY-MM-DD). */
  firstDay: string
}

export type Occurrence = {
  /** The local day the rule gives (YYYY-MM-DD); identifies the occurrence within its series. */
  day: string
  startsAt: string
  endsAt: string
  /** Name of the Swedish holiday (public holidays and eves such as julafton) on that day, or null. */
  holiday: string | null
}

/**
 * The occurrences of a meeting series on or after `fromDay`, at most `count`.
 *
 * Times are local to Europe/Stockholm and stay at the same wall-clock time
 * across daylight-saving changes (09:00 stays 09:00; the UTC instant moves).
 * Every N weeks counts from the first occurrence on or after `firstDay`.
 * Monthly takes the n-th weekday of each month (-1 = the last one).
 *
 * @example occurrences({ cadence: { kind: 'weekly', intervalWeeks: 2 }, weekday: 2,
 *   startTime: '09:00', durationMinutes: 60, firstDay: '2026-11-24' }, '2026-11-22', 8)
 */
export function occurrences(rule: RecurrenceRule, fromDay: string, count: number): Occurrence[] {
  const from = maxDay(fromDay, rule.firstDay)
  const days: string[] = []
  if (rule.cadence.kind === 'weekly') {
    const step = 7 * rule.cadence.intervalWeeks
    const anchor = dayToDate(rule.firstDay)
    const first = addDays(anchor, (rule.weekday - getISODay(anchor) + 7) % 7)
    const skipped = Math.max(
      0,
      Math.ceil((dayToDate(from).getTime() - first.getTime()) / (step * dayMs)),
    )
    for (let k = skipped; days.length < count; k++) days.push(dateToDay(addDays(first, k * step)))
  } else {
    // Every month has at least four of each weekday, so each month gives one occurrence.
    let month = dayToDate(`${from.slice(0, 7)}-01`)
    for (
      let guard = 0;
      days.length < count && guard < count + 2;
      guard++, month = addMonths(month, 1)
    ) {
      const day = nthWeekdayOfMonth(month, rule.weekday, rule.cadence.nth)
      if (day >= from) days.push(day)
    }
  }
  return days.map((day) => occurrenceOn(day, rule.startTime, rule.durationMinutes))
}

/** One meeting at a local day and time: its UTC instants and any holiday on that day. */
export function occurrenceOn(day: string, startTime: string, durationMinutes: number): Occurrence {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const [hours, minutes] = startTime.split(':').map(Number) as [number, number]
  const start = new TZDate(year, month - 1, date, hours, minutes, timeZone)
  return {
    day,
    startsAt: new Date(start.getTime()).toISOString(),
    endsAt: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
    holiday: swedishHolidayOn(day),
  }
}

const holidayCache = new Map<number, Map<string, string>>()

/** The Swedish holiday on a day, from the swedish-holidays library, or null. */
export function swedishHolidayOn(day: string): string | null {
  const year = Number(day.slice(0, 4))
  let byDay = holidayCache.get(year)
  if (!byDay) {
    byDay = new Map(
      getHolidays(year).map((holiday) => [
        `${holiday.year}-${String(holiday.month).padStart(2, '0')}-${String(holiday.day).padStart(2, '0')}`,
        holiday.name,
      ]),
    )
    holidayCache.set(year, byDay)
  }
  return byDay.get(day) ?? null
}

function nthWeekdayOfMonth(firstOfMonth: Date, weekday: number, nth: number): string {
  if (nth > 0) {
    const first = addDays(firstOfMonth, (weekday - getISODay(firstOfMonth) + 7) % 7)
    return dateToDay(addDays(first, (nth - 1) * 7))
  }
  const last = addDays(addMonths(firstOfMonth, 1), -1)
  return dateToDay(addDays(last, -((getISODay(last) - weekday + 7) % 7)))
}

// Calendar days are UTC midnights and all day arithmetic is in UTC, so neither
// daylight saving nor the server's own time zone (TZ) can shift a day.
const dayMs = 86_400_000
const dayToDate = (day: string): Date => new Date(`${day}T00:00:00Z`)
const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * dayMs)
const addMonths = (date: Date, months: number): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
const getISODay = (date: Date): number => date.getUTCDay() || 7
const dateToDay = (date: Date): string => date.toISOString().slice(0, 10)
const maxDay = (a: string, b: string): string => (a > b ? a : b)
