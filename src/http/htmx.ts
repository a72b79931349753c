import type { Context } from 'hono'

/** True for requests htmx sent; those get a fragment instead of a redirect or a whole page. */
export const isHtmx = (c: Context): boolean => c.req.header('HX-Request') === 'true'
