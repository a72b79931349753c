import type { Context, MiddlewareHandler } from 'hono'
import { constantTimeEqual } from '../auth/tokens'
import type { AppEnv } from './app-env'
import { AppError } from './errors'
import { clientAddressFrom, type TrustProxy } from './client-address'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Strict headers: no inline script or style, nothing framed, nothing loaded
 * from elsewhere. Set before the handler runs, so they are part of the
 * response as it is made (changing a response afterwards makes Node copy its
 * body, which costs on every page).
 */
const strictHeaders: [string, string][] = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  ['Referrer-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
]

export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  for (const [name, value] of strictHeaders) c.header(name, value)
  await next()
}

/**
 * Refuses state-changing requests that a browser sent from another site.
 * Sec-Fetch-Site decides when the browser sends it; otherwise the Origin must be
 * ours (the configured public origin, or this request's own origin when no TLS
 * proxy sits in front). A request with neither header is refused too.
 */
export const sameOriginOnly =
  (publicOrigin: string, crossSiteAllowed?: RegExp): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (safeMethods.has(c.req.method)) return next()
    if (crossSiteAllowed?.test(c.req.path)) return next()
    const fetchSite = c.req.header('Sec-Fetch-Site')
    const origin = c.req.header('Origin')
    const allowed =
      fetchSite !== undefined
        ? fetchSite === 'same-origin'
        : origin !== undefined && isOwnOrigin(c, origin, publicOrigin)
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
  const session = c.get('session')
  if (safeMethods.has(c.req.method) || !session) return next()
  let token = c.req.header('X-CSRF-Token')
  if (!token) {
    const type = c.req.header('content-type') ?? ''
    if (
      type.startsWith('application/x-www-form-urlencoded') ||
      type.startsWith('multipart/form-data')
    ) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
      token = typeof body._csrf === 'string' ? body._csrf : undefined
    }
  }
  if (!token || !constantTimeEqual(token, session.csrfToken)) throw new AppError(403, 'error.csrf')
  return next()
}

/** Signed-in pages must not be kept by the browser or a proxy: shared PCs are common. */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  c.header('Cache-Control', 'no-store')
  await next()
}

/** The client's address, believing only the proxies TRUST_PROXY names (see client-address.ts). */
export function clientAddress(c: Context<AppEnv>, trustProxy: TrustProxy): string {
  return clientAddressFrom(
    c.env?.incoming?.socket?.remoteAddress ?? 'local',
    c.req.header('X-Forwarded-For'),
    trustProxy,
  )
}
