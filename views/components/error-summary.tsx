import { errorText, type FieldErrors } from '../../src/http/forms'
import { usePage } from '../page-context'

/**
 * Lists a form's errors at its top, each linked to its field. It takes focus on
 * load (autofocus works without JavaScript), so screen readers announce it.
 */
export const ErrorSummary = (props: {
  errors: FieldErrors
  labels: Record<string, string>
  idPrefix?: string
}) => {
  const { t } = usePage()
  const entries = Object.entries(props.errors).filter(([, key]) => key !== undefined)
  if (entries.length === 0) return null
  return (
    <div
      class="error-summary"
      role="alert"
      tabindex={-1}
      autofocus
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{t('form.errorSummaryTitle')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            {field === '_form' ? (
              errorText(t, key!)
            ) : (
              <a href={`#${props.idPrefix ?? 'f'}-${field}`}>
                {props.labels[field] ?? field}: {errorText(t, key!)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

export const StatusMessage = (props: { message: string | null }) =>
  props.message ? (
    <p class="status-message" role="status">
      {props.message}
    </p>
  ) : null
