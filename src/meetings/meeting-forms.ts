import { z } from 'zod'
import { choice, isValidDay, optionalText, requiredText } from '../http/forms'
import { todayInStockholm } from '../i18n/format'
import { agendaTemplateNames } from '../agenda/agenda-templates'
import { agendaItemKinds } from './meeting.table'

/** Cadence choices of the series form: w<N> every N weeks, m<n> the n-th weekday monthly (m-1 = last). */
export const cadenceChoices = [
  'w1',
  'w2',
  'w3',
  'w4',
  'w6',
  'w8',
  'm1',
  'm2',
  'm3',
  'm4',
  'm-1',
] as const
export type CadenceChoice = (typeof cadenceChoices)[number]

export function cadenceFromChoice(value: CadenceChoice) {
  return value.startsWith('w')
    ? { cadence: 'weekly' as const, intervalWeeks: Number(value.slice(1)), monthlyNth: null }
    : { cadence: 'monthly' as const, intervalWeeks: 1, monthlyNth: Number(value.slice(1)) }
}

export function choiceFromCadence(series: {
  cadence: 'weekly' | 'monthly'
  interval_weeks: number
  monthly_nth: number | null
}): string {
  return series.cadence === 'weekly' ? `w${series.interval_weeks}` : `m${series.monthly_nth ?? 1}`
}

const time = () =>
  z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'meeting.error.time')

const wholeNumber = (min: number, max: number, message: 'meeting.error.duration') =>
  z
    .string()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)

const duration = () =>
  z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .pipe(wholeNumber(5, 600, 'meeting.error.duration'))

const futureDay = () =>
  z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .refine(isValidDay, 'error.date')
    .refine((day) => !isValidDay(day) || day >= todayInStockholm(), 'meeting.error.dayInPast')

const videoLink = () =>
  optionalText(500, { notCheckedBecause: 'a web address, checked to be one' }).refine(
    (value) => value === '' || /^https:\/\/[^\s<>"]+$/.test(value),
    'meeting.error.videoLink',
  )

export const seriesSchema = z.object({
  title: requiredText(120),
  cadence: choice(cadenceChoices),
  weekday: z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'error.choice' }).transform(Number),
  startTime: time(),
  durationMinutes: duration(),
  firstDay: futureDay(),
  location: optionalText(200),
  videoLink: videoLink(),
  agendaTemplate: choice(agendaTemplateNames),
})

// Editing a series does not ask for a template again: meetings already have their agendas.
export const seriesUpdateSchema = seriesSchema
  .omit({ agendaTemplate: true, firstDay: true })
  .extend({
    firstDay: z.string().trim().refine(isValidDay, 'error.date'),
  })

export const moveMeetingSchema = z.object({
  day: futureDay(),
  startTime: time(),
  durationMinutes: duration(),
  location: optionalText(200),
  videoLink: videoLink(),
})

export const agendaItemSchema = z.object({
  title: requiredText(200),
  kind: choice(agendaItemKinds),
  presenterAgencyId: z
    .string()
    .optional()
    .transform((value) => (value ? value : null)),
  minutes: z
    .string()
    .optional()
    .transform((value) => (value ?? '').trim())
    .refine(
      (value) =>
        value === '' || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 600),
      'meeting.error.minutes',
    )
    .transform((value) => (value === '' ? null : Number(value))),
  notes: optionalText(2000),
})
