import { TZDate } from '@date-fns/tz'
import { format, getISOWeek } from 'date-fns'
import { enGB } from 'date-fns/locale/en-GB'
import { sv } from 'date-fns/locale/sv'
import type { Locale } from './t'

export const timeZone = 'Europe/Stockholm'

const dateLocales = { sv, en: enGB }

const inStockholm = (instant: string | Date) => new TZDate(new Date(instant).getTime(), timeZone)

/** "22 nov. 2026" / "22 Nov 2026" */
export function formatDate(instant: string | Date, locale: Locale): string {
  return format(inStockholm(instant), 'd MMM yyyy', { locale: dateLocales[locale] })
}

/** "22 nov. 2026 14:05", 24-hour time in Europe/Stockholm. */
export function formatDateTime(instant: string | Date, locale: Locale): string {
  return format(inStockholm(instant), 'd MMM yyyy HH:mm', { locale: dateLocales[locale] })
}

/** A calendar day (YYYY-MM-DD) as "22 nov. 2026", without time-zone shifts. */
export function formatDay(day: string, locale: Locale): string {
  return format(new Date(`${day}T12:00:00Z`), 'd MMM yyyy', { locale: dateLocales[locale] })
}

/** "v. 47" */
export function formatWeek(instant: string | Date): string {
  return `v. ${getISOWeek(inStockholm(instant))}`
}

/** Today's calendar day in Europe/Stockholm, as YYYY-MM-DD. */
export function todayInStockholm(now: Date = new Date()): string {
  return format(inStockholm(now), 'yyyy-MM-dd')
}

/** "tisdag 24 nov. 2026 09:00–10:00" in Europe/Stockholm, 24-hour time. */
export function formatMeetingTime(startsAt: string, endsAt: string, locale: Locale): string {
  const options = { locale: dateLocales[locale] }
  return `${format(inStockholm(startsAt), 'EEEE d MMM yyyy HH:mm', options)}–${format(inStockholm(endsAt), 'HH:mm', options)}`
}

/** The local day (YYYY-MM-DD) and time (HH:mm) of an instant in Europe/Stockholm. */
export function localDayAndTime(instant: string): { day: string; time: string } {
  const local = inStockholm(instant)
  return { day: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') }
}
