import type { Context } from 'hono'
import type { AccessVia } from '../audit/access-log.table'
import type { ReadLogger } from '../audit/access-log'
import type { Reader } from '../situation/read'
import type { AppEnv } from './app-env'

/**
 * The request's read logger: every object the request reveals is logged once,
 * under the surface (`via`) that first read it.
 */
export function readLogOf(c: Context<AppEnv>, via: AccessVia): ReadLogger {
  let log = c.get('readLog')
  if (!log) {
    const viewer = c.get('viewer')!
    log = c.get('deps').accessLog.loggerFor({
      userId: viewer.userId,
      agencyId: viewer.agencyId,
      requestId: c.get('requestId'),
      via,
    })
    c.set('readLog', log)
  }
  return log
}

/** The signed-in person as a reader at the read door, their reads logged for this request. */
export function readerFor(c: Context<AppEnv>, via: AccessVia): Reader {
  return { db: c.get('deps').db, viewer: c.get('viewer')!, log: readLogOf(c, via) }
}
