import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listLegalBases } from '../../src/sharing/legal-basis.repository'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let admin: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  const person = await aUser(ctx.db, { isAdmin: true })
  admin = new TestClient(ctx.app)
  await admin.login(person.email, person.password)
})
afterAll(async () => ctx.destroy())

const form = (overrides: Record<string, string> = {}) => ({
  code: 'kommunens-egen',
  reference: 'Kommunens riktlinje 2026:1',
  title: 'Intern riktlinje',
  explanation: 'En förklaring på vanlig svenska.',
  'discloser-municipal_safety': 'on',
  'recipient-police': 'on',
  identifiable: 'yes',
  purpose: 'prevent_crime',
  validFrom: '2026-01-01',
  ...overrides,
})

describe('the legal-basis catalogue', () => {
  it('ships with the provisions of domain.md §3, the 2025 reforms marked "verify before use"', async () => {
    const bases = await listLegalBases(ctx.db)
    const byCode = new Map(bases.map((b) => [b.code, b]))
    for (const code of [
      'ingen-sekretess',
      'samtycke',
      'osl-10-2',
      'osl-10-18a',
      'osl-10-18b',
      'osl-10-18c',
      'osl-10-21-24',
      'osl-10-28-orosanmalan',
      'osl-25-12-26-9',
    ]) {
      expect(byCode.has(code), code).toBe(true)
    }
    expect(byCode.get('osl-10-18a')).toMatchObject({
      disclosers: ['social_services'],
      recipients: ['police'],
      appliesWhen: { under21: true },
    })
    expect(byCode.get('samtycke')!.allowsPrivateRecipients).toBe(true)
    expect(byCode.get('osl-10-2')!.allowsPrivateRecipients).toBe(false)
    expect(
      bases
        .filter((b) => b.code.startsWith('reform-') || b.code === 'sol-2025-400')
        .every((b) => b.verifyBeforeUse),
    ).toBe(true)
  })

  it('lets the admin add a basis, and refuses bad input with 422 and the form kept', async () => {
    const bad = await admin.post(
      '/admin/rattsliga-grunder',
      form({ code: 'Ogiltig Kod', 'recipient-police': '', validTo: '2025-01-01' }),
    )
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('Använd 2–60 små bokstäver, siffror och bindestreck.')
    expect(html).toContain('Välj minst en typ av aktör, eller alla.')
    expect(html).toContain('Slutdatumet ligger före startdatumet.')
    expect(html).toContain('value="Kommunens riktlinje 2026:1"')
    // "Alla" is ticked on a new basis: ticking some kinds as well is asked about, not silently overruled.
    const both = await admin.submit('/admin/rattsliga-grunder', form())
    expect(both.status).toBe(422)
    expect(await both.text()).toContain(
      'Välj antingen alla typer av aktörer eller vissa, inte båda.',
    )
    const some = { ...form(), 'discloser-any': false, 'recipient-any': false }
    expect((await admin.submit('/admin/rattsliga-grunder', some)).status).toBe(303)
    expect((await admin.submit('/admin/rattsliga-grunder', some)).status).toBe(422)
    const created = (await listLegalBases(ctx.db)).find((b) => b.code === 'kommunens-egen')!
    expect(created).toMatchObject({
      disclosers: ['municipal_safety'],
      recipients: ['police'],
      appliesWhen: { identifiable: true, purpose: 'prevent_crime' },
      valid_from: '2026-01-01',
    })
  })

  it('edits, retires and reinstates a basis, never deletes, and audits each change', async () => {
    const basis = (await listLegalBases(ctx.db)).find((b) => b.code === 'osl-10-18c')!
    const page = await (await admin.get(`/admin/rattsliga-grunder/${basis.id}`)).text()
    expect(page).toContain('name="discloser-social_services" type="checkbox" checked')
    const edit = `/admin/rattsliga-grunder/${basis.id}`
    expect(
      (
        await admin.submit(
          edit,
          form({ code: 'osl-10-18c', reference: 'OSL 10 kap. 18 c §', 'recipient-police': 'on' }),
          { action: edit },
        )
      ).status,
    ).toBe(303)
    expect((await admin.submit(edit, {}, { action: `${edit}/avveckla` })).status).toBe(303)
    expect((await listLegalBases(ctx.db)).find((b) => b.id === basis.id)!.retired_at).not.toBeNull()
    expect((await admin.submit(edit, {}, { action: `${edit}/ateraktivera` })).status).toBe(303)
    expect((await listLegalBases(ctx.db)).find((b) => b.id === basis.id)!.retired_at).toBeNull()
    expect(
      ctx.app.routes.some(
        (r) =>
          r.path.startsWith('/admin/rattsliga-grunder') &&
          (r.method === 'DELETE' || r.path.includes('ta-bort')),
      ),
    ).toBe(false)
    const actions = (
      await ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', basis.id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action)
    expect(actions).toEqual(['legal_basis.update', 'legal_basis.retire', 'legal_basis.reinstate'])
    expect((await admin.get(`/admin/rattsliga-grunder/${crypto.randomUUID()}`)).status).toBe(404)
  })
})
