import type { Context, MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { constantTimeEqual } from '../auth/tokens'
import type { AppEnv } from './app-env'
import { AppError } from './errors'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Strict headers: no inline script or style, nothing framed, nothing loaded from elsewhere. */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  })

/**
 * Refuses state-changing requests that a browser sent from another site.
 * Sec-Fetch-Site decides when the browser sends it; otherwise the Origin must be
 * ours (the configured public origin, or this request's own origin when no TLS
 * proxy sits in front). A request with neither header is refused too.
 */
export const sameOriginOnly = (publicOrigin: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (safeMethods.has(c.req.method)) return next()
    const fetchSite = c.req.header('Sec-Fetch-Site')
    const origin = c.req.header('Origin')
    const allowed = fetchSite !== undefined ? fetchSite === 'same-origin' : origin !== undefined && isOwnOrigin(c, origin, publicOrigin)
    if (!allowed) throw new AppError(403, 'error.csrf')
    return next()
  }

function isOwnOrigin(c: Context, origin: string, publicOrigin: string): boolean {
  if (origin === publicOrigin) return true
  try {
    return origin === new URL(c.req.url).origin
  } catch {
    return false
  }
}

/**
 * For a signed-in person, every state-changing request must also carry the
 * session's CSRF token: the `_csrf` form field, or the X-CSRF-Token header that
 * the page layout hands htmx through `hx-headers`.
 */
export const csrfTokenRequired = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const session = c.var.session
  if (safeMethods.has(c.req.method) || !session) return next()
  let token = c.req.header('X-CSRF-Token')
  if (!token) {
    const type = c.req.header('content-type') ?? ''
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
      token = typeof body._csrf === 'string' ? body._csrf : undefined
    }
  }
  if (!token || !constantTimeEqual(token, session.csrfToken)) throw new AppError(403, 'error.csrf')
  return next()
}

/** Signed-in pages must not be kept by the browser or a proxy: shared PCs are common. */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  await next()
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
}

export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'local'
}
