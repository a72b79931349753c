import { parse, type HTMLElement } from 'node-html-parser'

/**
 * What a person types or picks, by field name: text for inputs, textareas and
 * selects; true/false to tick or untick a single checkbox; one or more values
 * of a checkbox group or radio group.
 */
export type FormInput = Record<string, string | string[] | boolean>

type Control = { element: HTMLElement; name: string; kind: string }

export type RenderedForm = {
  action: string
  method: string
  controls: Control[]
}

/** The forms of a rendered page, as a browser sees them; `within` (a CSS selector) narrows to one part of the page. */
export function readForms(html: string, within?: string): RenderedForm[] {
  const root = parse(html)
  const part = within ? root.querySelector(within) : root
  if (!part) throw new Error(`The page has no ${within}`)
  return part.querySelectorAll('form').map((form) => ({
    action: form.getAttribute('action') ?? '',
    method: (form.getAttribute('method') ?? 'get').toLowerCase(),
    controls: form
      .querySelectorAll('input, select, textarea, button')
      .filter((element) => element.getAttribute('name') && !element.hasAttribute('disabled'))
      .map((element) => ({ element, name: element.getAttribute('name')!, kind: kindOf(element) })),
  }))
}

function kindOf(element: HTMLElement): string {
  const tag = element.tagName.toLowerCase()
  if (tag !== 'input') return tag
  return (element.getAttribute('type') ?? 'text').toLowerCase()
}

export function fieldNames(form: RenderedForm): string[] {
  return [
    ...new Set(
      form.controls.filter((c) => c.kind !== 'button' && c.kind !== 'submit').map((c) => c.name),
    ),
  ]
}

/** The form to fill: the one posting to `action` (path without query, or a pattern), or the one that has every field named. */
export function chooseForm(
  forms: RenderedForm[],
  input: FormInput,
  action?: string | RegExp,
): RenderedForm {
  const pathOf = (a: string) => a.split('?')[0]
  const candidates = forms.filter((form) => {
    if (action === undefined) return true
    return typeof action === 'string'
      ? pathOf(form.action) === pathOf(action)
      : action.test(form.action)
  })
  const names = Object.keys(input)
  const fitting = candidates.filter((form) =>
    names.every((name) => fieldNames(form).includes(name)),
  )
  if (fitting.length >= 1) return fitting[0]!
  const described = candidates
    .map((form) => `  ${form.method} ${form.action}: ${fieldNames(form).join(', ')}`)
    .join('\n')
  throw new Error(
    `No form${action ? ` posting to ${String(action)}` : ''} has the fields ${names.join(', ')}. Forms on the page:\n${described || '  (none)'}`,
  )
}

/**
 * Fills a form as a browser submits it: the page's own values (hidden fields,
 * typed defaults, ticked boxes, selected options) with the person's input on
 * top. A field the page does not have, or an option it does not offer, throws.
 */
export function fillForm(form: RenderedForm, input: FormInput, button?: string): URLSearchParams {
  for (const [name, value] of Object.entries(input)) checkInput(form, name, value)
  const body = new URLSearchParams()
  const done = new Set<string>()
  for (const control of form.controls) {
    const { element, name, kind } = control
    const given = input[name]
    if (kind === 'submit' || kind === 'button') {
      if (button !== undefined && (element.getAttribute('value') ?? '') === button)
        body.append(name, button)
      continue
    }
    if (kind === 'checkbox' || kind === 'radio') {
      const value = element.getAttribute('value') ?? 'on'
      const ticked =
        given === undefined
          ? element.hasAttribute('checked')
          : given === true || [given].flat().includes(value)
      if (ticked) body.append(name, value)
      continue
    }
    if (given !== undefined) {
      if (done.has(name)) continue
      done.add(name)
      for (const one of [given].flat()) body.append(name, String(one))
      continue
    }
    body.append(name, defaultValue(element, kind))
  }
  return body
}

function defaultValue(element: HTMLElement, kind: string): string {
  if (kind === 'textarea') return element.textContent
  if (kind === 'select') {
    const options = element.querySelectorAll('option')
    const selected = options.find((o) => o.hasAttribute('selected')) ?? options[0]
    return selected ? optionValue(selected) : ''
  }
  return element.getAttribute('value') ?? ''
}

const optionValue = (option: HTMLElement) => option.getAttribute('value') ?? option.textContent

function checkInput(form: RenderedForm, name: string, value: FormInput[string]) {
  const controls = form.controls.filter((c) => c.name === name)
  if (controls.length === 0)
    throw new Error(
      `The form posting to ${form.action} has no field "${name}"; it has: ${fieldNames(form).join(', ')}`,
    )
  const kind = controls[0]!.kind
  const offered =
    kind === 'select'
      ? controls[0]!.element.querySelectorAll('option').map(optionValue)
      : kind === 'checkbox' || kind === 'radio'
        ? controls.map((c) => c.element.getAttribute('value') ?? 'on')
        : null
  if (typeof value === 'boolean') {
    if (kind !== 'checkbox') throw new Error(`"${name}" is a ${kind}, not a checkbox`)
    return
  }
  if (!offered) return
  for (const one of [value].flat()) {
    if (!offered.includes(one))
      throw new Error(`"${name}" offers ${offered.join(', ') || 'nothing'}, not "${one}"`)
  }
}

/** The value of the option (select, radio or checkbox) of `name` whose label contains `label`, as a person picks it by what it says. */
export function optionByLabel(html: string, name: string, label: string): string {
  const root = parse(html)
  for (const select of root.querySelectorAll(`select[name="${name}"]`)) {
    const option = select.querySelectorAll('option').find((o) => o.textContent.includes(label))
    if (option) return optionValue(option)
  }
  for (const input of root.querySelectorAll(`input[name="${name}"]`)) {
    const text = root.querySelector(`label[for="${input.getAttribute('id')}"]`)?.textContent ?? ''
    if (text.includes(label)) return input.getAttribute('value') ?? 'on'
  }
  throw new Error(`No option of "${name}" says "${label}"`)
}
