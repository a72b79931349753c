import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PageContext } from '../../views/page-context'
import type { AppEnv } from './app-env'

/** A view as HTML, rendered with the request's page context (viewer, language, CSRF token). */
export async function renderToString(
  c: Context<AppEnv>,
  view: Child,
  path = c.req.path,
  csrfToken = c.get('session')?.csrfToken ?? null,
): Promise<string> {
  const value = {
    t: c.get('t'),
    locale: c.get('locale'),
    viewer: c.get('viewer'),
    csrfToken,
    path,
  }
  return (<PageContext.Provider value={value}>{view}</PageContext.Provider>).toString()
}

/** Renders a view with the request's page context; full pages get the doctype. */
export async function render(c: Context<AppEnv>, view: Child, status: ContentfulStatusCode = 200) {
  const html = await renderToString(c, view)
  c.header('Vary', 'HX-Request, Cookie')
  const isFragment = c.req.header('HX-Request') === 'true' && !html.trimStart().startsWith('<html')
  return c.html(isFragment ? html : `<!DOCTYPE html>${html}`, status)
}
