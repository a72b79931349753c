import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, anAgency } from '../support/builders'
import { TestClient } from '../support/client'
import {
  aSituationTeam,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'

/** /granskning: the auditor reads the logs — who saw or changed what — and never the content. */
let ctx: TestContext
let t: SituationTeam
let entryId: string
const description = 'Grupp om fem samlas vid busshållplatsen sent på kvällarna'
beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  const form = entryForm(t, { description })
  expect((await reportEntry(t.people.social.client, t.team.id, form)).status).toBe(303)
  entryId = (
    await ctx.db
      .selectFrom('situation_entries')
      .select('id')
      .where('idempotency_key', '=', String(form.idempotencyKey))
      .executeTakeFirstOrThrow()
  ).id
  // the police read it twice (page, fragment); the school once
  await t.people.police.client.get(`/poster/${entryId}`)
  await t.people.police.client.get(`/poster/${entryId}`, { 'HX-Request': 'true' })
  await t.people.school.client.get(`/poster/${entryId}`)
  await ctx.accessLog.flush()
})
afterAll(async () => ctx?.destroy())

const auditor = () => t.people.auditor.client

describe('/granskning', () => {
  it('answers "who has seen entry X" through the filter form, naming the entry by area and week, never by its text', async () => {
    const start = await auditor().get('/')
    expect(await start.text()).toContain('href="/granskning/lasningar"')
    const response = await auditor().submit(
      '/granskning/lasningar',
      { objekt: entryId },
      { action: '/granskning/lasningar' },
    )
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).not.toContain(description)
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(3)
    expect(html).toContain(`Lägesbildspost: ${t.area.name}`)
    expect(html).toContain('Postens sida')
    expect(html).toContain('Posten i en lista')
  })

  it('answers "what has person Y seen"', async () => {
    const response = await auditor().submit(
      '/granskning/lasningar',
      { person: t.people.school.id },
      { action: '/granskning/lasningar' },
    )
    const html = await response.text()
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(1)
    expect(html).toContain(entryId)
  })

  it('shows the audit log filtered by event, without free text', async () => {
    const response = await auditor().submit(
      '/granskning/handelser',
      { handelse: 'entry.create' },
      { action: '/granskning/handelser' },
    )
    expect(response.status).toBe(200)
    const html = await response.text()
    const rows = html.match(/<tbody>[\s\S]*<\/tbody>/)![0]
    expect(rows).toContain('entry.create')
    expect(rows).not.toContain('>login<')
    expect(html).not.toContain(description)
  })

  it('is refused to everyone but the auditor, and the auditor still sees no team', async () => {
    for (const kind of ['admin', 'chair', 'social', 'observer', 'outsider'] as const) {
      for (const path of [
        '/granskning/lasningar',
        '/granskning/handelser',
        '/granskning/lasningar.csv',
        '/granskning/kontroll',
      ]) {
        expect((await t.people[kind].client.get(path)).status, `${kind} ${path}`).toBe(403)
      }
      expect(
        (await t.people[kind].client.post('/granskning/kontroll', {}, { forged: true })).status,
        kind,
      ).toBe(403)
    }
    expect((await new TestClient(ctx.app).get('/granskning/lasningar')).status).toBe(303)
    expect((await auditor().get(`/team/${t.team.id}`)).status).toBe(404)
    expect((await auditor().get(`/poster/${entryId}`)).status).toBe(404)
  })

  it('refuses a bad filter with 400, a message in Swedish and what was typed', async () => {
    const page = await auditor().get(
      '/granskning/lasningar?objekt=inte-ett-id&fran=2026-11-30&till=2026-11-01',
    )
    expect(page.status).toBe(400)
    const html = await page.text()
    expect(html).toContain('value="inte-ett-id"')
    expect(html).toContain('Ange ett id som det står i adressen')
    expect(html).toContain('Till-datumet ligger före från-datumet.')
    for (const query of [
      'sida=0',
      'sida=99999999',
      'sida=tre',
      'utfall=kanske',
      'person=%27%3B--',
      'fran=2026-13-45',
    ]) {
      expect((await auditor().get(`/granskning/handelser?${query}`)).status, query).toBe(400)
    }
    expect((await auditor().get('/granskning/lasningar.csv?objekt=x')).status).toBe(400)
  })

  it('exports the selection as formula-safe CSV with a BOM, and audits the export', async () => {
    const odd = await anAgency(ctx.db, { name: '=HYPERLINK("http://evil.example")' })
    const reader = await (await import('../support/builders')).aUser(ctx.db, { agencyId: odd.id })
    await (await import('../support/builders')).aMembership(ctx.db, t.team.id, reader.id, 'member')
    const client = new TestClient(ctx.app)
    await client.login(reader.email, reader.password)
    await client.get(`/poster/${entryId}`)
    await ctx.accessLog.flush()
    const response = await auditor().get(`/granskning/lasningar.csv?objekt=${entryId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.split('\r\n')[0]).toContain('Tid;Person;Aktör')
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(text).not.toContain(description)
    const exported = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', t.people.auditor.id)
      .execute()
    expect(exported.map((e) => e.action)).toContain('review.export')
  })

  it('verifies the chains on demand through its form, and records that it did', async () => {
    await aMeeting(ctx.db, t.team.id)
    const response = await auditor().submit(
      '/granskning/kontroll',
      {},
      { action: '/granskning/kontroll' },
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(
      /Loggarna är hela: \d+ händelser och \d+ läsningar stämmer\./,
    )
    const events = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', '=', 'review.verify')
      .execute()
    expect(events).toEqual([{ action: 'review.verify', outcome: 'success' }])
  })
})
