import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'node-html-parser'
import { anAgency, aUser } from '../support/builders'
import { TestClient } from '../support/client'
import {
  startOidcProvider,
  ProviderBrowser,
  type LocalOidcProvider,
} from '../support/oidc-provider'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'
import { freePort } from '../support/free-port'

// Signing in through a real OpenID provider on loopback (oidc-provider), from the admin's form to the session.
let ctx: TestContext
let provider: LocalOidcProvider
let admin: TestClient

beforeAll(async () => {
  provider = await startOidcProvider([`${testOrigin}/logga-in/oidc/kommun/svar`])
  ctx = await createTestContext()
  const adminUser = await aUser(ctx.db, { isAdmin: true })
  admin = new TestClient(ctx.app)
  await admin.login(adminUser.email, adminUser.password)
  const saved = await admin.submit(
    '/admin/inloggning',
    {
      name: 'Exempelstads kommun',
      slug: 'kommun',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      enabled: true,
    },
    { action: '/admin/inloggning/oidc' },
  )
  expect(saved.status, await saved.clone().text()).toBe(303)
})
afterAll(async () => {
  await provider?.close()
  await ctx?.destroy()
})

/** A person's browser: the sign-in page's button, the provider's form, and back to Läget. */
async function signInThroughProvider(client: TestClient, login: string): Promise<Response> {
  const page = parse(await (await client.get('/logga-in')).text())
  const button = page
    .querySelectorAll('a')
    .find((a) => a.text.trim() === 'Logga in med Exempelstads kommun')
  expect(button, 'the sign-in page offers the provider').toBeTruthy()
  const started = await client.get(button!.getAttribute('href')!)
  expect(started.status).toBe(303)
  const back = await new ProviderBrowser(testOrigin).signIn(started.headers.get('location')!, login)
  return client.get(back.slice(testOrigin.length))
}

const lastEvent = (action: string) =>
  ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst()

