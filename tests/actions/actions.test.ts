import { describe, expect, it } from 'vitest'
import {
  aMeeting,
  aMembership,
  anAgency,
  aTeam,
  aUser,
  useTeamWithRoles,
} from '../support/builders'
import { TestClient } from '../support/client'
import { inDays } from '../support/days'

const s = useTeamWithRoles()

/** A called meeting opened by the chair, a decision in it, and an action owned by `ownerAgencyId`, all through the meeting page's forms. */
async function meetingWithAction(ownerAgencyId: string, text = 'Beskär buskagen vid gångtunneln') {
  const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
  const page = `/moten/${meetingId}`
  expect((await s.t.chair.client.submit(page, {}, { action: `${page}/oppna` })).status).toBe(303)
  expect(
    (
      await s.t.chair.client.submit(
        page,
        { text: 'Gångtunneln ska bli tryggare' },
        { action: `${page}/beslut`, within: '#beslut' },
      )
    ).status,
  ).toBe(303)
  const decision = await s.ctx.db
    .selectFrom('decisions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow()
  const created = await s.t.chair.client.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
    text,
    ownerAgencyId,
    dueOn: inDays(14),
  })
  expect(created.status).toBe(303)
  const action = await s.ctx.db
    .selectFrom('actions')
    .selectAll()
    .where('decision_id', '=', decision.id)
    .executeTakeFirstOrThrow()
  return { meetingId, decisionId: decision.id, action }
}

describe('decisions and actions in a meeting', () => {
  it('records a decision and an action from it, audited in the same transaction', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId)
    expect(action).toMatchObject({
      status: 'open',
      owner_agency_id: s.t.member.agencyId,
      due_on: inDays(14),
    })
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', action.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['action.create'])
  })

  it('refuses an owner agency outside the team, a due date before the meeting, a stranger as owner, empty text', async () => {
    const { meetingId, decisionId } = await meetingWithAction(s.t.member.agencyId)
    const url = `/moten/${meetingId}/beslut/${decisionId}/atgarder`
    const stranger = await anAgency(s.ctx.db)
    const outsideAgency = await s.t.chair.client.post(url, {
      text: 'Åtgärd',
      ownerAgencyId: stranger.id,
      dueOn: inDays(7),
    })
    expect(outsideAgency.status).toBe(422)
    expect(await outsideAgency.text()).toContain('>Åtgärd</textarea>')
    const early = await s.t.chair.client.post(url, {
      text: 'Åtgärd',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(-30),
    })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('Datumet ligger före mötet.')
    const wrongPerson = await s.t.chair.client.post(url, {
      text: 'Åtgärd',
      ownerAgencyId: s.t.member.agencyId,
      ownerUserId: s.t.observer.id,
      dueOn: inDays(7),
    })
    expect(wrongPerson.status).toBe(422)
    expect(
      (
        await s.t.chair.client.post(url, {
          text: '',
          ownerAgencyId: s.t.member.agencyId,
          dueOn: inDays(7),
        })
      ).status,
    ).toBe(422)
    expect(
      (
        await s.t.chair.client.post(url, {
          text: 'Åtgärd',
          ownerAgencyId: 'inte-ett-id',
          dueOn: 'i morgon',
        })
      ).status,
    ).toBe(422)
    expect(
      (
        await s.t.chair.client.post(`/moten/${meetingId}/beslut/${crypto.randomUUID()}/atgarder`, {
          text: 'Åtgärd',
          ownerAgencyId: s.t.member.agencyId,
          dueOn: inDays(7),
        })
      ).status,
    ).toBe(404)
  })

  it('refuses recording before the meeting opens, and to members, observers and non-members', async () => {
    const called = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called' })
    expect(
      (await s.t.chair.client.post(`/moten/${called}/beslut`, { text: 'För tidigt' })).status,
    ).toBe(409)
    const open = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    for (const [role, want] of [
      ['member', 403],
      ['observer', 403],
      ['outsider', 404],
      ['coordinator', 303],
    ] as const) {
      expect(
        (await s.t[role].client.post(`/moten/${open}/beslut`, { text: 'Ett beslut' })).status,
        role,
      ).toBe(want)
      expect((await s.t[role].client.post(`/moten/${open}/narvaro`, {})).status, role).toBe(want)
    }
  })
})

