import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AccessRead, ReadLogger } from '../audit/access-log'
import type { AccessVia } from '../audit/access-log.table'
import type { AppEnv } from './app-env'
import { readLogOf } from './reader'
import { renderToString } from './render'
import { tokenPlaceholder, type CachedPart } from './render-cache'

// Where a cached part goes in the page around it.
const partMarker = '<!--cached-part-7d2a-->'

/**
 * A part of a page from the cache, rendered for this viewer's class (role,
 * agency, language) on a miss. `view` reads through the logger it is given;
 * what it read is logged for this request, under `via`, whether the part was
 * cached or not. `via` null: a part that reveals nothing the access log records.
 */
export async function cachedPart(
  c: Context<AppEnv>,
  key: string,
  via: AccessVia | null,
  view: (log: ReadLogger) => Promise<Child>,
): Promise<CachedPart> {
  const part = await c.get('deps').pageCache.part(`${key}|${c.get('locale')}`, async () => {
    const reads: AccessRead[] = []
    const html = await renderToString(
      c,
      await view((read) => reads.push(...read)),
      c.req.path,
      c.get('session') ? tokenPlaceholder : null,
    )
    return { html, reads }
  })
  if (part.reads.length > 0) {
    if (via === null) throw new Error(`${key} read logged content but names no surface`)
    readLogOf(c, via)(part.reads)
  }
  return part
}

function partBytes(c: Context<AppEnv>, part: CachedPart): Buffer[] {
  const token = Buffer.from(c.get('session')?.csrfToken ?? '')
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
