import type { MessageKey } from '../i18n/t'

/**
 * The one error type routes throw. `onError` renders `messageKey` in the viewer's
 * language as a page, or as a fragment for htmx requests.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 422 | 429 | 503,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey)
    this.name = 'AppError'
  }
}

export const notFound = () => new AppError(404, 'error.notFound')
export const forbidden = () => new AppError(403, 'error.forbidden')