describe('follow-up across meetings', () => {
  it('brings an open action back at every meeting and marks it for escalation at the third', async () => {
    const { meetingId: first, action } = await meetingWithAction(
      s.t.member.agencyId,
      'Ordna belysning i parken',
    )
    await s.t.chair.client.submit(`/moten/${first}`, {}, { action: `/moten/${first}/stang` })
    expect(
      await s.ctx.db
        .selectFrom('action_reviews')
        .select('meeting_id')
        .where('action_id', '=', action.id)
        .execute(),
    ).toHaveLength(0)
    // The follow-up row of this action on a meeting page.
    const rowOf = (page: string) => {
      const start = page.indexOf('Ordna belysning i parken')
      expect(start).toBeGreaterThan(-1)
      return page.slice(start, page.indexOf('</li>', start))
    }
    let row = ''
    for (let n = 1; n <= 3; n++) {
      const next = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: n })
      expect(
        (await s.t.chair.client.submit(`/moten/${next}`, {}, { action: `/moten/${next}/oppna` }))
          .status,
      ).toBe(303)
      row = rowOf(await (await s.t.member.client.get(`/moten/${next}`)).text())
      if (n < 3) expect(row).not.toContain('Har kommit tillbaka')
      await s.t.chair.client.submit(`/moten/${next}`, {}, { action: `/moten/${next}/stang` })
    }
    expect(row).toContain('Har kommit tillbaka 3 gånger – lyft frågan')
  })

  it('leaves an action off the follow-up once it is done, and records the outcome at the meeting', async () => {
    const { meetingId: first, action } = await meetingWithAction(
      s.t.member.agencyId,
      'Städa skolgården',
    )
    await s.t.chair.client.submit(`/moten/${first}`, {}, { action: `/moten/${first}/stang` })
    const next = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 2 })
    await s.t.chair.client.submit(`/moten/${next}`, {}, { action: `/moten/${next}/oppna` })
    // "Uppdatera status" in the follow-up brings the form, which returns to the meeting.
    const fromMeeting = `/atgarder/${action.id}/status?tillbaka=${encodeURIComponent(`/moten/${next}#uppfoljning`)}`
    const form = await (await s.t.member.client.get(fromMeeting, { 'hx-request': 'true' })).text()
    const done = await s.t.member.client.submitOn(
      form,
      `/moten/${next}`,
      { status: 'done' },
      { action: `/atgarder/${action.id}/status` },
    )
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(`/moten/${next}#uppfoljning`)
    const review = await s.ctx.db
      .selectFrom('action_reviews')
      .selectAll()
      .where('action_id', '=', action.id)
      .where('meeting_id', '=', next)
      .executeTakeFirstOrThrow()
    expect(review.outcome).toBe('done')
    const later = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 4 })
    await s.t.chair.client.submit(`/moten/${later}`, {}, { action: `/moten/${later}/oppna` })
    expect(await (await s.t.chair.client.get(`/moten/${later}`)).text()).not.toContain(
      'Städa skolgården',
    )
  })
})

