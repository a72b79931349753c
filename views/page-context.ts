import { createContext, useContext } from 'hono/jsx'
import type { Viewer } from '../src/http/app-env'
import { translator, type Locale, type Translate } from '../src/i18n/t'

export type PageContextValue = {
  t: Translate
  locale: Locale
  viewer: Viewer | null
  csrfToken: string | null
  path: string
}

export const PageContext = createContext<PageContextValue>({
  t: translator('sv'),
  locale: 'sv',
  viewer: null,
  csrfToken: null,
  path: '/',
})

/** What every view needs about the request: translator, locale, viewer, CSRF token. */
export const usePage = (): PageContextValue => useContext(PageContext)
