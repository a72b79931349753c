import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estCategories, vbeCategories } from '../../src/teams/default-categories'
import { aMembership, aTeam, aUser, anAgency } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let admin: Awaited<ReturnType<typeof aUser>>
let adminClient: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  admin = await aUser(ctx.db, { isAdmin: true })
  adminClient = new TestClient(ctx.app)
  await adminClient.login(admin.email, admin.password)
})
afterAll(async () => ctx.destroy())

const lastAudit = async () =>
  ctx.db
    .selectFrom('audit_events')
    .select(['action', 'actor_user_id', 'object_id', 'outcome'])
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow()

// Public by design; /kalender/:file is authenticated by the secret token in its address (tested in tests/calendar).
const publicRoutes = new Set([
  '/logga-in',
  '/logga-ut',
  '/sprak',
  '/forsta-admin/:token',
  '/inbjudan/:token',
  '/aterstall/:token',
  '/glomt-losenord',
  // The second step of a sign-in: only with the browser's sign-in attempt (410 without one).
  '/logga-in/kod',
  '/logga-in/tvastegs',
  // Signing in through an identity provider: the way there and back.
  '/logga-in/oidc/:slug',
  '/logga-in/oidc/:slug/svar',
  '/logga-in/saml/:slug',
  '/logga-in/saml/:slug/svar',
  '/logga-in/saml/:slug/metadata',
  '/tillganglighet',
  '/halsa',
  '/kalender/:file',
])

const concreteRoutes = () =>
  ctx.app.routes
    .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
    .map((route) => ({
      method: route.method,
      path: route.path,
      url: route.path.replace(/:\w+/g, crypto.randomUUID()),
    }))

describe('deny by default', () => {
  it('sends an anonymous visitor away from every route that is not public', async () => {
    const routes = concreteRoutes().filter((route) => !publicRoutes.has(route.path))
    expect(routes.length).toBeGreaterThan(15)
    for (const route of routes) {
      const client = new TestClient(ctx.app)
      const response =
        route.method === 'GET' ? await client.get(route.url) : await client.post(route.url, {})
      expect([303, 401], `${route.method} ${route.path}`).toContain(response.status)
    }
  })

  it('refuses every admin route to a signed-in person who is not an admin (403), ids guessed or not', async () => {
    const member = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(member.email, member.password)
    const team = await aTeam(ctx.db)
    const routes = concreteRoutes().filter((route) => route.path.startsWith('/admin'))
    expect(routes.length).toBeGreaterThan(10)
    for (const route of routes) {
      const url = route.path
        .replace(':teamId', team.id)
        .replace(':userId', member.id)
        .replace(/:\w+/g, crypto.randomUUID())
      const response =
        route.method === 'GET' ? await client.get(url) : await client.post(url, { name: 'Försök' })
      expect(response.status, `${route.method} ${route.path}`).toBe(403)
    }
    const teamAfter = await ctx.db
      .selectFrom('teams')
      .select('name')
      .where('id', '=', team.id)
      .executeTakeFirstOrThrow()
    expect(teamAfter.name).toBe(team.name)
  })

  it('refuses an auditor the admin pages too', async () => {
    const auditor = await aUser(ctx.db, { isAuditor: true })
    const client = new TestClient(ctx.app)
    await client.login(auditor.email, auditor.password)
    expect((await client.get('/admin/anvandare')).status).toBe(403)
  })
})

