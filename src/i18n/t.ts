import { en } from './en'
import { sv, type MessageKey } from './sv'

export const locales = ['sv', 'en'] as const
export type Locale = (typeof locales)[number]
export type { MessageKey }

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

const catalogues: Record<Locale, Record<MessageKey, string>> = { sv, en }

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en'
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(sv, value)
}

/**
 * Returns a translator for one locale; `{name}` in a message is replaced by
 * params.name, and `{count, åtgärd, åtgärder}` by the singular when count is 1.
 */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale]
  return (key, params) => {
    const message = catalogue[key]
    if (!params) return message
    return message
      .replace(
        /\{(\w+), ([^,{}]*), ([^{}]*)\}/g,
        (whole, name: string, one: string, other: string) =>
          name in params ? (Number(params[name]) === 1 ? one : other) : whole,
      )
      .replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      )
  }
}
