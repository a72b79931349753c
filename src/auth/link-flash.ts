import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/app-env'
import type { PasswordLink } from './password-links'

const flashCookie = 'laget_link'

/** A one-time link made for a person, shown to the admin once after the redirect that follows its creation. */
export type FlashedLink = PasswordLink & { userId: string }

/**
 * Post/redirect/get for a one-time link: the link is never stored in clear, so
 * it travels to the next page in a short-lived, HttpOnly, same-site cookie and
 * is shown there once. A reload shows it no more; the admin can make a new one.
 */
export function flashLink(c: Context<AppEnv>, link: FlashedLink): void {
  setCookie(c, flashCookie, Buffer.from(JSON.stringify(link)).toString('base64url'), {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
    maxAge: 300,
  })
}

/** The link flashed for this user, once; the cookie is cleared whatever it held. */
export function takeFlashedLink(c: Context<AppEnv>, userId: string): FlashedLink | null {
  const value = getCookie(c, flashCookie, 'host')
  if (!value) return null
  deleteCookie(c, flashCookie, { prefix: 'host', path: '/', secure: true })
  try {
    const link = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as FlashedLink
    return link.userId === userId &&
      typeof link.url === 'string' &&
      typeof link.expiresAt === 'string'
      ? link
      : null
  } catch {
    return null
  }
}
