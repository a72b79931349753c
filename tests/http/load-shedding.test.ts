import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/http/app-env'
import { shedLoad } from '../../src/http/load-shedding'
import { RenderCache } from '../../src/http/render-cache'

describe('shedLoad', () => {
  it('refuses at once with 503 and Retry-After beyond the limit, and serves again when there is room', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const app = new Hono<AppEnv>()
    app.use('*', shedLoad(2))
    app.get('/', async (c) => {
      await held
      return c.text('ok')
    })
    const first = app.request('/')
    const second = app.request('/')
    const started = performance.now()
    const third = await app.request('/')
    expect(third.status).toBe(503)
    expect(third.headers.get('retry-after')).toBe('2')
    expect(await third.text()).toContain('mycket att göra')
    expect(performance.now() - started).toBeLessThan(100)
    release()
    expect((await first).status).toBe(200)
    expect((await second).status).toBe(200)
    expect((await app.request('/')).status).toBe(200)
  })
})

describe('RenderCache', () => {
  it('renders once per key while fresh, again after the time to live, and drops the least recently used', async () => {
    const cache = new RenderCache(50, 2)
    let renders = 0
    const render = async () => `html ${++renders}`
    expect(await cache.html('a', render)).toBe('html 1')
    expect(await cache.html('a', render)).toBe('html 1')
    expect(await cache.html('b', render)).toBe('html 2')
    await cache.html('a', render)
    expect(await cache.html('c', render)).toBe('html 3')
    // "b" was least recently used and made room for "c".
    expect(await cache.html('b', render)).toBe('html 4')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await cache.html('a', render)).toBe('html 5')
  })
})
