import { describe, expect, it } from 'vitest'
import { createAction } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { aMeeting, aMembership, aTeam, aUser, useTeamWithRoles } from '../support/builders'
import { inTransaction } from '../support/in-transaction'
import { inDays } from '../support/days'

// Membership kept by those who know (issue 15): the coordinator keeps the team's members.
const s = useTeamWithRoles()
const page = () => `/team/${s.t.team.id}/medlemmar`

const membershipOf = (userId: string) =>
  s.ctx.db
    .selectFrom('team_memberships')
    .selectAll()
    .where('team_id', '=', s.t.team.id)
    .where('user_id', '=', userId)
    .executeTakeFirst()

describe("the coordinator's member page", () => {
  it('adds a person of an agency already in the team, through the form, audited; others are not offered', async () => {
    const colleague = await aUser(s.ctx.db, { agencyId: s.t.member.agencyId, name: 'Kollega Ett' })
    const stranger = await aUser(s.ctx.db, { name: 'Utanför Teamet' })
    const team = await (await s.t.coordinator.client.get(`/team/${s.t.team.id}`)).text()
    expect(team).toContain(`href="${page()}"`)
    const html = await (await s.t.coordinator.client.get(page())).text()
    expect(html).toContain(`value="${colleague.id}"`)
    expect(html).not.toContain(`value="${stranger.id}"`)

    const added = await s.t.coordinator.client.submit(
      page(),
      { userId: colleague.id, role: 'member', endsOn: inDays(90) },
      { action: page() },
    )
    expect(added.status).toBe(303)
    expect(await membershipOf(colleague.id)).toMatchObject({ role: 'member', ends_on: inDays(90) })
    const event = await s.ctx.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'membership.add')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(event.actor_user_id).toBe(s.t.coordinator.id)
    expect(JSON.parse(event.details)).toMatchObject({ teamId: s.t.team.id, userId: colleague.id })

    // Someone of another agency, sent by hand: refused with a reason, nothing saved.
    const forged = await s.t.coordinator.client.post(
      page(),
      { userId: stranger.id, role: 'member', endsOn: '' },
      { forged: true },
    )
    expect(forged.status).toBe(422)
    expect(await forged.text()).toContain('Välj en person från en aktör som redan finns i teamet')
    expect(await membershipOf(stranger.id)).toBeUndefined()
  })

  it("changes another member's role and last day, never a past day, and never the coordinator's own seat", async () => {
    const seat = (await membershipOf(s.t.observer.id))!
    const changed = await s.t.coordinator.client.submit(
      page(),
      { role: 'member', endsOn: inDays(30) },
      { action: `${page()}/${seat.id}` },
    )
    expect(changed.status).toBe(303)
    expect(await membershipOf(s.t.observer.id)).toMatchObject({
      role: 'member',
      ends_on: inDays(30),
    })

    const past = await s.t.coordinator.client.submit(
      page(),
      { role: 'member', endsOn: inDays(-3) },
      { action: `${page()}/${seat.id}` },
    )
    expect(past.status).toBe(422)
    expect(await membershipOf(s.t.observer.id)).toMatchObject({ ends_on: inDays(30) })

    const own = (await membershipOf(s.t.coordinator.id))!
    const html = await (await s.t.coordinator.client.get(page())).text()
    expect(html).not.toContain(`action="${page()}/${own.id}"`)
    const forged = await s.t.coordinator.client.post(
      `${page()}/${own.id}`,
      { role: 'observer', endsOn: '' },
      { forged: true },
    )
    expect(forged.status).toBe(422)
    expect(await membershipOf(s.t.coordinator.id)).toMatchObject({ role: 'coordinator' })
  })

  it('is refused to every other role (403), hidden from outsiders (404), and knows no seat of another team', async () => {
    for (const role of ['chair', 'member', 'observer'] as const) {
      expect((await s.t[role].client.get(page())).status, role).toBe(403)
      expect(
        (await s.t[role].client.post(page(), { userId: s.t.outsider.id, role: 'member' })).status,
        role,
      ).toBe(403)
    }
    expect((await s.t.outsider.client.get(page())).status).toBe(404)
    const otherTeam = await aTeam(s.ctx.db)
    const someone = await aUser(s.ctx.db)
    await aMembership(s.ctx.db, otherTeam.id, someone.id, 'member')
    const elsewhere = await s.ctx.db
      .selectFrom('team_memberships')
      .select('id')
      .where('team_id', '=', otherTeam.id)
      .executeTakeFirstOrThrow()
    const guessed = await s.t.coordinator.client.post(
      `${page()}/${elsewhere.id}`,
      { role: 'coordinator', endsOn: '' },
      { forged: true },
    )
    expect(guessed.status).toBe(404)
  })

  it('shows the coordinator, on the team page, the seats ending within 30 days and the actions nobody in the team owns', async () => {
    const leaving = await aUser(s.ctx.db, {
      agencyId: s.t.member.agencyId,
      name: 'Avgående Person',
    })
    await aMembership(s.ctx.db, s.t.team.id, leaving.id, 'member', inDays(12))
    const later = await aUser(s.ctx.db, { agencyId: s.t.member.agencyId, name: 'Senare Person' })
    await aMembership(s.ctx.db, s.t.team.id, later.id, 'member', inDays(45))
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    await inTransaction(s.ctx.db, async (trx) =>
      createAction(trx, {
        teamId: s.t.team.id,
        meetingId,
        decisionId: await createDecision(trx, {
          meetingId,
          agendaItemId: null,
          text: 'Beslut om belysning',
          createdBy: s.t.chair.id,
        }),
        text: 'Byt belysning i gångtunneln',
        // The outsider's agency has nobody in the team.
        ownerAgencyId: s.t.outsider.agencyId,
        ownerUserId: null,
        dueOn: inDays(14),
      }),
    )
    const html = await (await s.t.coordinator.client.get(`/team/${s.t.team.id}`)).text()
    const notices = html.slice(html.indexOf('id="team-mandates"'))
    expect(notices).toContain('Avgående Person')
    expect(notices).not.toContain('Senare Person')
    expect(notices).toContain('Byt belysning i gångtunneln')
    for (const role of ['chair', 'member'] as const) {
      const other = await (await s.t[role].client.get(`/team/${s.t.team.id}`)).text()
      expect(other, role).not.toContain('id="team-mandates"')
    }
  })
})