describe('OpenID Connect', () => {
  it('signs a person in on their verified e-mail once, then by their subject, with a new session each time', async () => {
    const person = await aUser(ctx.db)
    provider.accounts.set('sub-kim-1', { email: person.email.toUpperCase() })
    const client = new TestClient(ctx.app)
    const back = await signInThroughProvider(client, 'sub-kim-1')
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe('/')
    expect((await client.get('/')).status).toBe(200)
    const link = await ctx.db
      .selectFrom('user_identities')
      .selectAll()
      .where('subject', '=', 'sub-kim-1')
      .executeTakeFirstOrThrow()
    expect(link.user_id).toBe(person.id)
    expect((await lastEvent('user.identity_link'))?.object_id).toBe(person.id)
    const firstSession = client.sessionToken

    // Linked: the subject decides, even after the e-mail at the provider has changed.
    provider.accounts.set('sub-kim-1', { email: 'nytt.namn@example.se' })
    const again = new TestClient(ctx.app)
    expect((await signInThroughProvider(again, 'sub-kim-1')).status).toBe(303)
    expect((await again.get('/')).status).toBe(200)
    expect(again.sessionToken).not.toBe(firstSession)
    const login = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'login')
      .where('actor_user_id', '=', person.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(login.details ?? '{}')).toMatchObject({ method: 'oidc' })
  })

  it('creates no account: an unknown person and an unverified e-mail are refused with a page in Swedish', async () => {
    const users = async () => (await ctx.db.selectFrom('users').select('id').execute()).length
    const before = await users()
    provider.accounts.set('sub-okand', { email: 'okand.person@example.se' })
    const unknown = await signInThroughProvider(new TestClient(ctx.app), 'sub-okand')
    expect(unknown.status).toBe(401)
    expect(await unknown.text()).toContain('har inget konto i Läget')

    const person = await aUser(ctx.db)
    provider.accounts.set('sub-overifierad', { email: person.email, emailVerified: false })
    const unverified = await signInThroughProvider(new TestClient(ctx.app), 'sub-overifierad')
    expect(unverified.status).toBe(401)
    expect(await unverified.text()).toContain('ingen bekräftad e-postadress')
    expect(await users()).toBe(before + 1)
    expect(
      await ctx.db
        .selectFrom('user_identities')
        .select('subject')
        .where('user_id', '=', person.id)
        .execute(),
    ).toEqual([])
  })

  it('activates an invited person who signs in this way, and refuses a disabled one', async () => {
    const invited = await aUser(ctx.db, { status: 'invited' })
    provider.accounts.set('sub-inbjuden', { email: invited.email })
    const client = new TestClient(ctx.app)
    expect((await signInThroughProvider(client, 'sub-inbjuden')).status).toBe(303)
    const row = await ctx.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', invited.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('active')

    const disabled = await aUser(ctx.db, { status: 'disabled' })
    provider.accounts.set('sub-avstangd', { email: disabled.email })
    const refused = await signInThroughProvider(new TestClient(ctx.app), 'sub-avstangd')
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('avstängt')
  })

  it('an agency that must use the provider: the admin says so on the agency form; its people can no longer use passwords', async () => {
    const agency = await anAgency(ctx.db)
    const person = await aUser(ctx.db, { agencyId: agency.id })
    const form = await admin.submit(`/admin/aktorer/${agency.id}`, {
      name: agency.name,
      kind: 'police',
      isPublicAuthority: true,
      ssoRequired: true,
    })
    expect(form.status).toBe(303)

    const withPassword = await new TestClient(ctx.app).submit('/logga-in', {
      email: person.email,
      password: person.password,
    })
    expect(withPassword.status).toBe(403)
    expect(await withPassword.text()).toContain('loggar in via kommunens inloggning')

    provider.accounts.set('sub-polis', { email: person.email })
    const client = new TestClient(ctx.app)
    expect((await signInThroughProvider(client, 'sub-polis')).status).toBe(303)
    expect((await client.get('/')).status).toBe(200)

    // An invitation to that agency chooses no password: it points to the provider, whose sign-in activates the account.
    const invited = await aUser(ctx.db, { agencyId: agency.id, status: 'invited' })
    const made = await admin.submit(
      `/admin/anvandare/${invited.id}`,
      {},
      { action: `/admin/anvandare/${invited.id}/ny-inbjudan` },
    )
    const shown = await (await admin.get(made.headers.get('location')!)).text()
    const link = /id="one-time-link"[^>]*value="([^"]+)"/.exec(shown)![1]!.slice(testOrigin.length)
    const invitee = new TestClient(ctx.app)
    const page = await invitee.get(link)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Du behöver inte välja något lösenord')
    expect(html).not.toContain('name="password"')
    expect(
      (
        await invitee.post(
          link,
          { password: 'ett långt lösenord här', passwordConfirm: 'ett långt lösenord här' },
          { forged: true },
        )
      ).status,
    ).toBe(403)
    provider.accounts.set('sub-polis-ny', { email: invited.email })
    expect((await signInThroughProvider(invitee, 'sub-polis-ny')).status).toBe(303)
    expect((await invitee.get('/')).status).toBe(200)
  })

  it('errors from the provider and from tampering give a clear page and never a session', async () => {
    // The person cancels at the provider.
    const cancelling = new TestClient(ctx.app)
    const page = parse(await (await cancelling.get('/logga-in')).text())
    const href = page.querySelector('a[href^="/logga-in/oidc/kommun"]')!.getAttribute('href')!
    const started = await cancelling.get(href)
    const cancelled = await new ProviderBrowser(testOrigin).cancel(started.headers.get('location')!)
    const denied = await cancelling.get(cancelled.slice(testOrigin.length))
    expect(denied.status).toBe(401)
    expect(await denied.text()).toContain('Inloggningen avbröts hos Exempelstads kommun')
    expect(cancelling.sessionToken).toBeUndefined()

    // A callback in a browser that did not start the sign-in (no attempt cookie), and a replay.
    const person = await aUser(ctx.db)
    provider.accounts.set('sub-replay', { email: person.email })
    const owner = new TestClient(ctx.app)
    const ownStart = await owner.get(href)
    const back = await new ProviderBrowser(testOrigin).signIn(
      ownStart.headers.get('location')!,
      'sub-replay',
    )
    const stranger = await new TestClient(ctx.app).get(back.slice(testOrigin.length))
    expect(stranger.status).toBe(400)
    expect(await stranger.text()).toContain('hann gå ut eller startades i en annan webbläsare')
    expect((await owner.get(back.slice(testOrigin.length))).status).toBe(303)
    const replay = await owner.get(back.slice(testOrigin.length))
    expect(replay.status).toBe(400)

    // A tampered state.
    const tamperer = new TestClient(ctx.app)
    const tamperStart = await tamperer.get(href)
    const tamperBack = await new ProviderBrowser(testOrigin).signIn(
      tamperStart.headers.get('location')!,
      'sub-replay',
    )
    const tampered = tamperBack.replace(/state=[^&]+/, 'state=annat')
    const refused = await tamperer.get(tampered.slice(testOrigin.length))
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('gick inte att lita på')
    expect(tamperer.sessionToken).toBeUndefined()
    expect(ctx.logged.filter((line) => line.level === 'error')).toEqual([])
  })

  it('a provider whose clock is two hours behind: a page about the clocks, no session', async () => {
    const person = await aUser(ctx.db)
    provider.accounts.set('sub-klocka', { email: person.email })
    const client = new TestClient(ctx.app)
    provider.clockSkew.seconds = -2 * 3600
    try {
      const back = await signInThroughProvider(client, 'sub-klocka')
      expect(back.status).toBe(401)
      expect(await back.text()).toContain(
        'Klockorna hos Exempelstads kommun och Läget går för olika',
      )
    } finally {
      provider.clockSkew.seconds = 0
    }
    expect(client.sessionToken).toBeUndefined()
  })

  it('a provider out of reach gives a page, not a 500', async () => {
    const port = await freePort()
    const other = await createTestContext()
    try {
      const id = crypto.randomUUID()
      await other.db
        .insertInto('identity_providers')
        .values({
          id,
          kind: 'oidc',
          slug: 'borta',
          name: 'Borta',
          oidc_issuer: `http://127.0.0.1:${port}`,
          oidc_client_id: 'x',
          oidc_client_secret: 'y',
          saml_idp_metadata: null,
          saml_idp_metadata_url: null,
          enabled: 1,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute()
      const response = await new TestClient(other.app).get('/logga-in/oidc/borta')
      expect(response.status).toBe(502)
      expect(await response.text()).toContain('Läget når inte Borta just nu')
    } finally {
      await other.destroy()
    }
  })

  it('signing out ends Läget’s session and offers the provider’s own sign-out', async () => {
    const person = await aUser(ctx.db)
    provider.accounts.set('sub-utloggning', { email: person.email })
    const client = new TestClient(ctx.app)
    await signInThroughProvider(client, 'sub-utloggning')
    await client.get('/')
    const out = await client.submit('/', {}, { action: '/logga-ut' })
    expect(out.status).toBe(200)
    const html = parse(await out.text())
    const providerLink = html.querySelector(`a[href^="${provider.issuer}"]`)
    expect(providerLink?.text).toContain('Logga ut även från Exempelstads kommun')
    expect(providerLink!.getAttribute('href')).toContain(
      `post_logout_redirect_uri=${encodeURIComponent(`${testOrigin}/logga-in`)}`,
    )
    expect((await client.get('/')).status).toBe(303)
  })

  it('disabling a person ends their provider sign-in at once', async () => {
    const person = await aUser(ctx.db)
    provider.accounts.set('sub-stangs-av', { email: person.email })
    const client = new TestClient(ctx.app)
    await signInThroughProvider(client, 'sub-stangs-av')
    expect((await client.get('/')).status).toBe(200)
    const disabled = await admin.submit(
      `/admin/anvandare/${person.id}`,
      {},
      { action: `/admin/anvandare/${person.id}/inaktivera` },
    )
    expect(disabled.status).toBe(303)
    expect((await client.get('/')).status).toBe(303)
  })
})
