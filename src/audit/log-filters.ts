import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../http/app-env'
import type { FieldErrors } from '../http/forms'
import { isUuid } from '../http/params'
import type { MessageKey } from '../i18n/t'

// The pieces the log pages' filters (/granskning, /loggkontroll) are made of.

/** A day as a date field sends it (YYYY-MM-DD). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'error.date')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'error.date')

/** An id as it stands in an address. */
export const id = z.string().refine(isUuid, 'review.error.id')

/** An empty field is no filter. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

export const pageNumber = z.coerce
  .number({ error: 'review.error.page' })
  .int('review.error.page')
  .min(1, 'review.error.page')
  .max(10_000, 'review.error.page')

/** A period whose end is not before its start. */
export const periodInOrder = (f: { fran?: string; till?: string }) =>
  !f.fran || !f.till || f.fran <= f.till
export const periodError = { message: 'review.error.dates', path: ['till'] }

/** The query as typed (each value cut at 200 characters), to filter by and to show back. */
export const queryValues = (c: Context<AppEnv>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(c.req.query()).map(([key, value]) => [key, String(value).slice(0, 200)]),
  )

/** The first error per field, as catalogue keys. */
export const errorsOf = (issues: readonly z.core.$ZodIssue[]): FieldErrors => {
  const errors: FieldErrors = {}
  for (const issue of issues)
    errors[String(issue.path[0] ?? '_form')] ??= issue.message as MessageKey
  return errors
}
