import { describe, expect, it } from 'vitest'
import { canTransition } from '../../src/meetings/meeting-status'
import { meetingStatuses, type MeetingStatus } from '../../src/meetings/meeting.table'
import { aMeeting, anAgency, useTeamWithRoles } from '../support/builders'
import { inDays } from '../support/days'

const s = useTeamWithRoles()

const statusOf = async (id: string) =>
  (
    await s.ctx.db
      .selectFrom('meetings')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status
const paths: Record<string, MeetingStatus> = {
  kalla: 'called',
  oppna: 'open',
  stang: 'closed',
  'stall-in': 'cancelled',
}

describe('the meeting status machine', () => {
  it('allows exactly planned→called→open→closed→approved, and cancelling before the start', () => {
    const legal = meetingStatuses.flatMap((from) =>
      meetingStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    )
    expect(legal.sort()).toEqual(
      [
        'called→cancelled',
        'called→open',
        'closed→approved',
        'open→closed',
        'planned→called',
        'planned→cancelled',
      ].sort(),
    )
  })

  it('refuses every illegal transition over HTTP with 409 and a Swedish message, changing nothing', async () => {
    for (const from of meetingStatuses) {
      for (const [path, to] of Object.entries(paths)) {
        if (canTransition(from, to)) continue
        const id = await aMeeting(s.ctx.db, s.t.team.id, { status: from })
        const response = await s.t.coordinator.client.post(`/moten/${id}/${path}`, {})
        expect(response.status, `${from}→${to}`).toBe(409)
        expect(await response.text()).toMatch(/bara|kan inte/i)
        expect(await statusOf(id)).toBe(from)
      }
    }
  })

  it('walks a meeting through call, open and close, recording each step', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const page = `/moten/${id}`
    expect(
      (await s.t.coordinator.client.submit(page, {}, { action: `${page}/kalla` })).status,
    ).toBe(303)
    expect((await s.t.chair.client.submit(page, {}, { action: `${page}/oppna` })).status).toBe(303)
    expect((await s.t.chair.client.submit(page, {}, { action: `${page}/stang` })).status).toBe(303)
    expect(await statusOf(id)).toBe('closed')
    const actions = (
      await s.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action)
    expect(actions).toEqual(['meeting.call', 'meeting.open', 'meeting.closed'])
  })
})

describe('who may do what', () => {
  const expected: Record<string, Record<string, number>> = {
    kalla: { coordinator: 303, chair: 403, member: 403, observer: 403, outsider: 404 },
    'stall-in': { coordinator: 303, chair: 403, member: 403, observer: 403, outsider: 404 },
  }
  for (const [path, byRole] of Object.entries(expected)) {
    it(`POST /moten/:id/${path}: coordinator only`, async () => {
      for (const [role, status] of Object.entries(byRole)) {
        const id = await aMeeting(s.ctx.db, s.t.team.id, {
          status: 'called' === paths[path] ? 'planned' : 'called',
        })
        const client = s.t[role as keyof typeof s.t] as { client: typeof s.t.chair.client }
        const response = await client.client.post(`/moten/${id}/${path}`, {})
        // members and observers cannot see a planned meeting at all
        const want =
          status === 403 && path === 'kalla' && (role === 'member' || role === 'observer')
            ? 404
            : status
        expect(response.status, `${role} ${path}`).toBe(want)
      }
    })
  }

  it('POST /moten/:id/oppna and /stang: chair and coordinator, not member or observer', async () => {
    for (const [role, want] of [
      ['chair', 303],
      ['coordinator', 303],
      ['member', 403],
      ['observer', 403],
      ['outsider', 404],
    ] as const) {
      const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called' })
      expect((await s.t[role].client.post(`/moten/${id}/oppna`, {})).status, role).toBe(want)
      const open = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
      expect((await s.t[role].client.post(`/moten/${open}/stang`, {})).status, role).toBe(want)
    }
  })
})

describe('GET /moten/:meetingId', () => {
  it('hides a planned meeting from members and observers until the call is published', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    expect((await s.t.member.client.get(`/moten/${id}`)).status).toBe(404)
    expect((await s.t.observer.client.get(`/moten/${id}`)).status).toBe(404)
    expect((await s.t.chair.client.get(`/moten/${id}`)).status).toBe(200)
    await s.t.coordinator.client.submit(`/moten/${id}`, {}, { action: `/moten/${id}/kalla` })
    const page = await s.t.member.client.get(`/moten/${id}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Uppföljning av öppna åtgärder')
  })

  it('answers 404 to a non-member and to a made-up id', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called' })
    expect((await s.t.outsider.client.get(`/moten/${id}`)).status).toBe(404)
    expect((await s.t.member.client.get(`/moten/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await s.t.member.client.get('/moten/inte-ett-id')).status).toBe(404)
  })
})

