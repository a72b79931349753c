import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'node-html-parser'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { startSamlIdp, type LocalSamlIdp } from '../support/saml-idp'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'
import { personFromProfile } from '../../src/sign-in/saml'

// Signing in through a real SAML IdP (samlify as IdP), from the admin's form to the session.
let ctx: TestContext
let idp: LocalSamlIdp
let admin: TestClient
const idpOrigin = 'http://127.0.0.1:9'

beforeAll(async () => {
  idp = await startSamlIdp(`${idpOrigin}/sso`)
  ctx = await createTestContext()
  const adminUser = await aUser(ctx.db, { isAdmin: true })
  admin = new TestClient(ctx.app)
  await admin.login(adminUser.email, adminUser.password)
  const saved = await admin.submit(
    '/admin/inloggning',
    { name: 'Kommunens IdP', slug: 'kommun-saml', metadata: idp.metadata, enabled: true },
    { action: '/admin/inloggning/saml' },
  )
  expect(saved.status, await saved.clone().text()).toBe(303)
})
afterAll(async () => ctx?.destroy())

const spMetadata = async () =>
  (await new TestClient(ctx.app).get('/logga-in/saml/kommun-saml/metadata')).text()

/** The person's browser: the button, the IdP (which answers), and the IdP's page posting the answer back. */
async function startAtLaget(client: TestClient): Promise<string> {
  const page = parse(await (await client.get('/logga-in')).text())
  const button = page
    .querySelectorAll('a')
    .find((a) => a.text.trim() === 'Logga in med Kommunens IdP')
  expect(button).toBeTruthy()
  const started = await client.get(button!.getAttribute('href')!)
  expect(started.status).toBe(303)
  const location = started.headers.get('location')!
  expect(location.startsWith(`${idpOrigin}/sso?SAMLRequest=`)).toBe(true)
  return location
}

const postAnswer = (client: TestClient, samlResponse: string) =>
  client.post(
    '/logga-in/saml/kommun-saml/svar',
    { SAMLResponse: samlResponse },
    { forged: true, origin: idpOrigin },
  )

const decoded = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8')
const encoded = (xml: string) => Buffer.from(xml, 'utf8').toString('base64')

describe('SAML 2.0', () => {
  it('publishes the SP metadata at a stable address: entity id, ACS and signing certificate', async () => {
    const xml = await spMetadata()
    expect(xml).toContain(`entityID="${testOrigin}/logga-in/saml/kommun-saml/metadata"`)
    expect(xml).toContain(`Location="${testOrigin}/logga-in/saml/kommun-saml/svar"`)
    expect(xml).toContain('WantAssertionsSigned="true"')
    expect(xml).toMatch(/<(ds:)?X509Certificate>[A-Za-z0-9+/=\s]{200,}/)
    expect(xml).toBe(await spMetadata())
  })

  it('signs a person in with a signed assertion; the NameID is linked once', async () => {
    const person = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    const redirect = await startAtLaget(client)
    const answer = await idp.answer(redirect, await spMetadata(), person.email)
    const back = await postAnswer(client, answer)
    expect(back.status, await back.clone().text()).toBe(303)
    expect(back.headers.get('location')).toBe('/')
    expect((await client.get('/')).status).toBe(200)
    const link = await ctx.db
      .selectFrom('user_identities')
      .selectAll()
      .where('user_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(link.subject).toBe(person.email)

    // The same answer again (a replay): refused, no new session.
    const replay = new TestClient(ctx.app)
    await startAtLaget(replay)
    const replayed = await postAnswer(replay, answer)
    expect(replayed.status).toBe(401)
    expect(replay.sessionToken).toBeUndefined()
    // And in the browser that used it: its attempt is gone.
    expect((await postAnswer(client, answer)).status).toBe(400)
  })

  it('refuses a tampered assertion and an unsigned one', async () => {
    const person = await aUser(ctx.db)
    const other = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    const redirect = await startAtLaget(client)
    const answer = await idp.answer(redirect, await spMetadata(), person.email)

    const tampered = encoded(decoded(answer).replaceAll(person.email, other.email))
    const refused = await postAnswer(client, tampered)
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('gick inte att lita på')

    const unsigned = encoded(decoded(answer).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, ''))
    expect(decoded(unsigned)).not.toContain('Signature')
    expect((await postAnswer(client, unsigned)).status).toBe(401)
    expect(client.sessionToken).toBeUndefined()
    const reasons = await ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'login')
      .where('outcome', '=', 'failure')
      .execute()
    expect(
      reasons.filter((row) => row.details?.includes('saml_invalid')).length,
    ).toBeGreaterThanOrEqual(2)
    // The untampered answer still works: the refusals did not use up the attempt.
    expect((await postAnswer(client, answer)).status).toBe(303)
  })

  it('an answer to a request another browser made is refused', async () => {
    const person = await aUser(ctx.db)
    const asker = new TestClient(ctx.app)
    const redirect = await startAtLaget(asker)
    const answer = await idp.answer(redirect, await spMetadata(), person.email)
    const stranger = new TestClient(ctx.app)
    await startAtLaget(stranger)
    expect((await postAnswer(stranger, answer)).status).toBe(401)
    expect((await postAnswer(new TestClient(ctx.app), answer)).status).toBe(400)
  })

  it('an unknown person gets a page and no account', async () => {
    const client = new TestClient(ctx.app)
    const redirect = await startAtLaget(client)
    const answer = await idp.answer(redirect, await spMetadata(), 'ingen.har.detta@example.se')
    const refused = await postAnswer(client, answer)
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('har inget konto i Läget')
  })

  it('the admin form refuses metadata that is not an IdP’s, keeping what was typed', async () => {
    const response = await admin.submit(
      '/admin/inloggning',
      { name: 'Fel', slug: 'fel', metadata: '<EntityDescriptor/>', enabled: true },
      { action: '/admin/inloggning/saml' },
    )
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('inte metadata för en identitetsleverantör')
    expect(html).toContain('value="fel"')
  })
})

describe('the person in an assertion', () => {
  it('takes the e-mail from a mail attribute when the NameID is opaque', () => {
    const person = personFromProfile({
      issuer: 'x',
      nameID: 'a1b2c3',
      nameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      mail: 'kim.exempel@example.se',
    } as never)
    expect(person).toEqual({
      subject: 'a1b2c3',
      email: 'kim.exempel@example.se',
      emailVerified: true,
    })
  })
})
