import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoEmail, demoPassword, demoUsers } from '../../src/demo/demo-data'
import { describeDemoLogins, seedDemo } from '../../src/demo/seed-demo'
import { findBrokenMinutes } from '../../src/minutes/minutes-verify'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

describe('seedDemo (npm run demo)', () => {
  it('fills an empty database with Exempelstad once', async () => {
    expect(await seedDemo(ctx.db)).toBe(true)
    expect(await seedDemo(ctx.db)).toBe(false)
    const agencies = await ctx.db.selectFrom('agencies').select('kind').execute()
    expect(agencies.length).toBeGreaterThanOrEqual(10)
    const kinds = new Set(agencies.map((a) => a.kind))
    for (const kind of [
      'police',
      'social_services',
      'school',
      'school_health',
      'healthcare',
      'probation',
      'housing',
      'security_company',
      'leisure',
      'municipal_safety',
    ]) {
      expect(kinds, kind).toContain(kind)
    }
    expect(agencies.filter((a) => a.kind === 'school')).toHaveLength(2)
    const users = await ctx.db.selectFrom('users').select('id').execute()
    expect(users.length).toBeGreaterThanOrEqual(24)
  })

  it('has an EST group meeting weekly and a VBE team every other week, with areas, categories, every role and a called meeting', async () => {
    const teams = await ctx.db.selectFrom('teams').selectAll().execute()
    expect(teams.map((t) => t.kind).sort()).toEqual(['est', 'vbe'])
    for (const team of teams) {
      const areas = await ctx.db
        .selectFrom('areas')
        .select('id')
        .where('team_id', '=', team.id)
        .execute()
      const categories = await ctx.db
        .selectFrom('categories')
        .select('id')
        .where('team_id', '=', team.id)
        .execute()
      const roles = await ctx.db
        .selectFrom('team_memberships')
        .select('role')
        .where('team_id', '=', team.id)
        .execute()
      expect(areas.length).toBeGreaterThanOrEqual(4)
      expect(categories.length).toBeGreaterThanOrEqual(10)
      expect(new Set(roles.map((r) => r.role))).toEqual(
        new Set(['coordinator', 'chair', 'member', 'observer']),
      )
      const meetings = await ctx.db
        .selectFrom('meetings')
        .select('status')
        .where('team_id', '=', team.id)
        .execute()
      expect(meetings.length).toBeGreaterThanOrEqual(8)
      expect(meetings.filter((m) => m.status === 'called')).toHaveLength(1)
    }
    const series = await ctx.db
      .selectFrom('meeting_series')
      .select(['interval_weeks'])
      .orderBy('interval_weeks')
      .execute()
    expect(series.map((s) => s.interval_weeks)).toEqual([1, 2])
  })

  it('has three approved EST meetings made as the product makes them, on the series weekday, with the stored record', async () => {
    const approved = await ctx.db
      .selectFrom('meetings')
      .innerJoin('meeting_series', 'meeting_series.id', 'meetings.series_id')
      .select(['meetings.id', 'meetings.starts_at', 'meeting_series.weekday'])
      .where('meetings.status', '=', 'approved')
      .execute()
    expect(approved).toHaveLength(3)
    const soc = demoUsers.find((u) => u.key === 'soc1')!
    const client = new TestClient(ctx.app)
    await client.login(demoEmail(soc), demoPassword)
    for (const meeting of approved) {
      const day = new Date(meeting.starts_at)
      expect(day.getUTCDay() === 0 ? 7 : day.getUTCDay()).toBe(meeting.weekday)
      const html = await (await client.get(`/moten/${meeting.id}/protokoll`)).text()
      expect(html).toContain('<div class="minutes-record" lang="sv">')
      expect(html).not.toContain('Inte justerat än')
      expect(html.match(/Justerat av /g)).toHaveLength(2)
      expect(html).toContain('Närvaro')
      expect(html).toMatch(/<h2 id="r-attendance">Närvaro<\/h2><ul><li>/)
    }
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
  })

  it('prints logins that work with the demo password', async () => {
    const text = describeDemoLogins()
    expect(text).toContain(demoPassword)
    const coordinator = demoUsers.find((u) => u.key === 'samordnare')!
    expect(text).toContain(demoEmail(coordinator))
    const client = new TestClient(ctx.app)
    await client.login(demoEmail(coordinator), demoPassword)
    expect(await (await client.get('/')).text()).toContain('EST Exempelstad')
  })
  it('has a few weeks of situation entries, none with personal data, the latest on the called meeting', async () => {
    const { findPersonalData } = await import('../../src/personal-data/check')
    const entries = await ctx.db
      .selectFrom('situation_entries')
      .select(['description', 'team_id', 'meeting_id', 'week'])
      .execute()
    expect(entries.length).toBeGreaterThanOrEqual(10)
    expect(new Set(entries.map((e) => e.week)).size).toBeGreaterThanOrEqual(3)
    expect(entries.some((e) => e.meeting_id !== null)).toBe(true)
    for (const entry of entries) {
      const areas = await ctx.db
        .selectFrom('areas')
        .select('name')
        .where('team_id', '=', entry.team_id)
        .execute()
      expect(
        findPersonalData(entry.description, { allowedPlaces: areas.map((a) => a.name) }),
        entry.description,
      ).toEqual([])
    }
    expect(
      (await ctx.db.selectFrom('disclosures').select('id').execute()).length,
    ).toBeGreaterThanOrEqual(2)
  })
  it('has three weeks of area assessments in the EST group, so the overview shows levels', async () => {
    const rows = await ctx.db.selectFrom('area_assessments').select(['week', 'level']).execute()
    expect(new Set(rows.map((r) => r.week)).size).toBe(3)
    expect(rows.length).toBeGreaterThanOrEqual(18)
  })
})
