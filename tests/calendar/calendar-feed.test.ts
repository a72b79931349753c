import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

let ctx: TestContext
let t: Awaited<ReturnType<typeof aTeamWithRoles>>
let called: string
let planned: string
let cancelled: string
beforeAll(async () => {
  ctx = await createTestContext()
  t = await aTeamWithRoles(ctx.db, ctx.app)
  called = await aMeeting(ctx.db, t.team.id, { status: 'called' })
  planned = await aMeeting(ctx.db, t.team.id, { startsInDays: 5 })
  cancelled = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 7 })
  await t.coordinator.client.submit(
    `/moten/${cancelled}`,
    {},
    { action: `/moten/${cancelled}/stall-in` },
  )
})
afterAll(async () => ctx.destroy())

async function feedLink(client: TestClient): Promise<string> {
  const response = await client.submit('/', {}, { action: '/kalender/ny' })
  expect(response.status).toBe(200)
  return /value="(http:\/\/localhost\/kalender\/[\w-]+\.ics)"/
    .exec(await response.text())![1]!
    .slice(testOrigin.length)
}

const fetchFeed = (path: string) => ctx.app.request(`${testOrigin}${path}`)
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

describe('GET /kalender/:token.ics', () => {
  it("gives a member the team's called meetings with stable UIDs, and the cancelled one marked cancelled", async () => {
    const path = await feedLink(t.member.client)
    const response = await fetchFeed(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/calendar')
    const ics = unfold(await response.text())
    expect(ics).toContain(`UID:${called}@localhost`)
    expect(ics).not.toContain(planned)
    const cancelledEvent = ics
      .split('BEGIN:VEVENT')
      .find((event) => event.includes(`UID:${cancelled}@`))!
    expect(cancelledEvent).toContain('STATUS:CANCELLED')
    expect(ics).toContain(`URL;VALUE=URI:http://localhost/moten/${called}`)
    // never agenda text in a calendar that leaves the municipality
    expect(ics).not.toContain('Uppföljning av öppna åtgärder')
  })

  it('writes one access-log row per fetch, for the person whose feed it is', async () => {
    const path = await feedLink(t.observer.client)
    await ctx.accessLog.flush()
    const count = async () =>
      (
        await ctx.db
          .selectFrom('access_log_rows')
          .selectAll()
          .where('via', '=', 'calendar')
          .where('user_id', '=', t.observer.id)
          .execute()
      ).length
    const before = await count()
    expect((await fetchFeed(path)).status).toBe(200)
    expect((await fetchFeed(path)).status).toBe(200)
    await ctx.accessLog.flush()
    const rows = await ctx.db
      .selectFrom('access_log_rows')
      .selectAll()
      .where('via', '=', 'calendar')
      .where('user_id', '=', t.observer.id)
      .execute()
    expect(rows.length - before).toBe(2)
    expect(rows.at(-1)).toMatchObject({
      object_type: 'calendar_feed',
      object_id: t.observer.id,
      agency_id: t.observer.agencyId,
      shown: 'full',
    })
  })

  it('bumps SEQUENCE when a meeting moves, keeping the UID', async () => {
    const path = await feedLink(t.coordinator.client)
    const sequenceOf = async () => {
      const ics = unfold(await (await fetchFeed(path)).text())
      const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${planned}@`))!
      return Number(/SEQUENCE:(\d+)/.exec(event)![1])
    }
    const before = await sequenceOf()
    const day = inDays(9)
    expect(
      (
        await t.coordinator.client.submit(
          `/moten/${planned}`,
          { day, startTime: '10:00', durationMinutes: '60' },
          { action: `/moten/${planned}/flytta` },
        )
      ).status,
    ).toBe(303)
    expect(await sequenceOf()).toBe(before + 1)
  })

  it('stops the old link when a new one is made, and refuses unknown tokens', async () => {
    const old = await feedLink(t.observer.client)
    const fresh = await feedLink(t.observer.client)
    expect((await fetchFeed(old)).status).toBe(404)
    expect((await fetchFeed(fresh)).status).toBe(200)
    expect((await fetchFeed('/kalender/finns-inte-alls-nagonstans.ics')).status).toBe(404)
    expect((await fetchFeed('/kalender/kort.ics')).status).toBe(404)
    expect((await fetchFeed(fresh.replace('.ics', '.txt'))).status).toBe(404)
  })

  it('gives nothing of the team to a non-member, and stops for a disabled user', async () => {
    const path = await feedLink(t.outsider.client)
    expect(await (await fetchFeed(path)).text()).not.toContain('VEVENT')
    const chairPath = await feedLink(t.chair.client)
    await ctx.db
      .updateTable('users')
      .set({ status: 'disabled' })
      .where('id', '=', t.chair.id)
      .execute()
    expect((await fetchFeed(chairPath)).status).toBe(404)
  })

  it('needs a session to create a link', async () => {
    expect((await new TestClient(ctx.app).post('/kalender/ny', {})).status).toBe(401)
  })
})