describe('/admin/aktorer', () => {
  it('creates an agency through the form, answering with a redirect, and records it', async () => {
    const response = await adminClient.submit('/admin/aktorer', {
      name: 'Exempelstads Polisområde',
      kind: 'police',
    })
    expect(response.status).toBe(303)
    const agency = await ctx.db
      .selectFrom('agencies')
      .selectAll()
      .where('name', '=', 'Exempelstads Polisområde')
      .executeTakeFirstOrThrow()
    expect(agency).toMatchObject({ kind: 'police', is_public_authority: 1 })
    expect(await lastAudit()).toMatchObject({
      action: 'agency.create',
      actor_user_id: admin.id,
      object_id: agency.id,
    })
    expect(await (await adminClient.get('/admin/aktorer')).text()).toContain(
      'Exempelstads Polisområde',
    )
  })

  it('saves a private kind as a private actor when the box is unticked, and marks it so', async () => {
    const response = await adminClient.submit('/admin/aktorer', {
      name: 'Exempelstads Bostäder AB',
      kind: 'housing',
      isPublicAuthority: false,
    })
    expect(response.status).toBe(303)
    const agency = await ctx.db
      .selectFrom('agencies')
      .selectAll()
      .where('name', '=', 'Exempelstads Bostäder AB')
      .executeTakeFirstOrThrow()
    expect(agency).toMatchObject({ kind: 'housing', is_public_authority: 0 })
    expect(await (await adminClient.get('/admin/aktorer')).text()).toContain('Nej (privat aktör)')
  })

  it('asks for a confirmation before a private kind is saved as a public authority', async () => {
    for (const kind of ['housing', 'security_company', 'civil_society']) {
      const name = `Privata aktören ${kind}`
      const asked = await adminClient.submit('/admin/aktorer', {
        name,
        kind,
        isPublicAuthority: true,
      })
      expect(asked.status).toBe(422)
      const html = await asked.text()
      expect(html).toContain('Den här typen av aktör är normalt ingen myndighet.')
      expect(html).toContain(`value="${name}"`)
      expect(
        await ctx.db.selectFrom('agencies').select('id').where('name', '=', name).execute(),
      ).toHaveLength(0)
      const confirmed = await adminClient.submitOn(html, '/admin/aktorer', {
        confirmPublicAuthority: true,
      })
      expect(confirmed.status).toBe(303)
      const row = await ctx.db
        .selectFrom('agencies')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
      expect(row.is_public_authority).toBe(1)
    }
  })

  it('marks private kinds in the kind list, and the box follows the kind in a browser (data for ui.js)', async () => {
    const html = await (await adminClient.get('/admin/aktorer')).text()
    expect(html).toContain('Bostadsbolag (privat aktör)')
    expect(html).toContain('data-private-kinds="housing security_company civil_society"')
  })

  it('refuses an empty name, an unknown kind and a taken name with 422, keeping the input', async () => {
    const empty = await adminClient.post('/admin/aktorer', { name: '   ', kind: 'rocket' })
    expect(empty.status).toBe(422)
    const html = await empty.text()
    expect(html).toContain('Fyll i fältet.')
    expect(html).toContain('Välj ett av alternativen.')
    const existing = await anAgency(ctx.db)
    const taken = await adminClient.submit('/admin/aktorer', {
      name: existing.name.toUpperCase(),
      kind: 'police',
    })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('Namnet används redan.')
  })

  it('creates one agency when the same form is sent many times at once, and never answers 5xx', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () =>
        adminClient
          .post('/admin/aktorer', { name: 'Samtidiga Aktören', kind: 'other' })
          .then((r) => r.status),
      ),
    )
    expect(
      statuses.every((status) => [303, 409, 422].includes(status)),
      statuses.join(),
    ).toBe(true)
    expect(statuses.filter((status) => status === 303)).toHaveLength(1)
    const rows = await ctx.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', 'Samtidiga Aktören')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('edits an agency, and answers an unknown id with 404', async () => {
    const agency = await anAgency(ctx.db)
    const page = `/admin/aktorer/${agency.id}`
    const response = await adminClient.submit(page, {
      name: `${agency.name} (nytt namn)`,
      kind: 'school',
      isPublicAuthority: true,
    })
    expect(response.status).toBe(303)
    const row = await ctx.db
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', agency.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      name: `${agency.name} (nytt namn)`,
      kind: 'school',
      is_public_authority: 1,
    })
    expect((await adminClient.get(`/admin/aktorer/${crypto.randomUUID()}`)).status).toBe(404)
    const tooLong = await adminClient.submit(page, { name: 'x'.repeat(121), kind: 'school' })
    expect(tooLong.status).toBe(422)
    expect(await tooLong.text()).toContain('Texten är för lång.')
  })
})

