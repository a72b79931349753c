import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AccessRead, ReadLogger } from '../audit/access-log'
import type { AccessVia } from '../audit/access-log.table'
import type { AppEnv } from './app-env'
import { readLogOf } from './reader'
import { renderToString } from './render'

// Stands in for the session's CSRF token in cached HTML; tokens are base64url, so never contain it.
const tokenPlaceholder = 'csrf-token-placeholder-3f9c1e'
// Where a cached part goes in the page around it.
const partMarker = '<!--cached-part-7d2a-->'

/**
 * Cached HTML as UTF-8 pieces with the CSRF token to go between each two, and
 * the objects it reveals: logged for every viewer it is served to, hit or miss.
 */
export type CachedPart = { pieces: Buffer[]; reads: AccessRead[] }

/**
 * Rendered parts of busy pages (the team page, the meeting view, the overview),
 * kept a few seconds. A key names everything the HTML depends on: the content
 * version (moved by every committed change, changes/commit.ts), and what the
 * viewer may see (role, agency, language) — never the person, whose CSRF token
 * is put in on the way out. Access is checked before the cache is asked, on
 * every request. What changes with time alone (the next meetings, "today") is
 * seen within `ttlMs`. Parts are kept encoded, so serving one is copying bytes,
 * not building a string.
 */
export class RenderCache {
  private readonly entries = new Map<string, { part: CachedPart; expires: number }>()

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 500,
  ) {}

  async part(
    key: string,
    render: () => Promise<{ html: string; reads: AccessRead[] }>,
  ): Promise<CachedPart> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && hit.expires > now) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.part
    }
    const { html, reads } = await render()
    const part = { pieces: html.split(tokenPlaceholder).map((piece) => Buffer.from(piece)), reads }
    this.entries.set(key, { part, expires: now + this.ttlMs })
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return part
  }
}

/**
 * A part of a page from the cache, rendered for this viewer's class (role,
 * agency, language) on a miss. `view` reads through the logger it is given;
 * what it read is logged for this request whether the part was cached or not.
 */
export async function cachedPart(
  c: Context<AppEnv>,
  key: string,
  via: AccessVia,
  view: (log: ReadLogger) => Promise<Child>,
): Promise<CachedPart> {
  const part = await c.var.deps.pageCache.part(`${key}|${c.var.locale}`, async () => {
    const reads: AccessRead[] = []
    const html = await renderToString(
      c,
      await view((read) => reads.push(...read)),
      c.req.path,
      c.var.session ? tokenPlaceholder : null,
    )
    return { html, reads }
  })
  readLogOf(c, via)(part.reads)
  return part
}

function partBytes(c: Context<AppEnv>, part: CachedPart): Buffer[] {
  const token = Buffer.from(c.var.session?.csrfToken ?? '')
  return part.pieces.flatMap((piece, i) => (i === 0 ? [piece] : [token, piece]))
}

/**
 * Sends a page with a cached part inside: `page` is given the place where the
 * part goes, the page around it is rendered for this request, and the bytes
 * are put together. An htmx request for the part alone gets just the part.
 */
export async function renderWithPart(
  c: Context<AppEnv>,
  part: CachedPart,
  page: ((place: Child) => Child) | null,
  status: ContentfulStatusCode = 200,
) {
  c.header('Vary', 'HX-Request, Cookie')
  c.header('Content-Type', 'text/html; charset=UTF-8')
  if (!page) return c.body(Buffer.concat(partBytes(c, part)), status)
  const [before, after] = `<!DOCTYPE html>${await renderToString(c, page(raw(partMarker)))}`.split(
    partMarker,
  ) as [string, string]
  return c.body(
    Buffer.concat([Buffer.from(before), ...partBytes(c, part), Buffer.from(after)]),
    status,
  )
}