describe('POST /moten/:meetingId/flytta', () => {
  it('moves one meeting and marks it moved', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const response = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      {
        day: inDays(10),
        startTime: '13:15',
        durationMinutes: '90',
        location: 'Biblioteket',
        videoLink: 'https://video.example/rum',
      },
      { action: `/moten/${id}/flytta` },
    )
    expect(response.status).toBe(303)
    const meeting = await s.ctx.db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(meeting.is_moved).toBe(1)
    expect(meeting.location).toBe('Biblioteket')
    expect((Date.parse(meeting.ends_at) - Date.parse(meeting.starts_at)) / 60_000).toBe(90)
  })

  it('checks the new place for personal data like every free text, keeping what was typed', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const response = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      {
        day: inDays(10),
        startTime: '13:15',
        durationMinutes: '60',
        location: 'Ring 070-174 06 42 för porten',
      },
      { action: `/moten/${id}/flytta` },
    )
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Ring 070-174 06 42 för porten')
    expect(html).toContain('070-174 06 42')
    const meeting = await s.ctx.db
      .selectFrom('meetings')
      .select('is_moved')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(meeting.is_moved).toBe(0)
  })

  it('refuses a day in the past, a bad duration and a started meeting', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const past = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      { day: '2020-01-01', startTime: '09:00', durationMinutes: '-5' },
      { action: `/moten/${id}/flytta` },
    )
    expect(past.status).toBe(422)
    const html = await past.text()
    expect(html).toContain('Dagen har redan passerat.')
    expect(html).toContain('Skriv längden i hela minuter, 5–600.')
    const open = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect(
      (
        await s.t.coordinator.client.post(`/moten/${open}/flytta`, {
          day: inDays(3),
          startTime: '09:00',
          durationMinutes: '60',
        })
      ).status,
    ).toBe(409)
    expect(
      (
        await s.t.chair.client.post(`/moten/${id}/flytta`, {
          day: inDays(3),
          startTime: '09:00',
          durationMinutes: '60',
        })
      ).status,
    ).toBe(403)
  })
})

describe('the agenda', () => {
  const itemsOf = (meetingId: string) =>
    s.ctx.db
      .selectFrom('agenda_items')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute()

  it('adds, edits, moves and removes items with plain forms, and audits each', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const added = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      {
        title: 'Fördjupning: Stationsområdet',
        kind: 'deep_dive',
        presenterAgencyId: s.t.member.agencyId,
        minutes: '15',
      },
      { action: `/moten/${id}/dagordning` },
    )
    expect(added.status).toBe(303)
    let items = await itemsOf(id)
    const item = items.at(-1)!
    // Back on the meeting page at the new item, so that a keyboard or screen-reader user is where the change is.
    expect(added.headers.get('location')).toBe(`/moten/${id}#agenda-item-${item.id}`)
    expect(item).toMatchObject({
      title: 'Fördjupning: Stationsområdet',
      kind: 'deep_dive',
      presenter_agency_id: s.t.member.agencyId,
      minutes: 15,
      position: 7,
    })

    await s.t.coordinator.client.submit(
      `/moten/${id}`,
      {},
      { action: `/moten/${id}/dagordning/${item.id}/upp` },
    )
    items = await itemsOf(id)
    expect(items[5]!.id).toBe(item.id)
    await s.t.chair.client.submit(`/moten/${id}/dagordning/${item.id}`, {
      title: 'Fördjupning: Centrum',
      kind: 'deep_dive',
      minutes: '20',
      presenterAgencyId: '',
    })
    expect((await itemsOf(id))[5]).toMatchObject({
      title: 'Fördjupning: Centrum',
      minutes: 20,
      presenter_agency_id: null,
    })
    await s.t.coordinator.client.submit(
      `/moten/${id}`,
      {},
      { action: `/moten/${id}/dagordning/${items[0]!.id}/ta-bort` },
    )
    items = await itemsOf(id)
    expect(items).toHaveLength(6)
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6])
    const actions = (
      await s.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'agenda.%')
        .execute()
    ).map((r) => r.action)
    expect(actions).toEqual(
      expect.arrayContaining(['agenda.add', 'agenda.move_up', 'agenda.update', 'agenda.remove']),
    )
  })

  it('answers htmx with the agenda fragment only, and a 422 fragment with the error and the text kept', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const headers = { 'hx-request': 'true' }
    const ok = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      { title: 'Besök av räddningstjänsten', kind: 'information', minutes: '5' },
      { action: `/moten/${id}/dagordning`, headers },
    )
    expect(ok.status).toBe(200)
    const fragment = await ok.text()
    expect(fragment.startsWith('<section id="dagordning"')).toBe(true)
    expect(fragment).toContain('Besök av räddningstjänsten')
    expect(fragment).toContain('Dagordningen är uppdaterad.')
    expect(fragment).not.toContain('<html')
    const bad = await s.t.coordinator.client.submit(
      `/moten/${id}`,
      { title: 'Alldeles för lång tid', kind: 'information', minutes: 'tio' },
      { action: `/moten/${id}/dagordning`, headers },
    )
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Skriv minuter som ett heltal')
    expect(badHtml).toContain('value="Alldeles för lång tid"')
  })

  it('refuses a presenter agency outside the team, an empty title and tampered ids', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id)
    const stranger = await anAgency(s.ctx.db)
    const outside = await s.t.coordinator.client.post(
      `/moten/${id}/dagordning`,
      { title: 'Punkt', kind: 'other', presenterAgencyId: stranger.id },
      { forged: true },
    )
    expect(outside.status).toBe(422)
    const typed = (title: string) =>
      s.t.coordinator.client.submit(
        `/moten/${id}`,
        { title, kind: 'other' },
        { action: `/moten/${id}/dagordning` },
      )
    expect((await typed(' ')).status).toBe(422)
    // maxlength stops a browser at 200; a longer text still gets a clear 422
    expect((await typed('x'.repeat(201))).status).toBe(422)
    const otherMeeting = await aMeeting(s.ctx.db, s.t.team.id)
    const foreignItem = (await itemsOf(otherMeeting))[0]!
    expect(
      (await s.t.coordinator.client.post(`/moten/${id}/dagordning/${foreignItem.id}/ta-bort`, {}))
        .status,
    ).toBe(404)
    expect((await itemsOf(otherMeeting)).length).toBe(6)
  })

  it('is the organisers’: 403 for member and observer, 404 for a non-member', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called' })
    for (const role of ['member', 'observer'] as const) {
      expect(
        (await s.t[role].client.post(`/moten/${id}/dagordning`, { title: 'Punkt', kind: 'other' }))
          .status,
        role,
      ).toBe(403)
    }
    expect(
      (await s.t.outsider.client.post(`/moten/${id}/dagordning`, { title: 'Punkt', kind: 'other' }))
        .status,
    ).toBe(404)
  })

  it('cannot change once the meeting is closed, nor when approved (409)', async () => {
    for (const status of ['closed', 'approved'] as const) {
      const id = await aMeeting(s.ctx.db, s.t.team.id, { status })
      const item = (await itemsOf(id))[0]!
      const response = await s.t.coordinator.client.post(`/moten/${id}/dagordning/${item.id}`, {
        title: 'Ändrad',
        kind: 'other',
      })
      expect(response.status, status).toBe(409)
      expect((await itemsOf(id))[0]!.title).toBe(item.title)
    }
  })
})

