import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { aUser } from '../support/builders'
import { codeFor, rememberSecret, secretOnPage } from '../support/second-factor'
import { TestClient } from '../support/client'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeEach(async () => {
  ctx = await createTestContext()
})
afterEach(async () => ctx.destroy())

const firstAdminForm = {
  name: 'Alva Administratör',
  email: 'alva.admin@example.se',
  password: 'ett långt och bra lösenord',
  passwordConfirm: 'ett långt och bra lösenord',
  agencyName: 'Exempelstads kommun, säkerhetsenheten',
  agencyKind: 'municipal_safety',
  agencyPublic: 'on',
}

const pathOf = (link: string) => link.slice(testOrigin.length)

describe('the first-admin link', () => {
  it('creates the first administrator once, signs them in, and records it', async () => {
    const link = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    expect(link).toMatch(/^http:\/\/localhost\/forsta-admin\/[\w-]{40,}$/)
    const client = new TestClient(ctx.app)
    expect((await client.get(pathOf(link))).status).toBe(200)
    const created = await client.submit(pathOf(link), firstAdminForm)
    // An administrator enrols a second factor before the first page of /admin.
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/logga-in/tvastegs')
    expect((await client.get('/admin')).status).toBe(303)
    const enrolPage = await (await client.get('/logga-in/tvastegs')).text()
    expect(enrolPage).toContain('<svg')
    rememberSecret(firstAdminForm.email, secretOnPage(enrolPage))
    const wrong = await client.submitOn(enrolPage, '/logga-in/tvastegs', { code: '000000' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Koden stämmer inte')
    const enrolled = await client.submit('/logga-in/tvastegs', {
      code: await codeFor(firstAdminForm.email),
    })
    expect(enrolled.status).toBe(200)
    const codesPage = await enrolled.text()
    expect(codesPage.match(/<li><code>[a-z2-9]{5}-[a-z2-9]{5}<\/code><\/li>/g)).toHaveLength(10)
    expect(codesPage).toContain('href="/admin"')
    expect((await client.get('/admin')).status).toBe(200)
    const user = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    expect(user.is_admin).toBe(1)
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    const actions = (await ctx.db.selectFrom('audit_events').select('action').execute()).map(
      (r) => r.action,
    )
    expect(actions).toContain('admin.first_admin_create')

    // single use, and no new link once an admin exists
    expect((await new TestClient(ctx.app).get(pathOf(link))).status).toBe(404)
    expect(
      (
        await new TestClient(ctx.app).post(pathOf(link), {
          ...firstAdminForm,
          email: 'andra@example.se',
        })
      ).status,
    ).toBe(404)
    expect(await prepareFirstAdminLink(ctx.db, testOrigin)).toBeNull()
  })

  it('expires after 24 hours', async () => {
    const link = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    await ctx.db
      .updateTable('one_time_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute()
    expect((await new TestClient(ctx.app).get(pathOf(link))).status).toBe(404)
  })

  it('lapses when a new link is printed at the next start', async () => {
    const first = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    const second = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    expect((await new TestClient(ctx.app).get(pathOf(first))).status).toBe(404)
    expect((await new TestClient(ctx.app).get(pathOf(second))).status).toBe(200)
  })

  it('keeps what was typed and explains each error in Swedish (422)', async () => {
    const link = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    const response = await new TestClient(ctx.app).post(pathOf(link), {
      ...firstAdminForm,
      email: 'inte-en-adress',
      password: 'kort',
      passwordConfirm: 'annat',
      agencyKind: 'spaceship', // tampered: the page offers no such kind
    })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Skriv en e-postadress som namn@exempel.se.')
    expect(html).toContain('Lösenordet måste ha minst 12 tecken.')
    expect(html).toContain('Välj ett av alternativen.')
    expect(html).toContain('value="Alva Administratör"')
    expect(html).toContain('value="inte-en-adress"')
    expect(html).not.toContain('value="kort"')
    expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(0)
  })
})

async function signedInAdmin() {
  const admin = await aUser(ctx.db, { isAdmin: true })
  const adminClient = new TestClient(ctx.app)
  await adminClient.login(admin.email, admin.password)
  return { admin, adminClient }
}

/** The link shown on the admin's page after the redirect, read as the admin sees it. */
async function linkShownTo(admin: TestClient, response: Response): Promise<string> {
  expect(response.status).toBe(303)
  const page = await admin.get(response.headers.get('location')!)
  const html = await page.text()
  expect(html).toMatch(/gäller till \d/)
  return pathOf(/id="one-time-link"[^>]*value="(http:\/\/localhost\/[^"]+)"/.exec(html)![1]!)
}

describe('invitations', () => {
  it('lets an invited person choose a password through the page and sign in, for every kind of account', async () => {
    const { admin, adminClient } = await signedInAdmin()
    const kinds = [{}, { isAdmin: true }, { isAuditor: true }] as const
    for (const [index, extra] of kinds.entries()) {
      const email = `ivar.inbjuden.${index}@example.se`
      const invited = await adminClient.submit('/admin/anvandare/ny', {
        name: 'Ivar Inbjuden',
        email,
        agencyId: admin.agencyId,
        ...extra,
      })
      const link = await linkShownTo(adminClient, invited)
      // Shown once: a reload of the person's page shows it no more.
      expect(await (await adminClient.get(invited.headers.get('location')!)).text()).not.toContain(
        'id="one-time-link"',
      )

      const person = new TestClient(ctx.app)
      const mismatch = await person.submit(link, {
        password: 'ett långt lösenord här',
        passwordConfirm: 'ett annat långt lösenord',
      })
      expect(mismatch.status).toBe(422)
      expect(await mismatch.text()).toContain('Lösenorden är inte lika.')
      const activated = await person.submit(link, {
        password: 'ett långt lösenord här',
        passwordConfirm: 'ett långt lösenord här',
      })
      expect(activated.status).toBe(303)
      // Administrators and auditors enrol a second factor on the way in.
      expect(activated.headers.get('location')).toBe(
        'isAdmin' in extra || 'isAuditor' in extra ? '/logga-in/tvastegs' : '/',
      )
      await person.secondStep(email, activated)
      expect((await person.get('/')).status).toBe(200)
      expect((await new TestClient(ctx.app).get(link)).status).toBe(404)
      await new TestClient(ctx.app).login(email, 'ett långt lösenord här')
    }
  })

  it('refuses a sign-in before the invitation is accepted', async () => {
    const invited = await aUser(ctx.db, { status: 'invited' })
    expect(
      (
        await new TestClient(ctx.app).post('/logga-in', {
          email: invited.email,
          password: invited.password,
        })
      ).status,
    ).toBe(401)
  })
})

describe('password reset by the admin', () => {
  it('makes a one-time link that ends the old sessions, lets the person choose a new password, and is audited', async () => {
    const { adminClient } = await signedInAdmin()
    const person = await aUser(ctx.db)
    const oldSession = new TestClient(ctx.app)
    await oldSession.login(person.email, person.password)

    const made = await adminClient.submit(
      `/admin/anvandare/${person.id}`,
      {},
      { action: `/admin/anvandare/${person.id}/aterstall-losenord` },
    )
    const link = await linkShownTo(adminClient, made)
    expect((await oldSession.get('/')).status).toBe(303)

    const browser = new TestClient(ctx.app)
    expect(await (await browser.get(link)).text()).toContain('Välj ett nytt lösenord')
    const saved = await browser.submit(link, {
      password: 'ett helt nytt lösenord',
      passwordConfirm: 'ett helt nytt lösenord',
    })
    expect(saved.status).toBe(303)
    expect((await browser.get('/')).status).toBe(200)
    expect((await new TestClient(ctx.app).get(link)).status).toBe(404)
    expect(
      (
        await new TestClient(ctx.app).post('/logga-in', {
          email: person.email,
          password: person.password,
        })
      ).status,
    ).toBe(401)
    await new TestClient(ctx.app).login(person.email, 'ett helt nytt lösenord')

    const actions = (await ctx.db.selectFrom('audit_events').select('action').execute()).map(
      (r) => r.action,
    )
    expect(actions).toEqual(
      expect.arrayContaining(['user.password_reset_link', 'user.password_reset']),
    )
  })

  it('is refused to anyone but the admin, and for an account that is not active', async () => {
    const { adminClient } = await signedInAdmin()
    const person = await aUser(ctx.db)
    const member = new TestClient(ctx.app)
    await member.login(person.email, person.password)
    expect((await member.post(`/admin/anvandare/${person.id}/aterstall-losenord`, {})).status).toBe(
      403,
    )
    const invited = await aUser(ctx.db, { status: 'invited' })
    expect(
      (await adminClient.post(`/admin/anvandare/${invited.id}/aterstall-losenord`, {})).status,
    ).toBe(409)
    const page = await (await adminClient.get(`/admin/anvandare/${invited.id}`)).text()
    expect(page).not.toContain('aterstall-losenord')
    // An invitation link is no reset link, and the other way round.
    const reset = await linkShownTo(
      adminClient,
      await adminClient.post(`/admin/anvandare/${person.id}/aterstall-losenord`, {}),
    )
    expect(
      (await new TestClient(ctx.app).get(reset.replace('/aterstall/', '/inbjudan/'))).status,
    ).toBe(404)
  })
})