describe('POST /atgarder/:actionId/status', () => {
  it('lets the owner agency and the chair change status; refuses another agency, observers and outsiders', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId)
    expect(
      (
        await s.t.member.client.submit(
          `/atgarder/${action.id}`,
          { status: 'in_progress' },
          { action: `/atgarder/${action.id}/status` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await s.t.chair.client.submit(
          `/atgarder/${action.id}`,
          { status: 'open' },
          { action: `/atgarder/${action.id}/status` },
        )
      ).status,
    ).toBe(303)
    expect(
      (await s.t.observer.client.post(`/atgarder/${action.id}/status`, { status: 'done' })).status,
    ).toBe(403)
    expect(
      (await s.t.outsider.client.post(`/atgarder/${action.id}/status`, { status: 'done' })).status,
    ).toBe(404)
    const otherMember = await aUser(s.ctx.db)
    await aMembership(s.ctx.db, s.t.team.id, otherMember.id, 'member')
    const client = new TestClient(s.ctx.app)
    await client.login(otherMember.email, otherMember.password)
    expect((await client.post(`/atgarder/${action.id}/status`, { status: 'done' })).status).toBe(
      403,
    )
    expect((await client.get(`/atgarder/${action.id}`)).status).toBe(200)
  })

  it('needs a reason to close without doing it, and keeps the reason', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId)
    // The page offers "cancelled" only with a reason: a bare one is a forged request.
    const missing = await s.t.member.client.post(
      `/atgarder/${action.id}/status`,
      { status: 'cancelled' },
      { forged: true },
    )
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Välj varför åtgärden avslutas utan att bli gjord.')
    const closed = await s.t.member.client.submit(
      `/atgarder/${action.id}`,
      { status: 'cancelled:moved_elsewhere' },
      { action: `/atgarder/${action.id}/status` },
    )
    expect(closed.status).toBe(303)
    const row = await s.ctx.db
      .selectFrom('actions')
      .selectAll()
      .where('id', '=', action.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'cancelled', close_reason: 'moved_elsewhere' })
    expect(row.closed_at).not.toBeNull()
    expect(
      (
        await s.t.member.client.post(
          `/atgarder/${action.id}/status`,
          { status: 'paused' },
          { forged: true },
        )
      ).status,
    ).toBe(422)
  })
})

describe('progress notes', () => {
  it('are added by the owner agency only, dated', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId)
    const note = (text: string) =>
      s.t.member.client.submit(
        `/atgarder/${action.id}`,
        { text },
        { action: `/atgarder/${action.id}/anteckningar` },
      )
    expect((await note('Beställt av parkförvaltningen.')).status).toBe(303)
    expect(
      (
        await s.t.chair.client.post(`/atgarder/${action.id}/anteckningar`, {
          text: 'Från fel aktör',
        })
      ).status,
    ).toBe(403)
    expect((await note('   ')).status).toBe(422)
    const page = await (await s.t.chair.client.get(`/atgarder/${action.id}`)).text()
    expect(page).toContain('Beställt av parkförvaltningen.')
  })

  it('are neither offered nor accepted to an observer, even one from the owner agency', async () => {
    const { aUser, aMembership } = await import('../support/builders')
    const { TestClient } = await import('../support/client')
    const { action } = await meetingWithAction(s.t.member.agencyId)
    const watcher = await aUser(s.ctx.db, { agencyId: s.t.member.agencyId })
    await aMembership(s.ctx.db, s.t.team.id, watcher.id, 'observer')
    const client = new TestClient(s.ctx.app)
    await client.login(watcher.email, watcher.password)
    const page = await (await client.get(`/atgarder/${action.id}`)).text()
    expect(page).not.toContain(`action="/atgarder/${action.id}/anteckningar"`)
    expect(
      (
        await client.post(
          `/atgarder/${action.id}/anteckningar`,
          { text: 'Från en observatör' },
          { forged: true },
        )
      ).status,
    ).toBe(403)
    const member = await (await s.t.member.client.get(`/atgarder/${action.id}`)).text()
    expect(member).toContain(`action="/atgarder/${action.id}/anteckningar"`)
  })
})

describe('the start and team pages', () => {
  it("show the agency's open actions on the start page and the team's on the team page", async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId, 'Åtgärd för startsidan')
    const home = await (await s.t.member.client.get('/')).text()
    expect(home).toContain('Åtgärd för startsidan')
    expect(await (await s.t.observer.client.get('/')).text()).not.toContain('Åtgärd för startsidan')
    const team = await (await s.t.observer.client.get(`/team/${s.t.team.id}`)).text()
    expect(team).toContain(`href="/atgarder/${action.id}"`)
  })
})

