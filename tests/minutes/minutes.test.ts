import { describe, expect, it } from 'vitest'
import { aMeeting, useTeamWithRoles } from '../support/builders'
import { optionByLabel } from '../support/form'
import { readPdf } from '../support/pdf-text'
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

/** Approves the minutes through the minutes page's button, as chair or as minute-checker. */
const approve = (who: 'chair' | 'member' | 'coordinator', id: string) =>
  s.t[who].client.submit(`/moten/${id}/protokoll`, {}, { action: `/moten/${id}/protokoll/justera` })

/** Runs a meeting through the meeting page's forms: opened, attendance, a justerare, a decision with an action, closed. */
async function heldMeeting() {
  const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
  const chair = s.t.chair.client
  const page = `/moten/${id}`
  await chair.submit(page, {}, { action: `${page}/oppna` })
  await chair.submit(
    page,
    { [`present-${s.t.chair.agencyId}`]: true, [`present-${s.t.member.agencyId}`]: true },
    { action: `${page}/narvaro` },
  )
  await chair.submit(page, { organisation: 'Räddningstjänsten' }, { action: `${page}/gaster` })
  await chair.submit(page, { userId: s.t.member.id }, { action: `${page}/justerare` })
  await chair.submit(
    page,
    { text: 'Extra vuxennärvaro vid centrum på fredagskvällar' },
    { action: `${page}/beslut`, within: '#beslut' },
  )
  const decision = await s.ctx.db
    .selectFrom('decisions')
    .select('id')
    .where('meeting_id', '=', id)
    .executeTakeFirstOrThrow()
  await chair.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
    text: 'Fältarna går centrumrundan',
    ownerAgencyId: s.t.member.agencyId,
    dueOn: inDays(14),
  })
  expect((await chair.submit(page, {}, { action: `${page}/stang` })).status).toBe(303)
  return id
}

describe('GET /moten/:meetingId/protokoll', () => {
  it('does not exist before the meeting is closed', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect((await s.t.chair.client.get(`/moten/${id}/protokoll`)).status).toBe(404)
  })

  it('shows facts, attendance by agency, agenda, decisions and actions, and the situation picture only in aggregate', async () => {
    const id = await heldMeeting()
    const response = await s.t.observer.client.get(`/moten/${id}/protokoll`)
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const text of [
      'Närvaro',
      'Gäst: Räddningstjänsten',
      'Uppföljning av öppna åtgärder',
      'Extra vuxennärvaro vid centrum på fredagskvällar',
      'Fältarna går centrumrundan',
      'Lägesbild i sammandrag',
      'Ej justerat',
    ]) {
      expect(html, text).toContain(text)
    }
    expect(html).toContain('<link rel="stylesheet" href="/css/print.css" media="print"/>')
    expect((await s.t.outsider.client.get(`/moten/${id}/protokoll`)).status).toBe(404)
  })
})

