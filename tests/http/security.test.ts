import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxBodyBytes } from '../../src/app'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

let ctx: TestContext
let signedIn: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  const user = await aUser(ctx.db)
  signedIn = new TestClient(ctx.app)
  await signedIn.login(user.email, user.password)
})
afterAll(async () => ctx.destroy())

describe('CSRF protection', () => {
  it('refuses a post without Origin or Sec-Fetch-Site', async () => {
    const response = await signedIn.post('/sprak', { locale: 'en' }, { origin: null })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Formuläret kom inte från Läget')
  })

  it('refuses a post from another origin, even with the right token', async () => {
    expect(
      (await signedIn.post('/sprak', { locale: 'en' }, { origin: 'https://evil.example' })).status,
    ).toBe(403)
  })

  it('refuses a cross-site post by Sec-Fetch-Site', async () => {
    const response = await signedIn.post(
      '/sprak',
      { locale: 'en' },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    )
    expect(response.status).toBe(403)
  })

  it('refuses a signed-in post without the session token, or with a wrong one', async () => {
    expect((await signedIn.post('/sprak', { locale: 'en' }, { csrf: false })).status).toBe(403)
    expect(
      (await signedIn.post('/sprak', { locale: 'en' }, { csrf: 'not-the-token' })).status,
    ).toBe(403)
  })

  it('accepts the token in the X-CSRF-Token header that htmx sends', async () => {
    const response = await signedIn.post(
      '/sprak',
      { locale: 'sv' },
      { csrf: false, headers: { 'x-csrf-token': signedIn.csrfToken!, 'hx-request': 'true' } },
    )
    expect(response.status).toBe(303)
  })

  it('accepts a same-origin post with the token', async () => {
    const response = await signedIn.post(
      '/sprak',
      { locale: 'sv' },
      { headers: { 'sec-fetch-site': 'same-origin' } },
    )
    expect(response.status).toBe(303)
  })

  it('puts the token in the page for htmx (hx-headers) and in every form', async () => {
    const html = await (await signedIn.get('/')).text()
    expect(html).toContain('hx-headers=')
    expect(html).toContain(signedIn.csrfToken!)
  })
})

describe('headers', () => {
  it('sends a strict CSP and the other secure headers', async () => {
    const response = await new TestClient(ctx.app).get('/logga-in')
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(response.headers.get('strict-transport-security')).toContain('max-age=')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it('marks signed-in pages no-store', async () => {
    const response = await signedIn.get('/')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('configures htmx for the CSP and without history in localStorage', async () => {
    const html = await (await new TestClient(ctx.app).get('/logga-in')).text()
    expect(html).toContain('&quot;historyCacheSize&quot;:0')
    expect(html).toContain('&quot;allowEval&quot;:false')
    expect(html).toContain('&quot;includeIndicatorStyles&quot;:false')
    expect(html).toContain('<script src="/vendor/htmx.min.js"')
    expect(html).not.toMatch(/<script>(?!<\/script>)/)
  })

  it('serves htmx from public/vendor', async () => {
    const response = await ctx.app.request(`${testOrigin}/vendor/htmx.min.js`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('htmx')
  })
})

describe('bad input', () => {
  it('answers an oversized body with 413 and a Swedish message', async () => {
    const response = await signedIn.post(
      '/sprak',
      { locale: 'sv', filler: 'x'.repeat(maxBodyBytes + 10) },
      { forged: true },
    )
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('för stort')
  })

  it('answers an unknown page with 404 in Swedish', async () => {
    const response = await signedIn.get('/finns-inte')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Sidan finns inte')
  })

  it('answers a post that is not a form with 400, never 500', async () => {
    const response = await ctx.app.request(`${testOrigin}/logga-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: testOrigin },
      body: '{"email": 1}',
    })
    expect(response.status).toBe(400)
  })

  it('never answers odd paths, queries and bodies with a 5xx or a stack trace', async () => {
    const paths = [
      '/team/%00',
      '/admin/aktorer/%00',
      '/team/ABCDEF00-0000-4000-8000-000000000000%00',
      '/team/..%2f..%2fetc%2fpasswd',
      "/admin/aktorer/' or 1=1 --",
      '/logga-in?nasta=%E0%A4%A',
      '/forsta-admin/' + 'a'.repeat(500),
      '/inbjudan/%ZZ',
      '/team/' + crypto.randomUUID(),
      '/admin/anvandare/' + 'ö'.repeat(100),
    ]
    for (const path of paths) {
      const response = await signedIn.get(path)
      expect(response.status, path).toBeLessThan(500)
      expect(await response.text(), path).not.toMatch(
        /at .*\.ts:\d+|SQLITE|syntax error|node_modules/,
      )
    }
    const bodies = [
      'email=a%00b%40example.se&password=x%00y',
      'email=%E0%A4%A&password=x',
      'email[]=a&password[]=b',
      '&&&===',
      'email=' + '%'.repeat(50),
    ]
    for (const body of bodies) {
      const response = await ctx.app.request(`${testOrigin}/logga-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: testOrigin },
        body,
      })
      expect(response.status, body).toBeLessThan(500)
    }
  })
})
