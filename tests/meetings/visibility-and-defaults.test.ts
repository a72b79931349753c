import { inTransaction } from '../support/in-transaction'
import { describe, expect, it } from 'vitest'
import { localDayAndTime } from '../../src/i18n/format'
import { createMeeting } from '../../src/meetings/meeting.repository'
import { occurrenceOn } from '../../src/series/recurrence'
import { aMeeting, useTeamWithRoles } from '../support/builders'

const s = useTeamWithRoles()

async function meetingOn(day: string, status: 'planned' | 'called' = 'planned') {
  const occurrence = occurrenceOn(day, '09:00', 60)
  const id = await inTransaction(s.ctx.db, (trx) =>
    createMeeting(
      trx,
      {
        teamId: s.t.team.id,
        seriesId: null,
        seriesDay: null,
        title: 'Julmöte',
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        location: '',
        videoLink: '',
      },
      [],
    ),
  )
  if (status === 'called')
    await s.ctx.db
      .updateTable('meetings')
      .set({ status, called_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute()
  return id
}

describe('holidays', () => {
  it("are flagged on the coordinator's view, not on the member's", async () => {
    const year = new Date().getUTCFullYear() + 1
    const id = await meetingOn(`${year}-12-25`, 'called')
    expect(await (await s.t.coordinator.client.get(`/team/${s.t.team.id}/moten`)).text()).toContain(
      'Helgdag: Juldagen',
    )
    expect(await (await s.t.coordinator.client.get(`/moten/${id}`)).text()).toContain(
      'Mötet infaller på en helgdag: Juldagen.',
    )
    expect(await (await s.t.member.client.get(`/team/${s.t.team.id}/moten`)).text()).not.toContain(
      'Helgdag',
    )
  })
})

describe('publishing the call', () => {
  it("puts the meeting on members' start and team pages", async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { startsInDays: 1 })
    expect(await (await s.t.member.client.get('/')).text()).not.toContain(`/moten/${id}`)
    expect(await (await s.t.member.client.get(`/team/${s.t.team.id}`)).text()).not.toContain(
      `/moten/${id}`,
    )
    await s.t.coordinator.client.post(`/moten/${id}/kalla`, {})
    expect(await (await s.t.member.client.get('/')).text()).toContain(`/moten/${id}`)
    expect(await (await s.t.observer.client.get(`/team/${s.t.team.id}`)).text()).toContain(
      `/moten/${id}`,
    )
  })
})

describe('a new action', () => {
  it("is due by default on the day of the team's next meeting", async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open', startsInDays: 2 })
    const next = await aMeeting(s.ctx.db, s.t.team.id, { startsInDays: 9 })
    await s.t.chair.client.post(`/moten/${meetingId}/beslut`, { text: 'Ett beslut' })
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    const form = await (
      await s.t.chair.client.get(`/moten/${meetingId}/beslut/${decision.id}/atgarder/ny`)
    ).text()
    const nextMeeting = await s.ctx.db
      .selectFrom('meetings')
      .select('starts_at')
      .where('id', '=', next)
      .executeTakeFirstOrThrow()
    expect(form).toContain(
      `name="dueOn" type="date" value="${localDayAndTime(nextMeeting.starts_at).day}"`,
    )
    expect(
      (await s.t.member.client.get(`/moten/${meetingId}/beslut/${decision.id}/atgarder/ny`)).status,
    ).toBe(403)
  })
})