describe('GET /moten/:meetingId/protokoll/utskrift.css', () => {
  it('gives the running head of the printed minutes to those who may read them, and to nobody else', async () => {
    const id = await heldMeeting()
    const page = await (await s.t.observer.client.get(`/moten/${id}/protokoll`)).text()
    expect(page).toContain(`href="/moten/${id}/protokoll/utskrift.css" media="print"`)
    const css = await s.t.observer.client.get(`/moten/${id}/protokoll/utskrift.css`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
    expect(await css.text()).toMatch(
      /^@page \{ @top-left \{ content: "Protokoll: Lägesbildsmöte, Team [^"]+, [^"]+\d\d:\d\d"; font-size: 9pt; \} \}\n$/,
    )
    expect((await s.t.outsider.client.get(`/moten/${id}/protokoll/utskrift.css`)).status).toBe(404)
    expect(
      (await s.t.outsider.client.get(`/moten/${crypto.randomUUID()}/protokoll/utskrift.css`))
        .status,
    ).toBe(404)
    const open = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect((await s.t.chair.client.get(`/moten/${open}/protokoll/utskrift.css`)).status).toBe(404)
  })

  it('escapes a title so that it can never end the CSS string', async () => {
    const id = await heldMeeting()
    await s.ctx.db
      .updateTable('meetings')
      .set({ title: 'Möte "} body { display: none } \\' })
      .where('id', '=', id)
      .execute()
    const css = await (await s.t.chair.client.get(`/moten/${id}/protokoll/utskrift.css`)).text()
    expect(css).toContain('Möte \\22 } body { display: none } \\5c ')
    expect(css.match(/"/g)).toHaveLength(2)
  })
})

describe('POST /moten/:meetingId/protokoll/justera', () => {
  it('needs both the chair and the minute-checker; then the meeting is approved', async () => {
    const id = await heldMeeting()
    expect((await s.t.observer.client.post(`/moten/${id}/protokoll/justera`, {})).status).toBe(403)
    expect((await s.t.coordinator.client.post(`/moten/${id}/protokoll/justera`, {})).status).toBe(
      403,
    )
    expect((await approve('chair', id)).status).toBe(303)
    expect(await statusOf(id)).toBe('closed')
    expect((await s.t.chair.client.post(`/moten/${id}/protokoll/justera`, {})).status).toBe(403)
    expect((await approve('member', id)).status).toBe(303)
    expect(await statusOf(id)).toBe('approved')
    const html = await (await s.t.member.client.get(`/moten/${id}/protokoll`)).text()
    expect(html).toContain('Justerat av')
    const actions = (
      await s.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', id)
        .where('action', 'in', ['minutes.approve', 'meeting.approved'])
        .orderBy('seq')
        .execute()
    ).map((r) => r.action)
    expect(actions).toEqual(['minutes.approve', 'minutes.approve', 'meeting.approved'])
  })
})

describe('an approved meeting', () => {
  it('refuses every write route on it with 409, and changes nothing', async () => {
    const id = await heldMeeting()
    await approve('chair', id)
    await approve('member', id)
    expect(await statusOf(id)).toBe('approved')
    const item = await s.ctx.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow()
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow()
    const guest = await s.ctx.db
      .selectFrom('meeting_guests')
      .select('id')
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow()
    const countRows = async () =>
      Promise.all(
        (
          [
            'agenda_items',
            'decisions',
            'actions',
            'meeting_guests',
            'meeting_attendance',
            'minutes_approvals',
          ] as const
        ).map(async (table) =>
          Number(
            (
              await s.ctx.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('meeting_id', '=', id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
    const before = await countRows()
    const writeRoutes = s.ctx.app.routes.filter(
      (r) =>
        r.method === 'POST' &&
        r.path.startsWith('/moten/:meetingId') &&
        r.path !== '/moten/:meetingId/protokoll/tillagg' &&
        // Releasing a copy of the approved minutes changes nothing in them.
        r.path !== '/moten/:meetingId/protokoll/utlamnande',
    )
    expect(writeRoutes.length).toBeGreaterThan(12)
    for (const route of writeRoutes) {
      const url = route.path
        .replace(':meetingId', id)
        .replace(':itemId', item.id)
        .replace(':decisionId', decision.id)
        .replace(':guestId', guest.id)
      const form = {
        title: 'Ändrad',
        kind: 'other',
        text: 'Ändrad',
        ownerAgencyId: s.t.member.agencyId,
        dueOn: inDays(3),
        organisation: 'X',
        userId: s.t.member.id,
        day: inDays(3),
        startTime: '10:00',
        durationMinutes: '60',
      }
      // Whoever may do it gets 409; the other organiser may be refused by role first (403).
      const statuses = [
        (await s.t.chair.client.post(url, form)).status,
        (await s.t.coordinator.client.post(url, form)).status,
      ]
      expect(
        statuses.every((status) => status === 403 || status === 409),
        `${route.path}: ${statuses}`,
      ).toBe(true)
      expect(statuses, route.path).toContain(409)
    }
    expect(await countRows()).toEqual(before)
    expect(await statusOf(id)).toBe('approved')
  })

  it('takes a correction as an addendum, dated and signed by the chair only', async () => {
    const id = await heldMeeting()
    expect(
      (await s.t.chair.client.post(`/moten/${id}/protokoll/tillagg`, { text: 'För tidigt' }))
        .status,
    ).toBe(409)
    await approve('chair', id)
    await approve('member', id)
    expect(
      (await s.t.member.client.post(`/moten/${id}/protokoll/tillagg`, { text: 'Inte ordförande' }))
        .status,
    ).toBe(403)
    const addendum = (text: string) =>
      s.t.chair.client.submit(
        `/moten/${id}/protokoll`,
        { text },
        { action: `/moten/${id}/protokoll/tillagg` },
      )
    expect((await addendum('')).status).toBe(422)
    expect((await addendum('Rättelse: fältarna går även lördagar.')).status).toBe(303)
    const html = await (await s.t.observer.client.get(`/moten/${id}/protokoll`)).text()
    expect(html).toContain('Rättelse: fältarna går även lördagar.')
    expect(html).toContain('Undertecknat av')
  })
})

describe('who approves', () => {
  it('offers and accepts as justerare only members present of a role that approves, never an observer', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const chair = s.t.chair.client
    const page = `/moten/${id}`
    await chair.submit(page, {}, { action: `${page}/oppna` })
    await chair.submit(
      page,
      { [`present-${s.t.member.agencyId}`]: true, [`present-${s.t.observer.agencyId}`]: true },
      { action: `${page}/narvaro` },
    )
    const html = await (await chair.get(page)).text()
    const select = html.slice(
      html.indexOf('name="userId"'),
      html.indexOf('</select>', html.indexOf('name="userId"')),
    )
    expect(select).toContain(`value="${s.t.member.id}"`)
    expect(select).not.toContain(`value="${s.t.observer.id}"`)
    const refused = await chair.post(`${page}/justerare`, { userId: s.t.observer.id })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Välj')
    const row = await s.ctx.db
      .selectFrom('meetings')
      .select('minute_checker_user_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.minute_checker_user_id).toBeNull()
  })

  it('lets the coordinator name a stand-in chair before the meeting opens, who then approves as chair', async () => {
    const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const page = `/moten/${id}`
    const named = await s.t.coordinator.client.submit(
      page,
      { userId: s.t.member.id },
      { action: `${page}/ordforande` },
    )
    expect(named.status).toBe(303)
    expect(await (await s.t.observer.client.get(page)).text()).toContain('utsedd för detta möte')
    // Only before the meeting opens.
    await s.t.chair.client.submit(page, {}, { action: `${page}/oppna` })
    expect((await s.t.coordinator.client.post(`${page}/ordforande`, { userId: '' })).status).toBe(
      409,
    )
    await s.t.chair.client.submit(
      page,
      {
        [`present-${s.t.member.agencyId}`]: true,
        [`present-${s.t.coordinator.agencyId}`]: true,
      },
      { action: `${page}/narvaro` },
    )
    // The one chairing is no justerare candidate; the coordinator is.
    expect(
      (await s.t.chair.client.post(`${page}/justerare`, { userId: s.t.member.id })).status,
    ).toBe(422)
    await s.t.chair.client.submit(
      page,
      { userId: s.t.coordinator.id },
      { action: `${page}/justerare` },
    )
    await s.t.chair.client.submit(page, {}, { action: `${page}/stang` })
    expect((await s.t.chair.client.post(`${page}/protokoll/justera`, {})).status).toBe(403)
    for (const who of ['member', 'coordinator'] as const)
      expect((await approve(who, id)).status, who).toBe(303)
    expect(await statusOf(id)).toBe('approved')
    const record = await (await s.t.observer.client.get(`${page}/protokoll`)).text()
    const approval = record.slice(record.indexOf('id="r-approval"'))
    const memberName = (
      await s.ctx.db
        .selectFrom('users')
        .select('name')
        .where('id', '=', s.t.member.id)
        .executeTakeFirstOrThrow()
    ).name
    expect(approval).toMatch(new RegExp(`<dt>Ordförande</dt><dd>Justerat av ${memberName} `))
  })
})

describe('a copy for a request for public records', () => {
  it('lets the coordinator mask sections under a secrecy provision; the copy holds none of their text', async () => {
    const id = await heldMeeting()
    await approve('chair', id)
    await approve('member', id)
    const minutes = `/moten/${id}/protokoll`
    const page = `${minutes}/utlamnande`
    expect(await (await s.t.coordinator.client.get(minutes)).text()).toContain(`href="${page}"`)
    expect(await (await s.t.member.client.get(minutes)).text()).not.toContain(`href="${page}"`)
    for (const who of ['chair', 'member', 'observer'] as const)
      expect((await s.t[who].client.get(page)).status, who).toBe(403)
    expect((await s.t.outsider.client.get(page)).status).toBe(404)

    const form = await (await s.t.coordinator.client.get(page)).text()
    const provision = optionByLabel(
      form,
      'mask-decisions',
      'Maskeras enligt 18 kap. 8 § OSL (Säkerhets- och bevakningsåtgärder)',
    )
    // A provision that is not in the list is refused, and what was typed stays.
    const tampered = await s.t.coordinator.client.post(page, {
      requestReference: 'KS 2026/1234',
      'mask-decisions': crypto.randomUUID(),
    })
    expect(tampered.status).toBe(422)
    expect(await tampered.text()).toContain('value="KS 2026/1234"')

    const decided = await s.t.coordinator.client.submit(page, {
      requestReference: 'KS 2026/1234',
      'mask-decisions': provision,
    })
    expect(decided.status).toBe(303)
    const event = await s.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'minutes.release')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(event.details)).toMatchObject({
      requestReference: 'KS 2026/1234',
      masks: { decisions: provision },
    })
    const listed = await (await s.t.coordinator.client.get(page)).text()
    const link = /href="([^"]+\/kopia\.pdf)"/.exec(listed)![1]!
    expect(listed).toContain('maskerat: Beslut och åtgärder (18 kap. 8 § OSL)')
    const copy = await s.t.coordinator.client.get(link)
    expect(copy.status).toBe(200)
    const pdf = await readPdf(new Uint8Array(await copy.arrayBuffer()))
    const text = pdf.text.replace(/\s+/g, ' ')
    expect(text).toContain('[maskerat enligt 18 kap. 8 § OSL]')
    expect(text).toContain('KS 2026/1234')
    expect(text).toContain('Gäst: Räddningstjänsten')
    expect(text).not.toContain('Extra vuxennärvaro vid centrum på fredagskvällar')
    // Its section holds the mask and nothing else (the action may come back in others' follow-up).
    const section = text.slice(text.indexOf('Beslut och åtgärder'), text.indexOf('Justering'))
    expect(section.trim()).toBe('Beslut och åtgärder [maskerat enligt 18 kap. 8 § OSL]')
    expect((await s.t.member.client.get(link)).status).toBe(403)
  })
})
