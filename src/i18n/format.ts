import { TZDate } from '@date-fns/tz'
import { format, getISOWeek, getISOWeeksInYear, getISOWeekYear } from 'date-fns'
import { enGB } from 'date-fns/locale/en-GB'
import { sv } from 'date-fns/locale/sv'
import type { Locale } from './t'

export const timeZone = 'Europe/Stockholm'

const dateLocales = { sv, en: enGB }

const inStockholm = (instant: string | Date) => new TZDate(new Date(instant).getTime(), timeZone)

/**
 * Formatting in a time zone costs tens of microseconds, and pages show the same few
 * instants again and again (a meeting's time on every view), so results are kept.
 */
function remembered<A extends string[]>(work: (...args: A) => string, size = 2000) {
  const kept = new Map<string, string>()
  return (...args: A): string => {
    const key = args.join('\u001f')
    let text = kept.get(key)
    if (text === undefined) {
      text = work(...args)
      if (kept.size >= size) kept.delete(kept.keys().next().value!)
      kept.set(key, text)
    }
    return text
  }
}

const stringOf = (instant: string | Date) =>
  typeof instant === 'string' ? instant : instant.toISOString()

const dateText = remembered((instant: string, locale: Locale) =>
  format(inStockholm(instant), 'd MMM yyyy', { locale: dateLocales[locale] }),
)

const dateTimeText = remembered((instant: string, locale: Locale) =>
  format(inStockholm(instant), 'd MMM yyyy HH:mm', { locale: dateLocales[locale] }),
)

/** "22 nov. 2026" / "22 Nov 2026" */
export function formatDate(instant: string | Date, locale: Locale): string {
  return dateText(stringOf(instant), locale)
}

/** "22 nov. 2026 14:05", 24-hour time in Europe/Stockholm. */
export function formatDateTime(instant: string | Date, locale: Locale): string {
  return dateTimeText(stringOf(instant), locale)
}

/** A calendar day (YYYY-MM-DD) as "22 nov. 2026", without time-zone shifts. */
export function formatDay(day: string, locale: Locale): string {
  return format(new Date(`${day}T12:00:00Z`), 'd MMM yyyy', { locale: dateLocales[locale] })
}

/** "v. 47" */
export function formatWeek(instant: string | Date): string {
  return `v. ${getISOWeek(inStockholm(instant))}`
}

let todayCache = { minute: -1, day: '' }

/** Today's calendar day in Europe/Stockholm, as YYYY-MM-DD (worked out once a minute: every request asks). */
export function todayInStockholm(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000)
  if (minute !== todayCache.minute)
    todayCache = { minute, day: format(inStockholm(now), 'yyyy-MM-dd') }
  return todayCache.day
}

/** "tisdag 24 nov. 2026 09:00–10:00" in Europe/Stockholm, 24-hour time. */
export const formatMeetingTime = remembered(
  (startsAt: string, endsAt: string, locale: Locale): string => {
    const options = { locale: dateLocales[locale] }
    return `${format(inStockholm(startsAt), 'EEEE d MMM yyyy HH:mm', options)}–${format(inStockholm(endsAt), 'HH:mm', options)}`
  },
)

/** The local day (YYYY-MM-DD) and time (HH:mm) of an instant in Europe/Stockholm. */
export function localDayAndTime(instant: string): { day: string; time: string } {
  const local = inStockholm(instant)
  return { day: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') }
}

const dayAtNoon = (day: string) => new Date(`${day}T12:00:00Z`)

/** The ISO week of a calendar day as a sortable key, "2026-W47" (the week-numbering year, so 2027-01-01 is "2026-W53"). */
export function isoWeekKey(day: string): string {
  const date = dayAtNoon(day)
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`
}

/** Whether a text is a week key like "2026-W47". */
export const isWeekKey = (value: string): boolean => /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(value)

/**
 * A week as people type it — "2026-W47", "v. 47", "v47 2026", "vecka 47", "47" —
 * as a week key, or null. A week without a year is the latest such week up to
 * `today` (in January, "52" is last year's week 52).
 */
export function parseWeekInput(input: string, today: string = todayInStockholm()): string | null {
  const text = input.trim().toLowerCase()
  const iso = /^(\d{4})-?w(\d{1,2})$/.exec(text)
  const spoken = /^(?:v(?:ecka|\.)?\s*)?(\d{1,2})(?:[\s,]+(\d{4}))?$/.exec(text)
  let year: number
  let week: number
  if (iso) [year, week] = [Number(iso[1]), Number(iso[2])]
  else if (spoken) {
    week = Number(spoken[1])
    const current = isoWeekKey(today)
    const [currentYear, currentWeek] = [Number(current.slice(0, 4)), Number(current.slice(6))]
    year = spoken[2] ? Number(spoken[2]) : week > currentWeek ? currentYear - 1 : currentYear
  } else return null
  if (week < 1 || week > getISOWeeksInYear(new Date(Date.UTC(year, 5, 1)))) return null
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** "v. 47" for a week key, with the year when asked: "v. 47 2026". */
export function formatWeekKey(key: string, withYear = false): string {
  const [year, week] = key.split('-W')
  return withYear ? `v. ${Number(week)} ${year}` : `v. ${Number(week)}`
}

/** A period of days as Swedish ISO weeks: "v. 47", or "v. 45–47". */
export function formatWeekSpan(from: string, to: string): string {
  const first = getISOWeek(dayAtNoon(from))
  const last = getISOWeek(dayAtNoon(to))
  return first === last ? `v. ${first}` : `v. ${first}–${last}`
}

/** A calendar day `days` after (or before) another, YYYY-MM-DD. */
export function addDaysToDay(day: string, days: number): string {
  return new Date(dayAtNoon(day).getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

/** The `count` ISO week keys ending with the week of `day`, oldest first. */
export function weekKeysEnding(day: string, count: number): string[] {
  const keys: string[] = []
  for (let i = count - 1; i >= 0; i--) keys.push(isoWeekKey(addDaysToDay(day, -7 * i)))
  return keys
}

/** When a day (YYYY-MM-DD) begins in Stockholm, as a UTC ISO instant: for filtering stored times by local days. */
export function stockholmDayStart(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(year, month - 1, date, 0, 0, timeZone).getTime()).toISOString()
}
