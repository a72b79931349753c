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
    const render = async () => ({ html: `html ${++renders}`, reads: [] })
    const text = async (key: string) =>
      Buffer.concat((await cache.part(key, render)).pieces).toString()
    expect(await text('a')).toBe('html 1')
    expect(await text('a')).toBe('html 1')
    expect(await text('b')).toBe('html 2')
    await text('a')
    expect(await text('c')).toBe('html 3')
    // "b" was least recently used and made room for "c".
    expect(await text('b')).toBe('html 4')
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await text('a')).toBe('html 5')
  })
})

describe('shedLoad with work that does not yield (SQLite)', () => {
  it('refuses what would start long after its turn of the event loop began', async () => {
    const app = new Hono<AppEnv>()
    app.use('*', shedLoad(100, 50))
    app.get('/', (c) => {
      const until = performance.now() + 20
      while (performance.now() < until) {
        // 20 ms of work that never yields, like a request on the synchronous SQLite driver
      }
      return c.text('ok')
    })
    // Ten requests in one turn: the first few are served, the rest refused fast.
    const fromNetwork = { incoming: {} }
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        Promise.resolve(app.request('/', {}, fromNetwork)).then((r) => r.status),
      ),
    )
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2)
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4)
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(6)
    // The next turn starts afresh.
    await new Promise((resolve) => setImmediate(resolve))
    expect((await app.request('/', {}, fromNetwork)).status).toBe(200)
  })
})

describe('shedLoad and the accept queue', () => {
  it('answers 503 at once while more connections wait to be accepted than allowed', async () => {
    let waiting = 40
    const app = new Hono<AppEnv>()
    app.use(
      '*',
      shedLoad(100, 500, () => waiting, 32),
    )
    app.get('/', (c) => c.text('ok'))
    const fromNetwork = { incoming: {} }
    expect((await app.request('/', {}, fromNetwork)).status).toBe(503)
    // In tests (no socket) the queue does not count.
    expect((await app.request('/')).status).toBe(200)
    waiting = 3
    expect((await app.request('/', {}, fromNetwork)).status).toBe(200)
  })
})