describe('the running meeting', () => {
  const firstItemOf = async (meetingId: string) =>
    s.ctx.db
      .selectFrom('agenda_items')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .executeTakeFirstOrThrow()

  it('has jump links, the agenda tools folded away, and a decision form under each agenda item for the chair', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const planned = await (await s.t.chair.client.get(`/moten/${id}`)).text()
    expect(planned).not.toContain('class="jump-links"')
    expect(planned).not.toContain('agenda-edit-toggle')
    await s.t.chair.client.submit(`/moten/${id}`, {}, { action: `/moten/${id}/oppna` })
    const running = await (await s.t.chair.client.get(`/moten/${id}`)).text()
    for (const anchor of ['#dagordning', '#lagesbild', '#beslut', '#uppfoljning', '#narvaro'])
      expect(running).toContain(`<a href="${anchor}">`)
    expect(running).toContain('<summary>Ändra dagordningen</summary>')
    expect(running).toContain('class="agenda agenda--running"')
    const item = await firstItemOf(id)
    expect(running).toContain(`Nytt beslut under ”${item.title}”`)
    // A member reads the running meeting without the chair's forms.
    const member = await (await s.t.member.client.get(`/moten/${id}`)).text()
    expect(member).toContain('class="jump-links"')
    expect(member).not.toContain('Nytt beslut under')

    const decided = await s.t.chair.client.submit(
      `/moten/${id}`,
      { text: 'Belysningen i gångtunneln ses över' },
      { action: `/moten/${id}/beslut` },
    )
    expect(decided.status).toBe(303)
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .selectAll()
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(decision).toMatchObject({
      text: 'Belysningen i gångtunneln ses över',
      agenda_item_id: item.id,
    })
  })

  it('warns of an over-booked agenda while it is planned, not once the meeting is approved', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { minutes: 30 })
    expect(await (await s.t.coordinator.client.get(`/moten/${id}`)).text()).toContain(
      'agenda-sum--over',
    )
    // History a person cannot make in a test's time: a meeting already approved.
    const done = await aMeeting(s.ctx.db, s.t.team.id, {
      minutes: 30,
      status: 'approved',
      startsInDays: -7,
    })
    const approved = await (await s.t.coordinator.client.get(`/moten/${done}`)).text()
    expect(approved).not.toContain('agenda-sum--over')
    expect(approved).toContain('Planerat 60 av mötets 30 minuter.')
  })
})
