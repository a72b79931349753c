import type { Child } from 'hono/jsx'
import { errorText, type FieldError, type FieldErrors, type FormValues } from '../../src/http/forms'
import type { MessageKey } from '../../src/i18n/t'
import { usePage } from '../page-context'

export const CsrfField = () => {
  const { csrfToken } = usePage()
  return csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null
}

type FieldProps = {
  name: string
  label: string
  values: FormValues
  errors: FieldErrors
  hint?: string
  /** id prefix when the same field appears in several forms on one page */
  idPrefix?: string
}

const fieldId = (props: FieldProps) => `${props.idPrefix ?? 'f'}-${props.name}`

const Described = (props: FieldProps & { children: Child }) => {
  const id = fieldId(props)
  const error = props.errors[props.name]
  return (
    <div class={error ? 'field field--error' : 'field'}>
      {props.children}
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? <FieldErrorText id={`${id}-error`} error={error} /> : null}
    </div>
  )
}

/** A field's error message, with the typed text and what the check found marked when there is one. */
const FieldErrorText = (props: { id: string; error: FieldError }) => {
  const { t } = usePage()
  return (
    <div class="field__error" id={props.id}>
      <p>
        <span class="visually-hidden">{t('form.errorPrefix')} </span>
        {errorText(t, props.error)}
      </p>
      <Highlighted error={props.error} />
      {typeof props.error !== 'string' && props.error.notes?.length ? (
        <ul class="field__notes">
          {props.error.notes.map((note) => (
            <li>
              {note.href ? (
                <a href={note.href}>{t(note.key, note.params)}</a>
              ) : (
                t(note.key, note.params)
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {typeof props.error !== 'string' && props.error.confirm ? (
        <ConfirmChoice id={`${props.id}-confirm`} {...props.error.confirm} />
      ) : null}
    </div>
  )
}

/** A reason to keep the text as it is, chosen instead of rewriting it; sent with the form. */
const ConfirmChoice = (props: {
  id: string
  name: string
  options: readonly { value: string; label: MessageKey }[]
}) => {
  const { t } = usePage()
  return (
    <p class="field__confirm">
      <label for={props.id}>{t('personalData.confirm.label')}</label>
      <select id={props.id} name={props.name}>
        <option value="">{t('personalData.confirm.choose')}</option>
        {props.options.map((option) => (
          <option value={option.value}>{t(option.label)}</option>
        ))}
      </select>
    </p>
  )
}

/** The typed text with what the check found marked, so the person sees exactly where. */
const Highlighted = (props: { error: FieldError }) => {
  if (typeof props.error === 'string' || !props.error.highlight) return null
  const { text, spans } = props.error.highlight
  const parts: (string | ReturnType<typeof Mark>)[] = []
  let at = 0
  for (const [start, end] of spans) {
    parts.push(text.slice(at, start), <Mark text={text.slice(start, end)} />)
    at = end
  }
  parts.push(text.slice(at))
  return <p class="field__excerpt">{parts}</p>
}

const Mark = (props: { text: string }) => <mark>{props.text}</mark>

function describedBy(props: FieldProps): string | undefined {
  const id = fieldId(props)
  const ids = [
    props.hint ? `${id}-hint` : null,
    props.errors[props.name] ? `${id}-error` : null,
  ].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

export const TextField = (
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'date' | 'url' | 'time'
    inputmode?: 'numeric'
    autocomplete?: string
    required?: boolean
    maxlength?: number
    keepValue?: boolean
  },
) => {
  const id = fieldId(props)
  const keep = props.keepValue ?? props.type !== 'password'
  return (
    <Described {...props}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={keep ? (props.values[props.name] ?? '') : ''}
        autocomplete={props.autocomplete}
        required={props.required}
        maxlength={props.maxlength}
        inputmode={props.inputmode}
        aria-invalid={props.errors[props.name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Described>
  )
}

export const TextArea = (props: FieldProps & { maxlength?: number; rows?: number }) => {
  const id = fieldId(props)
  return (
    <Described {...props}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        aria-invalid={props.errors[props.name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.values[props.name] ?? ''}
      </textarea>
    </Described>
  )
}

export type Option = { value: string; label: string }

export const SelectField = (
  props: FieldProps & { options: Option[]; placeholder?: string; required?: boolean },
) => {
  const id = fieldId(props)
  const current = props.values[props.name] ?? ''
  return (
    <Described {...props}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.errors[props.name] ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === current}>
            {option.label}
          </option>
        ))}
      </select>
    </Described>
  )
}

export const CheckboxField = (props: FieldProps) => {
  const id = fieldId(props)
  const value = props.values[props.name]
  return (
    <Described {...props}>
      <div class="checkbox">
        <input
          id={id}
          name={props.name}
          type="checkbox"
          checked={value === 'on' || value === 'true' || value === '1'}
          aria-describedby={describedBy(props)}
        />
        <label for={id}>{props.label}</label>
      </div>
    </Described>
  )
}

/**
 * One choice among a few, as radio buttons in a fieldset whose legend is the
 * question. With `multiple`, checkboxes whose values the form reads as a list.
 */
export const ChoiceGroup = (
  props: FieldProps & {
    options: (Option & { hint?: string })[]
    multiple?: boolean
    inline?: boolean
  },
) => {
  const id = fieldId(props)
  const error = props.errors[props.name]
  const chosen = new Set((props.values[props.name] ?? '').split(',').filter(Boolean))
  return (
    <fieldset
      id={id}
      class={`${error ? 'field field--error' : 'field'} choices${props.inline ? ' choices--inline' : ''}`}
      aria-describedby={describedBy(props)}
      tabindex={-1}
    >
      <legend>{props.label}</legend>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? <FieldErrorText id={`${id}-error`} error={error} /> : null}
      {props.options.map((option, index) => (
        <div class="choice">
          <input
            id={`${id}-${index}`}
            name={props.name}
            type={props.multiple ? 'checkbox' : 'radio'}
            value={option.value}
            checked={chosen.has(option.value)}
            aria-describedby={option.hint ? `${id}-${index}-hint` : undefined}
          />
          <label for={`${id}-${index}`}>{option.label}</label>
          {option.hint ? (
            <p class="choice__hint" id={`${id}-${index}-hint`}>
              {option.hint}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  )
}
