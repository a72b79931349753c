import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'node-html-parser'
import { LoginThrottle } from '../../src/auth/rate-limit'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { codeFor, rememberSecret, secretOnPage } from '../support/second-factor'
import { createTestContext, type TestContext } from '../support/test-context'

// Two-step verification (TOTP) with recovery codes, through the pages a person uses.
let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx?.destroy())

const text = async (response: Response | Promise<Response>) => (await response).text()

/** The password step alone: where it sends the browser. */
async function passwordStep(client: TestClient, user: { email: string; password: string }) {
  const response = await client.submit('/logga-in', { email: user.email, password: user.password })
  expect(response.status).toBe(303)
  return response.headers.get('location')
}

async function enrolUnderSettings(client: TestClient, email: string): Promise<string[]> {
  const settings = parse(await text(client.get('/installningar')))
  const link = settings.querySelectorAll('a').find((a) => a.text === 'Slå på tvåstegsverifiering')
  expect(link?.getAttribute('href')).toBe('/installningar/tvastegs')
  const page = await text(client.get('/installningar/tvastegs'))
  rememberSecret(email, secretOnPage(page))
  const wrong = await client.submitOn(page, '/installningar/tvastegs', { code: '12345' })
  expect(wrong.status).toBe(401)
  const done = await client.submit('/installningar/tvastegs', { code: await codeFor(email) })
  expect(done.status).toBe(200)
  return parse(await done.text())
    .querySelectorAll('.recovery-codes code')
    .map((code) => code.text)
}

