import type { MiddlewareHandler } from 'hono'
import { translator } from '../i18n/t'
import type { AppEnv } from './app-env'

/**
 * Sheds load: with `limit` requests already being served, the next is refused
 * at once with 503 and Retry-After, rather than queued behind them for
 * seconds. A page served later is better than a page that never comes, and
 * the people already waiting get theirs in time. Live streams count only
 * while they are being opened.
 */
export function shedLoad(limit: number): MiddlewareHandler<AppEnv> {
  // Before the session is read, so it costs nothing: in Swedish, the language of most.
  const busy = translator('sv')('error.busy')
  let inFlight = 0
  return async (c, next) => {
    if (inFlight >= limit) {
      c.header('Retry-After', '2')
      c.header('Cache-Control', 'no-store')
      return c.text(busy, 503)
    }
    inFlight++
    try {
      await next()
    } finally {
      inFlight--
    }
  }
}
