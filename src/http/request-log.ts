import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env'

// One-time tokens travel in these paths; they must never reach a log file.
const secretPaths = /^\/(forsta-admin|inbjudan|aterstall|kalender)\/[^/]+/

export const redactPath = (path: string): string => path.replace(secretPaths, '/$1/:token')

export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  c.get('deps').logger.info('request', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: redactPath(c.req.path),
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
  })
}
