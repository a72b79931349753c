import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../src/auth/rate-limit'
import { sessionIdFromToken } from '../../src/auth/session'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const auditActions = async (userId: string) =>
  (
    await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', userId)
      .orderBy('seq')
      .execute()
  ).map((row) => `${row.action}:${row.outcome}`)

describe('GET /', () => {
  it('sends a visitor without a session to the login page, and back afterwards', async () => {
    const response = await new TestClient(ctx.app).get('/team/abc?x=1')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `/logga-in?nasta=${encodeURIComponent('/team/abc?x=1')}`,
    )
  })
})

describe('POST /logga-in', () => {
  it('signs in, sets a __Host- cookie that is Secure, HttpOnly and SameSite, and records the login', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    const response = await client.post('/logga-in', {
      email: user.email.toUpperCase(),
      password: user.password,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('__Host-laget='))!
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect((await client.get('/')).status).toBe(200)
    expect(await auditActions(user.id)).toEqual(['login:success'])
  })

  it('stores only a hash of the session secret', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const [id, secret] = client.sessionToken!.split('.')
    const row = await ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow()
    expect(row.secret_hash).not.toContain(secret!)
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('returns to a local page after login, but never to another site', async () => {
    const user = await aUser(ctx.db)
    const local = await new TestClient(ctx.app).post('/logga-in?nasta=%2Fadmin', {
      email: user.email,
      password: user.password,
    })
    expect(local.headers.get('location')).toBe('/admin')
    const foreign = await new TestClient(ctx.app).post('/logga-in?nasta=%2F%2Fevil.example', {
      email: user.email,
      password: user.password,
    })
    expect(foreign.headers.get('location')).toBe('/')
  })

  it('starts a new session at login and ends the one the browser came with', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const before = client.sessionToken!
    await client.post('/logga-in', { email: user.email, password: user.password })
    expect(client.sessionToken).not.toBe(before)
    const old = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sessionIdFromToken(before))
      .executeTakeFirst()
    expect(old).toBeUndefined()
  })

  it('answers a wrong password and an unknown account with the same generic message', async () => {
    const user = await aUser(ctx.db)
    const wrong = await new TestClient(ctx.app).post('/logga-in', {
      email: user.email,
      password: 'fel lösenord igen',
    })
    const unknown = await new TestClient(ctx.app).post('/logga-in', {
      email: 'ingen.alls@example.se',
      password: 'fel lösenord igen',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const message = 'E-postadressen eller lösenordet stämmer inte'
    const wrongHtml = await wrong.text()
    expect(wrongHtml).toContain(message)
    expect(await unknown.text()).toContain(message)
    expect(wrongHtml).toContain(`value="${user.email}"`)
    expect(wrongHtml).not.toContain('fel lösenord igen')
    expect(await auditActions(user.id)).toEqual(['login:failure'])
  })

  it('refuses a disabled or invited account with the same message', async () => {
    const disabled = await aUser(ctx.db, { status: 'disabled' })
    const response = await new TestClient(ctx.app).post('/logga-in', {
      email: disabled.email,
      password: disabled.password,
    })
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('E-postadressen eller lösenordet stämmer inte')
  })

  it('re-renders the form with 422 and Swedish messages when fields are empty', async () => {
    const response = await new TestClient(ctx.app).post('/logga-in', { email: '', password: '' })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Fyll i fältet.')
    expect(html).toContain('href="#f-email"')
  })

  it('refuses a sixth try on an account from the same place, even with the right password, saying why', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    for (let i = 0; i < 5; i++) {
      expect(
        (await client.submit('/logga-in', { email: user.email, password: `fel ${i} lösenord` }))
          .status,
      ).toBe(401)
    }
    const throttled = await client.submit('/logga-in', {
      email: user.email,
      password: user.password,
    })
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('60')
    expect(await throttled.text()).toContain(
      'Från en dator där du har loggat in förut kommer du in som vanligt.',
    )
    expect(await auditActions(user.id)).not.toContain('login:success')
  })
})

