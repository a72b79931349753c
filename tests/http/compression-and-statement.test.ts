import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const gzipGet = (path: string, headers: Record<string, string> = {}) =>
  ctx.app.request(`${testOrigin}${path}`, {
    headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
  })

describe('compression', () => {
  it('serves the JavaScript gzipped, within the 20 KB budget, with Vary: Accept-Encoding', async () => {
    let total = 0
    for (const file of [
      '/vendor/htmx.min.js',
      '/vendor/htmx-ext-sse.min.js',
      '/js/live.js',
      '/js/ui.js',
    ]) {
      const response = await gzipGet(file)
      expect(response.status, file).toBe(200)
      const body = Buffer.from(await response.arrayBuffer())
      if (body.length < 1024 && !response.headers.get('content-encoding')) {
        total += body.length
        continue
      }
      expect(response.headers.get('content-encoding'), file).toBe('gzip')
      expect(response.headers.get('vary'), file).toMatch(/Accept-Encoding/i)
      expect(gunzipSync(body).equals(readFileSync(`public${file}`)), file).toBe(true)
      total += body.length
    }
    expect(total).toBeLessThan(20 * 1024)
  })

  it('compresses pages, and sends them plain to a client that asks for none', async () => {
    const gzipped = await gzipGet('/logga-in')
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8')).toContain(
      '<!DOCTYPE html>',
    )
    const plain = await ctx.app.request(`${testOrigin}/logga-in`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toContain('<!DOCTYPE html>')
  })
})

describe('GET /tillganglighet', () => {
  it('is public, has what DIGG requires, and every page links to it', async () => {
    const response = await new TestClient(ctx.app).get('/tillganglighet')
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const part of [
      'WCAG 2.1',
      'Kända brister',
      'Rapportera brister',
      'Tillsyn',
      'digg.se',
      'Hur vi har testat',
    ])
      expect(html).toContain(part)
    expect(await (await new TestClient(ctx.app).get('/logga-in')).text()).toContain(
      'href="/tillganglighet"',
    )
    const user = await aUser(ctx.db)
    const signedIn = new TestClient(ctx.app)
    await signedIn.login(user.email, user.password)
    expect(await (await signedIn.get('/')).text()).toContain('href="/tillganglighet"')
  })
})
