import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { retentionIfDue } from '../../src/retention/retention'
import { aTeam, aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { optionByLabel } from '../support/form'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let admin: TestClient
let auditor: TestClient
let member: TestClient
let team: { id: string; name: string }
const page = '/admin/gallring'

beforeAll(async () => {
  ctx = await createTestContext()
  team = await aTeam(ctx.db)
  const signedIn = async (overrides: { isAdmin?: boolean; isAuditor?: boolean }) => {
    const user = await aUser(ctx.db, overrides)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    return client
  }
  admin = await signedIn({ isAdmin: true })
  auditor = await signedIn({ isAuditor: true })
  member = await signedIn({})
})
afterAll(async () => ctx?.destroy())

describe('/admin/gallring', () => {
  it('takes the periods through its form, and refuses what is no number of months, keeping it', async () => {
    const first = await (await admin.get(page)).text()
    expect(first).toContain('name="months-entries"')
    expect(first).toMatch(/name="months-entries"[^>]*value="13"/)
    const saved = await admin.submit(
      page,
      { 'months-entries': '12', 'months-audit_events': '' },
      { action: `${page}/perioder` },
    )
    expect(saved.status).toBe(303)
    const after = await (await admin.get(page)).text()
    expect(after).toMatch(/name="months-entries"[^>]*value="12"/)
    expect(after).toMatch(/name="months-audit_events"[^>]*value=""/)
    const bad = await admin.submit(
      page,
      { 'months-entries': 'tretton' },
      { action: `${page}/perioder` },
    )
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('Ange ett helt antal månader, 0–240, eller lämna tomt för att spara.')
    expect(html).toMatch(/name="months-entries"[^>]*value="tretton"/)
  })

  it('gives a team a shorter period of its own', async () => {
    const html = await (await admin.get(page)).text()
    const saved = await admin.submitOn(
      html,
      page,
      {
        teamId: optionByLabel(html, 'teamId', team.name),
        kind: optionByLabel(html, 'kind', 'Poster i lägesbilden'),
        months: '6',
      },
      { action: `${page}/team` },
    )
    expect(saved.status).toBe(303)
    expect(await (await admin.get(page)).text()).toContain(`${team.name}: Poster i lägesbilden`)
    const row = await ctx.db
      .selectFrom('retention_settings')
      .selectAll()
      .where('team_id', '=', team.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ record_type: 'entries', months: 6 })
  })

  it('shows what would go without removing anything, and the auditor sees the report too', async () => {
    const tried = await admin.submit(page, {}, { action: `${page}/prova` })
    expect(tried.status).toBe(303)
    const report = tried.headers.get('location')!
    expect(report).toMatch(/^\/admin\/gallring\/korningar\/[0-9a-f-]{36}$/)
    const html = await (await admin.get(report)).text()
    expect(html).toContain('Provkörning (inget togs bort)')
    expect(html).toContain('Skulle tas bort')
    expect(html).toContain(team.name)
    const runId = report.split('/').at(-1)!
    expect(await (await auditor.get('/granskning/gallring')).text()).toContain(runId)
    expect((await auditor.get(`/granskning/gallring/${runId}`)).status).toBe(200)
    expect((await auditor.get(`/granskning/gallring/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await member.get(page)).status).toBe(403)
    expect((await member.get('/granskning/gallring')).status).toBe(403)
    expect((await auditor.get(page)).status).toBe(403)
  })

  it('runs by itself once a day from the configured hour (Swedish time)', async () => {
    const deps = { db: ctx.db, kind: ctx.kind, live: ctx.live }
    // 01:30 in Stockholm: before 03.
    expect(await retentionIfDue(deps, 3, new Date('2026-12-01T00:30:00Z'))).toBeNull()
    const first = await retentionIfDue(deps, 3, new Date('2026-12-01T02:10:00Z'))
    expect(first).not.toBeNull()
    expect(await retentionIfDue(deps, 3, new Date('2026-12-01T02:20:00Z'))).toBeNull()
  })
})
