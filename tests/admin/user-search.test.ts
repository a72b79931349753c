import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser, anAgency } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let admin: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  const agency = await anAgency(ctx.db, { name: 'Östra skolan' })
  const person = await aUser(ctx.db, { isAdmin: true, name: 'Adminsson', agencyId: agency.id })
  for (let i = 0; i < 55; i++)
    await aUser(ctx.db, { name: `Person ${String(i).padStart(2, '0')}`, agencyId: agency.id })
  await aUser(ctx.db, { name: 'Örjan Öberg' })
  await aUser(ctx.db, { name: 'Procent 100% Persson' })
  admin = new TestClient(ctx.app)
  await admin.login(person.email, person.password)
})
afterAll(async () => ctx.destroy())

const rowsIn = (html: string) =>
  (html.match(/href="\/admin\/anvandare\/[0-9a-f-]{36}"/g) ?? []).length

describe('GET /admin/anvandare', () => {
  it('shows 50 users a page, with links between pages', async () => {
    const first = await (await admin.get('/admin/anvandare')).text()
    expect(rowsIn(first)).toBe(50)
    expect(first).toContain('58 användare.')
    expect(first).toContain('href="/admin/anvandare?sida=2"')
    const second = await (await admin.get('/admin/anvandare?sida=2')).text()
    expect(rowsIn(second)).toBe(8)
    expect(second).toContain('Sida 2 av 2')
  })

  it('searches name, e-mail and agency without regard to case, Å, Ä and Ö included', async () => {
    const byName = await (
      await admin.get(`/admin/anvandare?sok=${encodeURIComponent('öBERG')}`)
    ).text()
    expect(rowsIn(byName)).toBe(1)
    expect(byName).toContain('Örjan Öberg')
    const byAgency = await (
      await admin.get(`/admin/anvandare?sok=${encodeURIComponent('östra')}`)
    ).text()
    expect(byAgency).toContain('56 användare matchar')
  })

  it('takes % and _ in a search literally', async () => {
    const percent = await (
      await admin.get(`/admin/anvandare?sok=${encodeURIComponent('%')}`)
    ).text()
    expect(rowsIn(percent)).toBe(1)
    expect(percent).toContain('Procent 100% Persson')
    expect(rowsIn(await (await admin.get('/admin/anvandare?sok=_')).text())).toBe(0)
  })

  it('shows the first page for page numbers that make no sense', async () => {
    for (const query of ['sida=-1', 'sida=abc', 'sida=99999999999', 'sok=' + 'x'.repeat(500)]) {
      const response = await admin.get(`/admin/anvandare?${query}`)
      expect(response.status, query).toBe(200)
    }
  })
})

describe('names are unique without regard to case, on both databases', () => {
  it('refuses "östra skolan" when "Östra skolan" exists', async () => {
    const response = await admin.post('/admin/aktorer', { name: 'ÖSTRA SKOLAN', kind: 'school' })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Namnet används redan.')
  })
})