describe('/admin/anvandare', () => {
  it('refuses an invitation with a taken e-mail or an unknown agency', async () => {
    const taken = await adminClient.post('/admin/anvandare', {
      name: 'Dubbel',
      email: admin.email,
      agencyId: admin.agencyId,
    })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('Det finns redan ett konto med den e-postadressen.')
    const unknown = await adminClient.post('/admin/anvandare', {
      name: 'Okänd',
      email: 'okand.aktor@example.se',
      agencyId: crypto.randomUUID(),
    })
    expect(unknown.status).toBe(422)
    const tampered = await adminClient.post('/admin/anvandare', {
      name: 'Fel',
      email: 'fel.id@example.se',
      agencyId: "1' or '1'='1",
    })
    expect(tampered.status).toBe(422)
  })

  it('disables a user and ends their sessions at once', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    expect((await client.get('/')).status).toBe(200)
    expect(
      (
        await adminClient.submit(
          `/admin/anvandare/${user.id}`,
          {},
          { action: `/admin/anvandare/${user.id}/inaktivera` },
        )
      ).status,
    ).toBe(303)
    expect((await client.get('/')).status).toBe(303)
    expect(await lastAudit()).toMatchObject({ action: 'user.disable', object_id: user.id })
    expect(
      (
        await new TestClient(ctx.app).post('/logga-in', {
          email: user.email,
          password: user.password,
        })
      ).status,
    ).toBe(401)
    expect(
      (
        await adminClient.submit(
          `/admin/anvandare/${user.id}`,
          {},
          { action: `/admin/anvandare/${user.id}/aktivera` },
        )
      ).status,
    ).toBe(303)
    await new TestClient(ctx.app).login(user.email, user.password)
  })

  it('will not let an admin disable or demote themselves', async () => {
    const disable = await adminClient.submit(
      `/admin/anvandare/${admin.id}`,
      {},
      { action: `/admin/anvandare/${admin.id}/inaktivera` },
    )
    expect(disable.status).toBe(409)
    expect(await disable.text()).toContain('Du kan inte inaktivera ditt eget konto.')
    const demote = await adminClient.submit(
      `/admin/anvandare/${admin.id}`,
      { name: 'Admin', agencyId: admin.agencyId, isAdmin: false },
      { action: `/admin/anvandare/${admin.id}` },
    )
    expect(demote.status).toBe(422)
  })

  it('moves a user to another agency and ends their sessions', async () => {
    const user = await aUser(ctx.db)
    const other = await anAgency(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const response = await adminClient.submit(
      `/admin/anvandare/${user.id}`,
      { name: 'Flyttad Person', agencyId: other.id },
      { action: `/admin/anvandare/${user.id}` },
    )
    expect(response.status).toBe(303)
    expect((await client.get('/')).status).toBe(303)
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: 'Flyttad Person', agency_id: other.id })
  })
})