describe('GET /atgarder', () => {
  it("lists the person's agency's actions across teams, overdue first, and nothing of other agencies", async () => {
    const secondTeam = await aTeam(s.ctx.db)
    await aMembership(s.ctx.db, secondTeam.id, s.t.member.id, 'member')
    const { action: soon } = await meetingWithAction(s.t.member.agencyId, 'Snart förfallen åtgärd')
    const { action: late } = await meetingWithAction(s.t.member.agencyId, 'Försenad åtgärd')
    await s.ctx.db
      .updateTable('actions')
      .set({ due_on: '2020-01-01' })
      .where('id', '=', late.id)
      .execute()
    await meetingWithAction(s.t.observer.agencyId, 'Annan aktörs åtgärd')
    const html = await (await s.t.member.client.get('/atgarder')).text()
    expect(html.indexOf('Försenad åtgärd')).toBeLessThan(html.indexOf('Snart förfallen åtgärd'))
    expect(html).toContain('Försenad')
    expect(html).not.toContain('Annan aktörs åtgärd')
    expect(html).toContain(`href="/atgarder/${soon.id}"`)
    const filtered = await (await s.t.member.client.get(`/atgarder?team=${secondTeam.id}`)).text()
    expect(filtered).not.toContain('Snart förfallen åtgärd')
    expect((await s.t.member.client.get('/atgarder?status=nonsense&team=%00')).status).toBe(200)
  })

  it('answers 404 for one action to anyone outside its team', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId)
    expect((await s.t.outsider.client.get(`/atgarder/${action.id}`)).status).toBe(404)
    expect((await s.t.member.client.get(`/atgarder/${crypto.randomUUID()}`)).status).toBe(404)
  })
})

describe('attendance and the minute-checker', () => {
  it('records agencies present, guests, and a justerare only from those present', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const on = (path: string) => ({ action: `/moten/${meetingId}/${path}` })
    expect(
      (
        await s.t.chair.client.submit(
          `/moten/${meetingId}`,
          { [`present-${s.t.chair.agencyId}`]: true, [`present-${s.t.member.agencyId}`]: true },
          on('narvaro'),
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await s.t.chair.client.submit(
          `/moten/${meetingId}`,
          { organisation: 'Räddningstjänsten' },
          on('gaster'),
        )
      ).status,
    ).toBe(303)
    expect(
      (await s.t.chair.client.submit(`/moten/${meetingId}`, { organisation: '' }, on('gaster')))
        .status,
    ).toBe(422)
    const absent = await s.t.chair.client.post(`/moten/${meetingId}/justerare`, {
      userId: s.t.observer.id,
    })
    expect(absent.status).toBe(422)
    expect(await absent.text()).toContain(
      'Välj en medlem från en aktör som är antecknad som närvarande.',
    )
    expect(
      (
        await s.t.chair.client.submit(
          `/moten/${meetingId}`,
          { userId: s.t.member.id },
          on('justerare'),
        )
      ).status,
    ).toBe(303)
    const meeting = await s.ctx.db
      .selectFrom('meetings')
      .select('minute_checker_user_id')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow()
    expect(meeting.minute_checker_user_id).toBe(s.t.member.id)
    const page = await (await s.t.observer.client.get(`/moten/${meetingId}`)).text()
    expect(page).toContain('Räddningstjänsten')
  })
})

describe('the status form on demand', () => {
  it('comes as a fragment to those who may update, sends others away', async () => {
    const { action } = await meetingWithAction(s.t.member.agencyId, 'Röj buskar vid lekplatsen')
    const url = `/atgarder/${action.id}/status?tillbaka=${encodeURIComponent('/moten/x#uppfoljning')}`
    const fragment = await s.t.member.client.get(url, { 'HX-Request': 'true' })
    expect(fragment.status).toBe(200)
    const html = await fragment.text()
    expect(html).toContain(`action="/atgarder/${action.id}/status"`)
    expect(html).toContain('name="tillbaka" value="/moten/x#uppfoljning"')
    expect((await s.t.member.client.get(url)).status).toBe(303)
    expect((await s.t.observer.client.get(url, { 'HX-Request': 'true' })).status).toBe(403)
    expect((await s.t.outsider.client.get(url, { 'HX-Request': 'true' })).status).toBe(404)
  })
})
