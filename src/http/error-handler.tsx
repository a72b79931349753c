import type { Context, MiddlewareHandler } from 'hono'
import { isDatabaseUnavailable } from '../db/availability'
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
    c.get('deps')?.logger.info('request aborted by client', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: redactPath(c.req.path),
    })
    return c.body(null, 400)
  }
  if (isDatabaseUnavailable(error)) {
    c.get('deps')?.database.markDown()
    c.get('deps')?.logger.warn('database unavailable', {
      requestId: c.get('requestId'),
      error: String(error),
    })
    return databaseAway(c)
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
    c.get('deps')?.logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: error.stack ?? String(error),
    })
  }
  return renderError(c, status, messageKey)
}

export const retryAfterSeconds = 5

/** 503 with Retry-After and a page in the viewer's language (Swedish before the session is known). */
function databaseAway(c: Context<AppEnv>) {
  c.header('Retry-After', String(retryAfterSeconds))
  return renderError(c, 503, 'error.databaseAway', 'error.title.databaseAway')
}

/** While the database is known to be away, answers at once instead of waiting on it. */
export const pauseWhileDatabaseAway = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (c.get('deps').database.pausing) return databaseAway(c)
  return next()
}

/** The request's connection closed before its body arrived (Node's `aborted` / ECONNRESET). */
function clientWentAway(c: Context<AppEnv>, error: Error): boolean {
  const incoming = (
    c.env as
      { incoming?: { aborted?: boolean; destroyed?: boolean; complete?: boolean } } | undefined
  )?.incoming
  const code = (error as { code?: string }).code
  const aborted =
    error.message === 'aborted' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE'
  return (
    aborted && Boolean(incoming && (incoming.aborted || incoming.destroyed || !incoming.complete))
  )
}

export async function renderError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  messageKey: MessageKey,
  titleKey?: MessageKey,
) {
  if (!c.get('t')) {
    c.set('t', translator('sv'))
    c.set('locale', 'sv')
  }
  const t = c.get('t')
  const message = t(messageKey)
  if (c.req.header('HX-Request') === 'true')
    return render(c, <ErrorFragment message={message} />, status)
  return render(
    c,
    <ErrorPage
      title={t(titleKey ?? titles[status] ?? 'error.title.unexpected')}
      message={message}
    />,
    status,
  )
}
