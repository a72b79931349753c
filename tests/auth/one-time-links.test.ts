import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { aUser } from '../support/builders'
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
    const created = await client.post(pathOf(link), firstAdminForm)
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/admin')
    expect((await client.get('/admin')).status).toBe(200)
    const user = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    expect(user.is_admin).toBe(1)
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    const actions = (await ctx.db.selectFrom('audit_events').select('action').execute()).map((r) => r.action)
    expect(actions).toContain('admin.first_admin_create')

    // single use, and no new link once an admin exists
    expect((await new TestClient(ctx.app).get(pathOf(link))).status).toBe(404)
    expect((await new TestClient(ctx.app).post(pathOf(link), { ...firstAdminForm, email: 'andra@example.se' })).status).toBe(404)
    expect(await prepareFirstAdminLink(ctx.db, testOrigin)).toBeNull()
  })

  it('expires after 24 hours', async () => {
    const link = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    await ctx.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute()
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
      agencyKind: 'spaceship',
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

describe('invitations', () => {
  it('lets an invited person choose a password once and sign in', async () => {
    const admin = await aUser(ctx.db, { isAdmin: true })
    const adminClient = new TestClient(ctx.app)
    await adminClient.login(admin.email, admin.password)
    const invited = await adminClient.post('/admin/anvandare', {
      name: 'Ivar Inbjuden',
      email: 'ivar.inbjuden@example.se',
      agencyId: admin.agencyId,
    })
    expect(invited.status).toBe(200)
    const link = /value="(http:\/\/localhost\/inbjudan\/[^"]+)"/.exec(await invited.text())![1]!

    const person = new TestClient(ctx.app)
    expect((await person.get(pathOf(link))).status).toBe(200)
    const mismatch = await person.post(pathOf(link), { password: 'ett långt lösenord här', passwordConfirm: 'ett annat långt lösenord' })
    expect(mismatch.status).toBe(422)
    expect(await mismatch.text()).toContain('Lösenorden är inte lika.')
    const activated = await person.post(pathOf(link), { password: 'ett långt lösenord här', passwordConfirm: 'ett långt lösenord här' })
    expect(activated.status).toBe(303)
    expect((await person.get('/')).status).toBe(200)
    expect((await new TestClient(ctx.app).get(pathOf(link))).status).toBe(404)

    const again = new TestClient(ctx.app)
    await again.login('ivar.inbjuden@example.se', 'ett långt lösenord här')
  })

  it('refuses a sign-in before the invitation is accepted', async () => {
    const invited = await aUser(ctx.db, { status: 'invited' })
    expect((await new TestClient(ctx.app).post('/logga-in', { email: invited.email, password: invited.password })).status).toBe(401)
  })
})