describe('/admin/team', () => {
  it('creates an EST team with the EST categories and a VBE team with the sensitive VBE list', async () => {
    expect(
      (await adminClient.submit('/admin/team', { name: 'EST Norr', kind: 'est', description: '' }))
        .status,
    ).toBe(303)
    expect(
      (
        await adminClient.submit('/admin/team', {
          name: 'VBE-teamet',
          kind: 'vbe',
          description: 'Samordning',
        })
      ).status,
    ).toBe(303)
    const est = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', 'EST Norr')
      .executeTakeFirstOrThrow()
    const vbe = await ctx.db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', 'VBE-teamet')
      .executeTakeFirstOrThrow()
    const estRows = await ctx.db
      .selectFrom('categories')
      .selectAll()
      .where('team_id', '=', est.id)
      .execute()
    const vbeRows = await ctx.db
      .selectFrom('categories')
      .selectAll()
      .where('team_id', '=', vbe.id)
      .execute()
    expect(estRows).toHaveLength(estCategories.length)
    expect(vbeRows).toHaveLength(vbeCategories.length)
    const sensitive = vbeRows.filter((row) => row.is_sensitive === 1)
    expect(sensitive.length).toBeGreaterThan(0)
    expect(sensitive.every((row) => row.default_scope === 'agencies')).toBe(true)
  })

  it('adds, changes and removes a member, with every change audited', async () => {
    const team = await aTeam(ctx.db)
    const user = await aUser(ctx.db)
    const page = `/admin/team/${team.id}`
    const added = await adminClient.submit(
      page,
      { userId: user.id, role: 'chair', endsOn: '' },
      { action: `${page}/medlemmar` },
    )
    expect(added.status).toBe(303)
    const membership = await ctx.db
      .selectFrom('team_memberships')
      .selectAll()
      .where('team_id', '=', team.id)
      .executeTakeFirstOrThrow()
    expect(membership).toMatchObject({ user_id: user.id, role: 'chair', ends_on: null })
    expect(await lastAudit()).toMatchObject({ action: 'membership.add', object_id: membership.id })

    const twice = await adminClient.post(`/admin/team/${team.id}/medlemmar`, {
      userId: user.id,
      role: 'member',
    })
    expect(twice.status).toBe(422)
    expect(await twice.text()).toContain('Personen är redan med i teamet.')

    const changed = await adminClient.submit(
      page,
      { role: 'observer', endsOn: '2099-12-31' },
      { action: `${page}/medlemmar/${membership.id}` },
    )
    expect(changed.status).toBe(303)
    expect(await lastAudit()).toMatchObject({
      action: 'membership.update',
      object_id: membership.id,
    })

    const past = await adminClient.submit(
      page,
      { role: 'observer', endsOn: '2001-01-01' },
      { action: `${page}/medlemmar/${membership.id}` },
    )
    expect(past.status).toBe(422)
    expect(await past.text()).toContain('Datumet har redan passerat.')
    const badDate = await adminClient.submit(
      page,
      { role: 'observer', endsOn: '2026-02-30' },
      { action: `${page}/medlemmar/${membership.id}` },
    )
    expect(badDate.status).toBe(422)
    expect(await badDate.text()).toContain('value="2026-02-30"')

    const otherTeam = await aTeam(ctx.db)
    expect(
      (await adminClient.post(`/admin/team/${otherTeam.id}/medlemmar/${membership.id}/ta-bort`, {}))
        .status,
    ).toBe(404)
    expect(
      (await adminClient.submit(page, {}, { action: `${page}/medlemmar/${membership.id}/ta-bort` }))
        .status,
    ).toBe(303)
    expect(
      await ctx.db
        .selectFrom('team_memberships')
        .select('id')
        .where('team_id', '=', team.id)
        .execute(),
    ).toHaveLength(0)
    expect(await lastAudit()).toMatchObject({
      action: 'membership.remove',
      object_id: membership.id,
    })
  })

  it('adds, renames and retires areas and categories', async () => {
    const team = await aTeam(ctx.db, { kind: 'other' })
    const page = `/admin/team/${team.id}`
    expect(
      (await adminClient.submit(page, { name: 'Stationsområdet' }, { action: `${page}/omraden` }))
        .status,
    ).toBe(303)
    const area = await ctx.db
      .selectFrom('areas')
      .selectAll()
      .where('team_id', '=', team.id)
      .executeTakeFirstOrThrow()
    expect(
      (await adminClient.submit(page, { name: 'stationsområdet' }, { action: `${page}/omraden` }))
        .status,
    ).toBe(422)
    expect(
      (
        await adminClient.submit(
          page,
          { name: 'Resecentrum', retired: true },
          { action: `${page}/omraden/${area.id}` },
        )
      ).status,
    ).toBe(303)
    const renamed = await ctx.db
      .selectFrom('areas')
      .selectAll()
      .where('id', '=', area.id)
      .executeTakeFirstOrThrow()
    expect(renamed.name).toBe('Resecentrum')
    expect(renamed.retired_at).not.toBeNull()

    expect(
      (
        await adminClient.submit(
          page,
          { name: 'Buskörning', defaultScope: 'team' },
          { action: `${page}/kategorier` },
        )
      ).status,
    ).toBe(303)
    const category = await ctx.db
      .selectFrom('categories')
      .selectAll()
      .where('team_id', '=', team.id)
      .executeTakeFirstOrThrow()
    const badScope = await adminClient.post(
      `/admin/team/${team.id}/kategorier/${category.id}`,
      { name: 'Buskörning', defaultScope: 'everyone' },
      { forged: true },
    )
    expect(badScope.status).toBe(422)
    expect(
      (
        await adminClient.submit(
          page,
          { name: 'Buskörning', defaultScope: 'agencies', isSensitive: true },
          { action: `${page}/kategorier/${category.id}` },
        )
      ).status,
    ).toBe(303)
    const updated = await ctx.db
      .selectFrom('categories')
      .selectAll()
      .where('id', '=', category.id)
      .executeTakeFirstOrThrow()
    expect(updated).toMatchObject({ is_sensitive: 1, default_scope: 'agencies', retired_at: null })
    expect(await lastAudit()).toMatchObject({ action: 'category.update', object_id: category.id })
  })

  it('shows the admin the set-up but never the team itself', async () => {
    const team = await aTeam(ctx.db)
    const member = await aUser(ctx.db)
    await aMembership(ctx.db, team.id, member.id)
    const setup = await (await adminClient.get(`/admin/team/${team.id}`)).text()
    expect(setup).toContain(team.name)
    expect(setup).not.toContain(`href="/team/${team.id}"`)
    expect((await adminClient.get(`/team/${team.id}`)).status).toBe(404)
    expect(await (await adminClient.get('/')).text()).not.toContain(team.name)
  })
})
