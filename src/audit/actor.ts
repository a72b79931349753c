import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env'
import type { AuditActor } from './audit.repository'

/** Who acts in this request, as the audit log names them. */
export const actorOf = (c: Context<AppEnv>): AuditActor => ({
  userId: c.get('viewer')?.userId ?? null,
  agencyId: c.get('viewer')?.agencyId ?? null,
  requestId: c.get('requestId'),
})
