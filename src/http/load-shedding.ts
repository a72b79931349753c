import type { MiddlewareHandler } from 'hono'
import { translator } from '../i18n/t'
import type { AppEnv } from './app-env'

/**
 * Sheds load: a request that would wait too long is refused at once with 503
 * and Retry-After, rather than answered after seconds. A page served later is
 * better than a page that never comes, and those already waiting get theirs.
 *
 * Two measures, for the two ways requests queue. With an asynchronous
 * database (PostgreSQL) they overlap, and `limit` caps how many are served at
 * once. With SQLite each request runs to its end once started, so requests
 * queue between turns of the event loop instead: every request that arrives in
 * one turn waits for those before it, and one that would start more than
 * `maxWaitMs` after its turn began is refused. Live streams count only while
 * they are being opened.
 */
export function shedLoad(
  limit: number,
  maxWaitMs = 500,
  waitingToBeAccepted: () => number = () => 0,
  maxWaitingToBeAccepted = 32,
): MiddlewareHandler<AppEnv> {
  // Before the session is read, so refusing costs next to nothing: in Swedish, the language of most.
  const busy = translator('sv')('error.busy')
  let inFlight = 0
  let turnStartedAt = 0
  let inTurn = false
  return async (c, next) => {
    const now = performance.now()
    // Only requests that came over the network queue between turns; app.request() in tests does not.
    const fromNetwork = c.env?.incoming !== undefined
    if (fromNetwork && !inTurn) {
      inTurn = true
      turnStartedAt = now
      setImmediate(() => (inTurn = false))
    }
    // Connections queue in the kernel too while the server is saturated; answering fast 503s then
    // shortens each turn, so those connections are accepted and answered instead of waiting seconds.
    const saturated =
      fromNetwork &&
      (now - turnStartedAt > maxWaitMs || waitingToBeAccepted() > maxWaitingToBeAccepted)
    if (inFlight >= limit || saturated) {
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
