import type { App } from '../../src/app'
import { chooseForm, fillForm, readForms, type FormInput } from './form'
import { testOrigin } from './test-context'
import { codeFor, rememberSecret, secretOnPage } from './second-factor'

export type PostOptions = {
  /** false: send no CSRF token; a string: send that token instead of the page's. */
  csrf?: boolean | string
  /** null: send no Origin header */
  origin?: string | null
  headers?: Record<string, string>
  /** The request is not one a page offers (tampered or skipped fields): its field names are not checked against the page. */
  forged?: boolean
}

export type SubmitOptions = PostOptions & {
  /** The form's action, when the page has several forms. */
  action?: string | RegExp
  /** The value of the submit button pressed, when it has a name. */
  button?: string
  /** A CSS selector for the part of the page the form is in (several forms post to one action). */
  within?: string
}

/**
 * A browser in miniature over app.request(): keeps cookies, sends our Origin,
 * and posts forms with the CSRF token of the last page it read.
 */
export class TestClient {
  readonly cookies = new Map<string, string>()
  csrfToken: string | null = null

  constructor(private readonly app: App) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.app.request(`${testOrigin}${path}`, {
      headers: { ...this.cookieHeader(), ...headers },
    })
    return this.remember(response)
  }

  /**
   * Reads the page, fills the form on it as a person would (only fields and
   * options the page offers, with the page's own hidden fields and defaults)
   * and submits it: posted, or for a GET form as the query. `action` picks the form when the page has several.
   */
  async submit(page: string, input: FormInput, options: SubmitOptions = {}): Promise<Response> {
    const response = await this.get(page, options.headers)
    if (response.status !== 200)
      throw new Error(`GET ${page} answered ${response.status}, so there is no form to fill`)
    return this.submitOn(await response.text(), page, input, options)
  }

  /** Like submit, on a page already read (e.g. the answer to an earlier post). */
  async submitOn(
    html: string,
    page: string,
    input: FormInput,
    options: SubmitOptions = {},
  ): Promise<Response> {
    const form = chooseForm(readForms(html, options.within), input, options.action)
    const target = new URL(form.action || page, `${testOrigin}${page}`)
    const body = fillForm(form, input, options.button)
    // A GET form (a filter) sends its fields as the query, replacing the action's own.
    if (form.method === 'get') return this.get(`${target.pathname}?${body}`, options.headers)
    return this.send(`${target.pathname}${target.search}`, body, options)
  }

  /**
   * Posts a request built by hand: for what a person cannot do through a page
   * (forged tokens, guessed ids, tampered values, refused roles). A person's
   * flow uses submit.
   */
  async post(
    path: string,
    form: Record<string, string | string[]>,
    options: PostOptions = {},
  ): Promise<Response> {
    if (!options.forged) this.checkAgainstLastPage(path, Object.keys(form))
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(form))
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
    return this.send(path, body, options)
  }

  private async send(path: string, body: URLSearchParams, options: PostOptions): Promise<Response> {
    const token =
      options.csrf === false
        ? null
        : typeof options.csrf === 'string'
          ? options.csrf
          : this.csrfToken
    if (token) body.set('_csrf', token)
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      ...this.cookieHeader(),
      ...(options.origin === null ? {} : { origin: options.origin ?? testOrigin }),
      ...options.headers,
    }
    const response = await this.app.request(`${testOrigin}${path}`, {
      method: 'POST',
      headers,
      body: body.toString(),
    })
    return this.remember(response)
  }

  /** Signs in and reads the start page, so later posts carry the session's CSRF token. */
  async login(email: string, password: string): Promise<Response> {
    let response = await this.submit('/logga-in', { email, password })
    if (response.status !== 303) throw new Error(`login failed with ${response.status}`)
    response = await this.secondStep(email, response)
    await this.get('/')
    return response
  }

  /** The second factor, when the sign-in asks for it: the code, or enrolling one first (the app scans the page's secret). */
  async secondStep(email: string, response: Response): Promise<Response> {
    const location = response.headers.get('location')
    if (location === '/logga-in/tvastegs') {
      const page = await this.get(location)
      rememberSecret(email, secretOnPage(await page.text()))
      const done = await this.submit(location, { code: await codeFor(email) })
      if (done.status !== 200) throw new Error(`enrolling a second factor answered ${done.status}`)
      return done
    }
    if (location !== '/logga-in/kod') return response
    const done = await this.submit(location, { code: await codeFor(email) })
    if (done.status !== 303) throw new Error(`the second factor answered ${done.status}`)
    return done
  }

  get sessionToken(): string | undefined {
    return this.cookies.get('__Host-laget')
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {}
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
  }

  /**
   * A hand-built post to a form the client has on its last page must use that
   * form's field names, so a renamed or missing field fails the test even there.
   */
  private checkAgainstLastPage(path: string, names: string[]) {
    if (!this.lastHtml) return
    const target = path.split('?')[0]
    const forms = readForms(this.lastHtml).filter(
      (form) => form.method === 'post' && form.action.split('?')[0] === target,
    )
    if (forms.length === 0) return
    const fields = new Set(forms.flatMap((form) => form.controls.map((control) => control.name)))
    const unknown = names.filter((name) => name !== '_csrf' && !fields.has(name))
    if (unknown.length)
      throw new Error(
        `POST ${path}: the page's form has no field ${unknown.join(', ')}; it has ${[...fields].join(', ')}`,
      )
  }

  private lastHtml: string | null = null

  private async remember(response: Response): Promise<Response> {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const [name, ...rest] = (pair ?? '').split('=')
      const value = rest.join('=')
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === ''
      if (!name) continue
      if (expired) this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
    const type = response.headers.get('content-type') ?? ''
    if (!type.includes('text/html')) return response
    const html = await response.text()
    this.lastHtml = html
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
    if (token) this.csrfToken = token
    return new Response(html, { status: response.status, headers: response.headers })
  }
}