describe('login throttling behind a proxy (TRUST_PROXY)', () => {
  /** A context whose throttle holds attempts 200 ms apart (not seconds), so holding shows without slowing the test much. */
  async function throttled(trustProxy: string) {
    return createTestContext({
      trustProxy,
      loginThrottle: new LoginThrottle({
        accountSpacingMs: 200,
        addressSpacingMs: 200,
        maxWaitMs: 5000,
      }),
    })
  }
  const from = (address: string, spoofed = '203.0.113.66') => ({
    headers: { 'X-Forwarded-For': `${spoofed}, ${address}` },
  })

  it('follows the right-most address the trusted proxy wrote, not what the client put to its left', async () => {
    const own = await throttled('1')
    try {
      const user = await aUser(own.db)
      const client = new TestClient(own.app)
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        // the client rotates what it claims; the proxy's entry (the right-most) stays the same
        const response = await client.submit(
          '/logga-in',
          { email: user.email, password: `fel ${i}` },
          from('198.51.100.7', `10.0.${i}.1`),
        )
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    } finally {
      await own.destroy()
    }
  })

  it('never lets an attacker lock the owner out: another place gets in, and a known device gets in even from the attacker’s address', async () => {
    const own = await throttled('1')
    try {
      const user = await aUser(own.db)
      const owner = new TestClient(own.app)
      expect(
        (
          await owner.submit(
            '/logga-in',
            { email: user.email, password: user.password },
            from('192.0.2.10'),
          )
        ).status,
      ).toBe(303)
      expect(owner.cookies.get('__Host-laget_enhet')).toMatch(/^[\w-]{20,}$/)
      await owner.submit('/', {}, { action: '/logga-ut' })
      expect(owner.sessionToken).toBeUndefined()
      // an attacker guesses from three addresses until each is refused
      const attacker = new TestClient(own.app)
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        for (let i = 0; i < 6; i++)
          await attacker.submit(
            '/logga-in',
            { email: user.email, password: `gissning ${i}` },
            from(address),
          )
        expect(
          (
            await attacker.submit(
              '/logga-in',
              { email: user.email, password: user.password },
              from(address),
            )
          ).status,
        ).toBe(429)
      }
      // the account's free tries are spent: a stranger's attempt is held, not refused
      const failures = await own.db
        .selectFrom('audit_events')
        .select('details')
        .where('actor_user_id', '=', user.id)
        .where('outcome', '=', 'failure')
        .orderBy('seq')
        .execute()
      expect(failures.length).toBe(15)
      expect(
        failures.map((row) => JSON.parse(row.details).heldMs).some((held: number) => held > 0),
      ).toBe(true)
      // the owner at a new place gets in
      expect(
        (
          await new TestClient(own.app).submit(
            '/logga-in',
            { email: user.email, password: user.password },
            from('192.0.2.99'),
          )
        ).status,
      ).toBe(303)
      // and on their own computer, even behind the attacker's address
      expect(
        (
          await owner.submit(
            '/logga-in',
            { email: user.email, password: user.password },
            from('198.51.100.1'),
          )
        ).status,
      ).toBe(303)
    } finally {
      await own.destroy()
    }
  })

  it('holds, and never refuses, an address that tries many accounts, so colleagues behind one proxy are not locked out', async () => {
    const own = await throttled('false')
    try {
      const client = new TestClient(own.app)
      const statuses: number[] = []
      for (let i = 0; i < 34; i++) {
        statuses.push(
          (
            await client.submit('/logga-in', {
              email: `nummer${i}@example.se`,
              password: 'fel lösenord här',
            })
          ).status,
        )
      }
      expect(statuses.every((status) => status === 401)).toBe(true)
      const held = await own.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'login')
        .orderBy('seq')
        .execute()
      expect(held.slice(0, 30).every((row) => JSON.parse(row.details).heldMs === 0)).toBe(true)
      expect(held.slice(31).every((row) => JSON.parse(row.details).heldMs > 0)).toBe(true)
      const colleague = await aUser(own.db)
      expect(
        (
          await new TestClient(own.app).submit('/logga-in', {
            email: colleague.email,
            password: colleague.password,
          })
        ).status,
      ).toBe(303)
    } finally {
      await own.destroy()
    }
  })
})

describe('sessions', () => {
  it('end after 30 idle minutes', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const id = sessionIdFromToken(client.sessionToken!)
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute()
    expect((await client.get('/')).status).toBe(303)
    expect(
      await ctx.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined()
  })

  it('end 12 hours after login however active', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const id = sessionIdFromToken(client.sessionToken!)
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute()
    expect((await client.get('/')).status).toBe(303)
  })

  it('refuse a forged secret for a real session id', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const id = sessionIdFromToken(client.sessionToken!)
    client.cookies.set('__Host-laget', `${id}.forgedsecretforgedsecretforgedsecret`)
    expect((await client.get('/')).status).toBe(303)
  })
})

describe('POST /logga-ut', () => {
  it('ends the session: the old cookie no longer works', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const token = client.sessionToken!
    const response = await client.post('/logga-ut', {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/logga-in')
    const replay = new TestClient(ctx.app)
    replay.cookies.set('__Host-laget', token)
    expect((await replay.get('/')).status).toBe(303)
    expect(await auditActions(user.id)).toEqual(['login:success', 'logout:success'])
  })
})

describe('POST /sprak', () => {
  it('stores English for a signed-in person and shows the next page in English', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const response = await client.post('/sprak', { locale: 'en', tillbaka: '/' })
    expect(response.status).toBe(303)
    const page = await client.get('/')
    const html = await page.text()
    expect(html).toContain('lang="en"')
    expect(html).toContain('My teams')
    const row = await ctx.db
      .selectFrom('users')
      .select('locale')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.locale).toBe('en')
  })

  it('refuses an unknown language with 422', async () => {
    const response = await new TestClient(ctx.app).post('/sprak', { locale: 'xx' })
    expect(response.status).toBe(422)
  })
})
