import type { Context } from 'hono'
import { z } from 'zod'
import { isMessageKey, type MessageKey, type Translate } from '../i18n/t'
import type { AppEnv } from './app-env'
import { AppError } from './errors'
import { isUuid } from './params'

export type FormValues = Record<string, string>

/** A field's error: a catalogue key, or a key with parameters and the spans of the text to highlight. */
export type FieldError =
  | MessageKey
  | {
      key: MessageKey
      params: Record<string, string>
      highlight?: { text: string; spans: [number, number][] }
      /** What to do about it, line by line; a link where the next step is a page. */
      notes?: { key: MessageKey; params?: Record<string, string>; href?: string }[]
      /** A choice the person can make instead of changing the text (a reason to keep it). */
      confirm?: { name: string; options: readonly { value: string; label: MessageKey }[] }
    }
export type FieldErrors = Partial<Record<string, FieldError>>

export const errorText = (t: Translate, error: FieldError): string =>
  typeof error === 'string' ? t(error) : t(error.key, error.params)

export type FormResult<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues }

const maxFieldLength = 20_000

/**
 * Reads a posted form as plain strings. Files are ignored, repeated fields keep
 * the last value — except the `lists` named, whose values (ids) are joined
 * with commas — and the CSRF token is left out so it never echoes back.
 */
export async function readForm(
  c: Context<AppEnv>,
  lists: readonly string[] = [],
): Promise<FormValues> {
  const type = c.req.header('content-type') ?? ''
  if (
    !type.startsWith('application/x-www-form-urlencoded') &&
    !type.startsWith('multipart/form-data')
  ) {
    throw new AppError(400, 'error.badForm')
  }
  let body: Record<string, unknown>
  try {
    body = await c.req.parseBody({ all: true })
  } catch {
    throw new AppError(400, 'error.badForm')
  }
  const values: FormValues = {}
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue
    if (lists.includes(name)) {
      const all = (Array.isArray(value) ? value : [value]).filter(
        (one): one is string => typeof one === 'string' && one !== '',
      )
      values[name] = all.join(',').replaceAll('\u0000', '').slice(0, maxFieldLength)
      continue
    }
    const last = Array.isArray(value) ? value[value.length - 1] : value
    // PostgreSQL cannot store NUL in text, and no person types one.
    if (typeof last === 'string')
      values[name] = last.replaceAll('\u0000', '').slice(0, maxFieldLength)
  }
  return values
}

/**
 * Validates form values with a zod schema whose messages are catalogue keys.
 * Missing fields are read as empty strings, so "required" is the message for both.
 * A form with free text to check for personal data goes through `checkedForm`
 * (personal-data/checked-form.ts) instead: asked here, it is refused.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: FormValues,
): FormResult<z.output<S>> {
  const unchecked = checkedTextFields(schema)
  if (unchecked.length > 0)
    throw new Error(`Free text (${unchecked.join(', ')}) must be checked: use checkedForm`)
  return validateShape(schema, values)
}

/** The form's shape alone, for `checkedForm`, which checks the text next. */
export function validateShape<S extends z.ZodType>(
  schema: S,
  values: FormValues,
): FormResult<z.output<S>> {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data, values }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form')
    if (errors[field]) continue
    errors[field] = isMessageKey(issue.message)
      ? issue.message
      : issue.code === 'invalid_type'
        ? 'error.required'
        : 'error.invalid'
  }
  return { ok: false, errors, values }
}

/**
 * What the personal-data check does with a free-text field: every text field is
 * checked (forms/checked-form.ts) unless its schema says why not.
 */
export type TextRule =
  { personalData: 'checked' } | { personalData: 'not checked'; because: string }
export const textRules = z.registry<TextRule>()

/** Names free text that is not checked for personal data, and why (a staff member's own name; a law's title). */
export type NotChecked = { notCheckedBecause: string }

function withRule<S extends z.ZodType>(schema: S, notChecked?: NotChecked): S {
  textRules.add(
    schema,
    notChecked
      ? { personalData: 'not checked', because: notChecked.notCheckedBecause }
      : { personalData: 'checked' },
  )
  return schema
}

/** The fields of a form schema whose text the personal-data check reads. */
export function checkedTextFields(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape
  if (!shape) {
    const inner = (schema as unknown as { in?: z.ZodType }).in
    return inner ? checkedTextFields(inner) : []
  }
  return Object.entries(shape)
    .filter(([, field]) => textRules.get(field)?.personalData === 'checked')
    .map(([name]) => name)
}

// Field builders whose messages are catalogue keys.

export const requiredText = (max: number, notChecked?: NotChecked) =>
  withRule(
    z.string({ error: 'error.required' }).trim().min(1, 'error.required').max(max, 'error.tooLong'),
    notChecked,
  )

export const optionalText = (max: number, notChecked?: NotChecked) =>
  withRule(
    z.string({ error: 'error.required' }).trim().max(max, 'error.tooLong').default(''),
    notChecked,
  )

export const email = () =>
  z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .max(254, 'error.tooLong')
    .pipe(z.email('error.email'))

export const choice = <T extends readonly [string, ...string[]]>(options: T) =>
  z.enum(options, { error: 'error.choice' })

export const checkbox = () =>
  z
    .string()
    .optional()
    .transform((value) => value === 'on' || value === 'true' || value === '1')

export const uuid = () => z.string({ error: 'error.choice' }).uuid('error.choice')

/** An optional choice by id (a select whose empty option means "none" or "all"): null when empty. */
export const optionalId = () =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isUuid(value), 'error.choice')

export const optionalDay = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isValidDay(value), 'error.date')

export function isValidDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}