describe('two-step verification', () => {
  it('a member turns it on under Inställningar; then each sign-in takes a code, each code and recovery code works once', async () => {
    const member = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(member.email, member.password)
    const codes = await enrolUnderSettings(client, member.email)
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    const stored = await ctx.db
      .selectFrom('totp_recovery_codes')
      .select('code_hash')
      .innerJoin('users', 'users.id', 'totp_recovery_codes.user_id')
      .where('users.email', '=', member.email)
      .execute()
    expect(stored.map((row) => row.code_hash)).not.toContain(codes[0])

    // The password alone gives no session: the code page comes first.
    const browser = new TestClient(ctx.app)
    expect(await passwordStep(browser, member)).toBe('/logga-in/kod')
    expect((await browser.get('/')).status).toBe(303)
    const code = await codeFor(member.email)
    const signedIn = await browser.submit('/logga-in/kod', { code })
    expect(signedIn.status).toBe(303)
    expect((await browser.get('/')).status).toBe(200)

    // The same code again, in another browser: refused.
    const replay = new TestClient(ctx.app)
    await passwordStep(replay, member)
    const refused = await replay.submit('/logga-in/kod', { code })
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('redan använd')

    // A recovery code instead, once.
    const withRecovery = await replay.submit('/logga-in/kod', { code: codes[3]!.toUpperCase() })
    expect(withRecovery.status).toBe(303)
    const again = new TestClient(ctx.app)
    await passwordStep(again, member)
    expect((await again.submit('/logga-in/kod', { code: codes[3]! })).status).toBe(401)
    expect(await text(client.get('/installningar'))).toContain('9 oanvända återställningskoder')

    // New recovery codes, then turned off: each takes a code (here recovery codes: the app's next one is 30 s away).
    const fresh = await client.submit(
      '/installningar',
      { code: codes[4]! },
      { action: '/installningar/tvastegs/andra', button: 'new-codes' },
    )
    expect(fresh.status).toBe(200)
    const freshCodes = parse(await fresh.text())
      .querySelectorAll('.recovery-codes code')
      .map((one) => one.text)
    expect(freshCodes).not.toContain(codes[5])
    const stale = await client.submit(
      '/installningar',
      { code: codes[5]! },
      { action: '/installningar/tvastegs/andra', button: 'turn-off' },
    )
    expect(stale.status).toBe(401)
    const off = await client.submit(
      '/installningar',
      { code: freshCodes[0]! },
      { action: '/installningar/tvastegs/andra', button: 'turn-off' },
    )
    expect(off.status).toBe(303)
    expect(await text(client.get('/installningar?klart=tvastegs-av'))).toContain(
      'Tvåstegsverifieringen är avstängd.',
    )
    expect(await passwordStep(new TestClient(ctx.app), member)).toBe('/')
    const actions = (
      await ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', member.id)
        .execute()
    ).map((row) => row.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.totp_enable',
        'user.recovery_code_used',
        'user.recovery_codes_new',
        'user.totp_disable',
      ]),
    )
  })

  it('the code step belongs to the browser that gave the password, and expires with it', async () => {
    const member = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(member.email, member.password)
    await enrolUnderSettings(client, member.email)
    await passwordStep(new TestClient(ctx.app), member)
    const stranger = await new TestClient(ctx.app).get('/logga-in/kod')
    expect(stranger.status).toBe(410)
    expect(await stranger.text()).toContain('Inloggningen hann gå ut')
  })

  it('administrators must have it and cannot turn it off; an administrator resets a lost phone, and the person enrols again', async () => {
    const admin = await aUser(ctx.db, { isAdmin: true })
    const other = await aUser(ctx.db, { isAdmin: true })
    const adminClient = new TestClient(ctx.app)
    await adminClient.login(admin.email, admin.password)
    const settings = await text(adminClient.get('/installningar'))
    expect(settings).toContain('kan inte stängas av')
    expect(settings).not.toContain('value="turn-off"')
    const forged = await adminClient.post(
      '/installningar/tvastegs/andra',
      { code: await codeFor(admin.email), what: 'turn-off' },
      { forged: true },
    )
    expect(forged.status).toBe(403)

    const reset = await adminClient.submit(
      `/admin/anvandare/${other.id}`,
      {},
      { action: `/admin/anvandare/${other.id}/aterstall-tvastegs` },
    )
    expect(reset.status).toBe(303)
    const event = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_user_id'])
      .where('action', '=', 'user.totp_reset')
      .where('object_id', '=', other.id)
      .executeTakeFirstOrThrow()
    expect(event.actor_user_id).toBe(admin.id)
    const otherClient = new TestClient(ctx.app)
    expect(await passwordStep(otherClient, other)).toBe('/logga-in/tvastegs')
  })

  it('the administrator can require it of everyone who signs in with a password', async () => {
    const own = await createTestContext()
    try {
      const admin = await aUser(own.db, { isAdmin: true })
      const member = await aUser(own.db)
      const adminClient = new TestClient(own.app)
      await adminClient.login(admin.email, admin.password)
      const saved = await adminClient.submit(
        '/admin/inloggning',
        { secondFactorForAll: true },
        { action: '/admin/inloggning/tvastegs' },
      )
      expect(saved.status).toBe(303)
      expect(await passwordStep(new TestClient(own.app), member)).toBe('/logga-in/tvastegs')
    } finally {
      await own.destroy()
    }
  })

  it('wrong codes are throttled like wrong passwords', async () => {
    const own = await createTestContext({
      loginThrottle: new LoginThrottle({
        accountSpacingMs: 200,
        addressSpacingMs: 200,
        maxWaitMs: 5000,
      }),
    })
    try {
      const admin = await aUser(own.db, { isAdmin: true })
      const client = new TestClient(own.app)
      await passwordStep(client, admin)
      const statuses: number[] = []
      for (let i = 0; i < 8; i++)
        statuses.push((await client.submit('/logga-in/kod', { code: String(100000 + i) })).status)
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401])
      expect(statuses).toContain(429)
    } finally {
      await own.destroy()
    }
  })
})

describe('session limits', () => {
  it('are configurable: SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', async () => {
    const own = await createTestContext({
      env: { SESSION_IDLE_MINUTES: '10', SESSION_MAX_HOURS: '2' },
    })
    try {
      const member = await aUser(own.db)
      const client = new TestClient(own.app)
      const response = await client.submit('/logga-in', {
        email: member.email,
        password: member.password,
      })
      const cookie = response.headers
        .getSetCookie()
        .find((line) => line.startsWith('__Host-laget='))!
      expect(cookie).toContain('Max-Age=7200')
      const row = await own.db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', member.id)
        .executeTakeFirstOrThrow()
      expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(2 * 3600_000)
      // Unused for 9 minutes: still signed in; for 11: signed out.
      const idle = (minutes: number) =>
        own.db
          .updateTable('sessions')
          .set({ last_seen_at: new Date(Date.now() - minutes * 60_000).toISOString() })
          .where('id', '=', row.id)
          .execute()
      await idle(9)
      expect((await client.get('/')).status).toBe(200)
      await idle(11)
      expect((await client.get('/')).status).toBe(303)
    } finally {
      await own.destroy()
    }
  })
})
