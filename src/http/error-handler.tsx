import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ErrorFragment, ErrorPage } from '../../views/errors/error.page'
import { isUniqueViolation } from '../db/unique-name'
import { translator, type MessageKey } from '../i18n/t'
import type { AppEnv } from './app-env'
import { AppError } from './errors'
import { render } from './render'
import { redactPath } from './request-log'

const titles: Partial<Record<number, MessageKey>> = {
  400: 'error.title.badRequest',
  401: 'error.title.signedOut',
  403: 'error.title.forbidden',
  404: 'error.title.notFound',
  409: 'error.title.conflict',
  413: 'error.title.tooLarge',
  422: 'error.title.badRequest',
  429: 'error.title.tooMany',
  503: 'error.title.busy',
}

const messageForStatus: Partial<Record<number, MessageKey>> = {
  404: 'error.notFound',
  413: 'error.tooLarge',
  503: 'error.busy',
}

/**
 * The one place errors become responses: the viewer's language, a whole page
 * or an htmx fragment, and never a stack trace, SQL or path in the body.
 */
export async function handleError(error: Error, c: Context<AppEnv>) {
  if (clientWentAway(c, error)) {
    // Nobody is left to answer: a dropped connection is the client's choice, not our fault.
    c.var.deps?.logger.info('request aborted by client', { requestId: c.var.requestId, method: c.req.method, path: redactPath(c.req.path) })
    return c.body(null, 400)
  }
  let status: ContentfulStatusCode = 500
  let messageKey: MessageKey = 'error.unexpected'
  if (error instanceof AppError) {
    status = error.status
    messageKey = error.messageKey
  } else if (isUniqueViolation(error)) {
    status = 409
    messageKey = 'error.savedMeanwhile'
  } else if (error instanceof HTTPException && error.status < 500) {
    status = error.status as ContentfulStatusCode
    messageKey = messageForStatus[status] ?? 'error.badRequest'
  } else {
    c.var.deps?.logger.error('unhandled error', { requestId: c.var.requestId, error: error.stack ?? String(error) })
  }
  return renderError(c, status, messageKey)
}

/** The request's connection closed before its body arrived (Node's `aborted` / ECONNRESET). */
function clientWentAway(c: Context<AppEnv>, error: Error): boolean {
  const incoming = (c.env as { incoming?: { aborted?: boolean; destroyed?: boolean; complete?: boolean } } | undefined)?.incoming
  const code = (error as { code?: string }).code
  const aborted = error.message === 'aborted' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE'
  return aborted && Boolean(incoming && (incoming.aborted || incoming.destroyed || !incoming.complete))
}

export async function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, messageKey: MessageKey) {
  if (!c.var.t) {
    c.set('t', translator('sv'))
    c.set('locale', 'sv')
  }
  const t = c.var.t
  const message = t(messageKey)
  if (c.req.header('HX-Request') === 'true') return render(c, <ErrorFragment message={message} />, status)
  return render(c, <ErrorPage title={t(titles[status] ?? 'error.title.unexpected')} message={message} />, status)
}
