import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { AppEnv } from './app-env'
import { renderToString } from './render'

// Stands in for the session's CSRF token in cached HTML; tokens are base64url, so never contain it.
const tokenPlaceholder = 'csrf-token-placeholder-3f9c1e'

/**
 * Rendered parts of busy pages (the meeting view, the overview), kept a few
 * seconds. A key names everything the HTML depends on: the thing's version
 * (bumped by every write that publishes a change), and what the viewer may see
 * (role, agency, language) — never the person, whose CSRF token is put in on the
 * way out. Access is checked before the cache is asked, on every request.
 * Writes that publish nothing are seen within `ttlMs`.
 */
export class RenderCache {
  private readonly entries = new Map<string, { html: string; expires: number }>()

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 500,
  ) {}

  async html(key: string, render: () => Promise<string>): Promise<string> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && hit.expires > now) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.html
    }
    const html = await render()
    this.entries.set(key, { html, expires: now + this.ttlMs })
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return html
  }

  clear(): void {
    this.entries.clear()
  }
}

/** A part of a page from the cache (rendered for this viewer's class on a miss), with this session's CSRF token in place. */
export async function cachedPart(c: Context<AppEnv>, key: string, view: () => Promise<Child>) {
  const { pageCache } = c.var.deps
  const html = await pageCache.html(`${key}|${c.var.locale}`, async () => renderToString(c, await view(), c.req.path, c.var.session ? tokenPlaceholder : null))
  const token = c.var.session?.csrfToken ?? ''
  return raw(token ? html.replaceAll(tokenPlaceholder, token) : html)
}
