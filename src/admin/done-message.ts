import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env'

/** Reads `?klart=<what>` after a redirect, limited to the known confirmations. */
export const doneMessage = (c: Context<AppEnv>) => {
  const done = c.req.query('klart')
  return done === 'saved' || done === 'created' ? c.get('t')(`admin.done.${done}`) : null
}
