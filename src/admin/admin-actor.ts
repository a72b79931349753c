import type { Context } from 'hono'
import type { AuditActor } from '../audit/audit.repository'
import type { AppEnv } from '../http/app-env'

export const actorOf = (c: Context<AppEnv>): AuditActor => ({
  userId: c.var.viewer?.userId ?? null,
  agencyId: c.var.viewer?.agencyId ?? null,
  requestId: c.var.requestId,
})

/** Reads `?klart=<what>` after a redirect, limited to the known confirmations. */
export const doneMessage = (c: Context<AppEnv>) => {
  const done = c.req.query('klart')
  return done === 'saved' || done === 'created' ? c.var.t(`admin.done.${done}`) : null
}
