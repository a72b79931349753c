import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDayAndTime } from '../../src/i18n/format'
import { createMeeting } from '../../src/meetings/meeting.repository'
import { occurrenceOn } from '../../src/meetings/recurrence'
import { aMeeting, aTeamWithRoles } from '../support/builders'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let t: Awaited<ReturnType<typeof aTeamWithRoles>>
beforeAll(async () => {
  ctx = await createTestContext()
  t = await aTeamWithRoles(ctx.db, ctx.app)
})
afterAll(async () => ctx.destroy())

async function meetingOn(day: string, status: 'planned' | 'called' = 'planned') {
  const occurrence = occurrenceOn(day, '09:00', 60)
  const id = await createMeeting(ctx.db, { teamId: t.team.id, seriesId: null, seriesDay: null, title: 'Julmöte', startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, location: '', videoLink: '' }, [])
  if (status === 'called') await ctx.db.updateTable('meetings').set({ status, called_at: new Date().toISOString() }).where('id', '=', id).execute()
  return id
}

describe('holidays', () => {
  it("are flagged on the coordinator's view, not on the member's", async () => {
    const year = new Date().getUTCFullYear() + 1
    const id = await meetingOn(`${year}-12-25`, 'called')
    expect(await (await t.coordinator.client.get(`/team/${t.team.id}/moten`)).text()).toContain('Helgdag: Juldagen')
    expect(await (await t.coordinator.client.get(`/moten/${id}`)).text()).toContain('Mötet infaller på en helgdag: Juldagen.')
    expect(await (await t.member.client.get(`/team/${t.team.id}/moten`)).text()).not.toContain('Helgdag')
  })
})

describe('publishing the call', () => {
  it("puts the meeting on members' start and team pages", async () => {
    const id = await aMeeting(ctx.db, t.team.id, { startsInDays: 1 })
    expect(await (await t.member.client.get('/')).text()).not.toContain(`/moten/${id}`)
    expect(await (await t.member.client.get(`/team/${t.team.id}`)).text()).not.toContain(`/moten/${id}`)
    await t.coordinator.client.post(`/moten/${id}/kalla`, {})
    expect(await (await t.member.client.get('/')).text()).toContain(`/moten/${id}`)
    expect(await (await t.observer.client.get(`/team/${t.team.id}`)).text()).toContain(`/moten/${id}`)
  })
})

describe('a new action', () => {
  it("is due by default on the day of the team's next meeting", async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open', startsInDays: 2 })
    const next = await aMeeting(ctx.db, t.team.id, { startsInDays: 9 })
    await t.chair.client.post(`/moten/${meetingId}/beslut`, { text: 'Ett beslut' })
    const decision = await ctx.db.selectFrom('decisions').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()
    const form = await (await t.chair.client.get(`/moten/${meetingId}/beslut/${decision.id}/atgarder/ny`)).text()
    const nextMeeting = await ctx.db.selectFrom('meetings').select('starts_at').where('id', '=', next).executeTakeFirstOrThrow()
    expect(form).toContain(`name="dueOn" type="date" value="${localDayAndTime(nextMeeting.starts_at).day}"`)
    expect((await t.member.client.get(`/moten/${meetingId}/beslut/${decision.id}/atgarder/ny`)).status).toBe(403)
  })
})
