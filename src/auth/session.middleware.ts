import type { Context, MiddlewareHandler } from 'hono'
import { mayAdminister } from '../access/installation-policy'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, Viewer } from '../http/app-env'
import { AppError } from '../http/errors'
import { isLocale, translator, type Locale } from '../i18n/t'
import { findSessionWithViewer } from '../users/user.repository'
import { checkSession, deleteSession, parseSessionToken } from './session'

const sessionCookie = 'laget'
const localeCookie = 'laget_lang'

/** Loads the session and viewer from the `__Host-laget` cookie, and the viewer's language. */
export const loadSession = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const { db, config } = c.get('deps')
  c.set('session', null)
  c.set('viewer', null)
  const token = getCookie(c, sessionCookie, 'host')
  const parsed = token ? parseSessionToken(token) : null
  if (token) {
    const found = parsed ? await findSessionWithViewer(db, parsed.id) : null
    const session =
      found && parsed ? await checkSession(db, found.session, parsed.secret, config.sessions) : null
    const viewer = session ? found!.viewer : null
    if (session && viewer) {
      c.set('session', { id: session.id, csrfToken: session.csrfToken })
      c.set('viewer', viewer)
    } else {
      if (session) await deleteSession(db, session.id)
      clearSessionCookie(c)
    }
  }
  const cookieLocale = getCookie(c, localeCookie)
  const locale: Locale = c.get('viewer')?.locale ?? (isLocale(cookieLocale) ? cookieLocale : 'sv')
  c.set('locale', locale)
  c.set('t', translator(locale))
  return next()
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, sessionCookie, token, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: Math.floor(c.get('deps').config.sessions.absoluteMs / 1000),
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookie, { prefix: 'host', path: '/', secure: true })
}

export function setLocaleCookie(c: Context<AppEnv>, locale: Locale): void {
  setCookie(c, localeCookie, locale, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 365 * 24 * 3600,
  })
}

/**
 * Deny by default: everything behind this needs a signed-in person. Pages send
 * the browser to the login page (and back afterwards); htmx requests are told to.
 */
export const requireViewer = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.get('viewer')) return next()
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search ?? ''))
    const target = `/logga-in?nasta=${next}`
    if (c.req.header('HX-Request') === 'true') {
      c.header('HX-Redirect', target)
      return c.body(null, 401)
    }
    return c.redirect(target, 303)
  }
  throw new AppError(401, 'error.signedOut')
}

/** A whole section for those an installation policy allows (the administrator, the auditor, a log reviewer); 403 for others. */
export const requireInstallationRole =
  (may: (viewer: Viewer | null) => boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!may(c.get('viewer'))) throw new AppError(403, 'error.forbidden')
    return next()
  }

export const requireAdmin = () => requireInstallationRole(mayAdminister)
