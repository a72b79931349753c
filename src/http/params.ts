import type { Context } from 'hono'
import type { AppEnv } from './app-env'
import { notFound } from './errors'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isUuid = (value: string): boolean => uuidPattern.test(value)

/**
 * A route's id parameter. Every id in Läget is a UUID; anything else is an id
 * that cannot exist, so it gets the same 404 as an unknown one, before any query.
 */
export function idParam(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name) ?? ''
  if (!isUuid(value)) throw notFound()
  return value.toLowerCase()
}
