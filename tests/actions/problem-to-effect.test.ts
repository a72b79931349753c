import { describe, expect, it } from 'vitest'
import { aMeeting, anArea, useTeamWithRoles } from '../support/builders'
import { parse } from 'node-html-parser'
import { createCategory } from '../../src/teams/team.repository'
import { inTransaction } from '../support/in-transaction'
import { readForms } from '../support/form'
import { inDays } from '../support/days'
import { closeAndApprove } from '../support/minutes-steps'
import { readPdf } from '../support/pdf-text'

const s = useTeamWithRoles()

/** An open meeting of the team, run from its page by the chair. */
async function openMeeting() {
  const id = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
  await s.t.chair.client.submit(`/moten/${id}`, {}, { action: `/moten/${id}/oppna` })
  return id
}

/** The first cell the decision form offers under an area, as the page shows it. */
function cellOf(html: string, areaName: string) {
  const group = parse(html)
    .querySelectorAll('#decision-problem fieldset')
    .find((fieldset) => fieldset.querySelector('legend')?.textContent.trim() === areaName)!
  const input = group.querySelector('input[name="problem"]')!
  const category = group.querySelector(`label[for="${input.getAttribute('id')}"]`)!.textContent
  return { value: input.getAttribute('value')!, label: `${areaName}: ${category.trim()}` }
}

/** Records a decision through the meeting page's form, naming these cells; returns its id. */
async function decide(meetingId: string, text: string, problem: string[]): Promise<string> {
  const page = `/moten/${meetingId}`
  const response = await s.t.chair.client.submit(
    page,
    { text, problem },
    { action: `${page}/beslut`, within: '#beslut' },
  )
  expect(response.status).toBe(303)
  return (
    await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('text', '=', text)
      .executeTakeFirstOrThrow()
  ).id
}

/** An entry of this period, saved by the member through the entry form (shared with the team). */
const saveEntry = (cell: { areaId: string; categoryId: string }, description: string) =>
  s.t.member.client.submit(
    `/team/${s.t.team.id}/poster/ny`,
    {
      idempotencyKey: crypto.randomUUID(),
      ...cell,
      periodFrom: inDays(-2),
      periodTo: inDays(0),
      eventCount: '1',
      trend: 'increasing',
      description,
      scope: 'team',
    },
    { action: `/team/${s.t.team.id}/poster` },
  )

const actionOf = (decisionId: string) =>
  s.ctx.db
    .selectFrom('actions')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .executeTakeFirstOrThrow()

const auditCount = async (action: string) =>
  Number(
    (
      await s.ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('from problem to effect', () => {
  it('links a decision to the cells it answers, an action to its goal, and follows it up to the chair', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Centrum')
    const meetingId = await openMeeting()
    const page = `/moten/${meetingId}`
    const chair = s.t.chair.client

    // The decision form offers the picture's cells by area and category.
    const html = await (await chair.get(page)).text()
    const { value: cell, label } = cellOf(html, 'Centrum')
    expect(cell).toMatch(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/)

    // A guessed cell is refused, keeping what was typed.
    const refused = await chair.post(
      `${page}/beslut`,
      { text: 'Mer vuxennärvaro i centrum', problem: `${area.id}:${crypto.randomUUID()}` },
      { forged: true },
    )
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Mer vuxennärvaro i centrum')

    const decision = { id: await decide(meetingId, 'Mer vuxennärvaro i centrum', [cell]) }
    const stored = await s.ctx.db
      .selectFrom('decision_problems')
      .selectAll()
      .where('decision_id', '=', decision.id)
      .execute()
    expect(stored.map((p) => `${p.area_id}:${p.category_id}`)).toEqual([cell])
    expect(await (await chair.get(page)).text()).toContain(`Svarar på: ${label}`)

    // The action's operative goal is checked for personal data like any free text.
    const newAction = `${page}/beslut/${decision.id}/atgarder/ny`
    const withNumber = await chair.submit(newAction, {
      text: 'Fältarna går kvällsrundan',
      goal: 'Inga samlingar kring 19121212-1212',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(14),
    })
    expect(withNumber.status).toBe(422)
    expect(await withNumber.text()).toContain('Inga samlingar kring 19121212-1212')
    await chair.submit(newAction, {
      text: 'Fältarna går kvällsrundan',
      goal: 'Färre samlingar efter kl. 22 vid centrum',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(14),
    })
    const action = await actionOf(decision.id)
    expect(action.goal).toBe('Färre samlingar efter kl. 22 vid centrum')

    // While the action is open, its owner agency is told the follow-up comes once it is closed.
    const member = s.t.member.client
    const open = await (await member.get(`/atgarder/${action.id}`)).text()
    expect(open).toContain('Färre samlingar efter kl. 22 vid centrum')
    expect(open).toContain('Uppföljningen görs när åtgärden är avslutad.')
    expect(readForms(open).some((f) => f.action.endsWith('/uppfoljning'))).toBe(false)

    await member.submit(
      `/atgarder/${action.id}`,
      { status: 'done' },
      { action: `/atgarder/${action.id}/status` },
    )
    // Unanswered questions are named; the text typed stays.
    const incomplete = await member.submit(
      `/atgarder/${action.id}`,
      { reason: 'Rundan gick alla fredagar' },
      { action: `/atgarder/${action.id}/uppfoljning` },
    )
    expect(incomplete.status).toBe(422)
    expect(await incomplete.text()).toContain('Rundan gick alla fredagar')
    expect(
      (
        await member.submit(
          `/atgarder/${action.id}`,
          { done: 'yes', effect: 'better', reason: 'Rundan gick alla fredagar; färre samlingar' },
          { action: `/atgarder/${action.id}/uppfoljning` },
        )
      ).status,
    ).toBe(303)
    const followed = await actionOf(decision.id)
    expect(followed).toMatchObject({
      follow_up_done: 'yes',
      follow_up_effect: 'better',
      follow_up_by: s.t.member.id,
      follow_up_confirmed_at: null,
    })
    expect(await auditCount('action.follow_up')).toBe(1)

    // Nobody else judges another agency's action: the chair of another agency, the observer, an outsider.
    for (const [who, status] of [
      ['chair', 403],
      ['observer', 403],
      ['outsider', 404],
    ] as const)
      expect(
        (
          await s.t[who].client.post(
            `/atgarder/${action.id}/uppfoljning`,
            { done: 'no', effect: 'worse', reason: 'Påhittat' },
            { forged: true },
          )
        ).status,
        who,
      ).toBe(status)

    // At the team's next meeting the chair confirms it; nobody else is offered the button.
    const next = await openMeeting()
    const nextPage = `/moten/${next}`
    const seenByMember = await (await member.get(nextPage)).text()
    expect(seenByMember).toContain('Väntar på ordförandens bekräftelse')
    expect(readForms(seenByMember).some((f) => f.action.includes('/uppfoljning/'))).toBe(false)
    expect(
      (await member.post(`${nextPage}/uppfoljning/${action.id}/bekrafta`, {}, { forged: true }))
        .status,
    ).toBe(403)
    expect(
      (
        await chair.submit(
          nextPage,
          {},
          { action: `${nextPage}/uppfoljning/${action.id}/bekrafta` },
        )
      ).status,
    ).toBe(303)
    const confirmed = await actionOf(decision.id)
    expect(confirmed.follow_up_confirmed_by).toBe(s.t.chair.id)
    expect(confirmed.follow_up_confirmed_meeting_id).toBe(next)
    expect(await (await chair.get(nextPage)).text()).toContain('Bekräftad av ordföranden')
    expect(await auditCount('action.follow_up_confirmed')).toBe(1)
    // An action of another team cannot be confirmed here by guessing its id.
    expect(
      (
        await chair.post(
          `${nextPage}/uppfoljning/${crypto.randomUUID()}/bekrafta`,
          {},
          { forged: true },
        )
      ).status,
    ).toBe(404)

    // Opened again, the action's follow-up no longer holds.
    await member.submit(
      `/atgarder/${action.id}`,
      { status: 'in_progress' },
      { action: `/atgarder/${action.id}/status` },
    )
    expect((await actionOf(decision.id)).follow_up_at).toBeNull()
  })

  it('links a decision to entries the chair sees, never copying them; each reader sees only the links they may follow', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Busstorget')
    s.ctx.live.contentChanged(['area'])
    // An open meeting, whose picture the entry joins (the team's first open one).
    const opened = await openMeeting()
    const categoryId = cellOf(
      await (await s.t.chair.client.get(`/moten/${opened}`)).text(),
      'Busstorget',
    ).value.split(':')[1]!
    expect(
      (await saveEntry({ areaId: area.id, categoryId }, 'Krossat glas vid väntkuren')).status,
    ).toBe(303)
    const { id: entryId, meeting_id: meetingId } = await s.ctx.db
      .selectFrom('situation_entries')
      .select(['id', 'meeting_id'])
      .where('description', '=', 'Krossat glas vid väntkuren')
      .executeTakeFirstOrThrow()
    const page = `/moten/${meetingId}`

    // The form offers the meeting's entries by their stub; the chair ticks one by its label.
    const html = await (await s.t.chair.client.get(page)).text()
    const offered = parse(html).querySelector(`#beslut input[name="entry"][value="${entryId}"]`)!
    const label = parse(html).querySelector(
      `label[for="${offered.getAttribute('id')}"]`,
    )!.textContent
    expect(label).toContain('Busstorget')
    expect(label).not.toContain('Krossat glas')

    // A guessed id (an entry of no meeting here) is refused, with the text kept.
    const guessed = await s.t.chair.client.post(
      `${page}/beslut`,
      { text: 'Väktare vid busstorget', entry: crypto.randomUUID() },
      { forged: true },
    )
    expect(guessed.status).toBe(422)
    expect(await guessed.text()).toContain('Väktare vid busstorget')

    const decided = await s.t.chair.client.submit(
      page,
      { text: 'Väktare vid busstorget kvällstid', entry: [entryId] },
      { action: `${page}/beslut`, within: '#beslut' },
    )
    expect(decided.status).toBe(303)
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('text', '=', 'Väktare vid busstorget kvällstid')
      .executeTakeFirstOrThrow()
    expect(
      await s.ctx.db
        .selectFrom('decision_entries')
        .selectAll()
        .where('decision_id', '=', decision.id)
        .execute(),
    ).toEqual([{ decision_id: decision.id, entry_id: entryId }])

    // Every seat that sees the entry sees the link beside the decision; nobody sees its text there.
    for (const who of ['chair', 'member', 'observer'] as const) {
      const item = parse(await (await s.t[who].client.get(page)).text()).querySelector(
        `#decision-${decision.id}`,
      )!
      expect(item.querySelector(`a[href="/poster/${entryId}"]`), who).not.toBeNull()
      expect(item.textContent).not.toContain('Krossat glas')
    }

    // Withdrawn by its agency, the entry is no one else's to see: its link goes with it.
    const withdrawn = await s.t.member.client.submit(
      `/poster/${entryId}`,
      {},
      { action: `/poster/${entryId}/dra-tillbaka` },
    )
    expect(withdrawn.status).toBeLessThan(400)
    const chairView = parse(await (await s.t.chair.client.get(page)).text()).querySelector(
      `#decision-${decision.id}`,
    )!
    expect(chairView.querySelector(`a[href="/poster/${entryId}"]`)).toBeNull()
  })

  it('keeps the problems and the goal in the approved minutes and their PDF', async () => {
    await anArea(s.ctx.db, s.t.team.id, 'Stationen')
    const meetingId = await openMeeting()
    const page = `/moten/${meetingId}`
    const chair = s.t.chair.client
    await chair.submit(
      page,
      { [`present-${s.t.chair.agencyId}`]: true, [`present-${s.t.member.agencyId}`]: true },
      { action: `${page}/narvaro` },
    )
    await chair.submit(page, { userId: s.t.member.id }, { action: `${page}/justerare` })
    const html = await (await chair.get(page)).text()
    const { value: cell, label } = cellOf(html, 'Stationen')
    const decision = { id: await decide(meetingId, 'Belysningen vid stationen ses över', [cell]) }
    await chair.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
      text: 'Bostadsbolaget byter armaturer',
      goal: 'Hela gångtunneln upplyst kvällstid',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(21),
    })
    await closeAndApprove(meetingId, chair, [chair, s.t.member.client])
    for (const who of ['chair', 'observer'] as const) {
      const minutes = await (await s.t[who].client.get(`${page}/protokoll`)).text()
      expect(minutes).toContain(`Svarar på: ${label}`)
      expect(minutes).toContain('Operativt mål: Hela gångtunneln upplyst kvällstid')
    }
    const pdf = await readPdf(
      new Uint8Array(await (await chair.get(`${page}/protokoll.pdf`)).arrayBuffer()),
    )
    const flat = pdf.text.replace(/\s+/g, ' ')
    expect(flat).toContain(`Svarar på: ${label}`)
    expect(flat).toContain('Operativt mål: Hela gångtunneln upplyst kvällstid')
  })

  it('adds up in the period analysis: counts before and now, actions, effect, and what is missing', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Parken')
    s.ctx.live.contentChanged(['area'])
    const meetingId = await openMeeting()
    const page = `/moten/${meetingId}`
    const chair = s.t.chair.client
    const { value: cell, label } = cellOf(await (await chair.get(page)).text(), 'Parken')
    const categoryId = cell.split(':')[1]!
    // Three entries in the cell this period, through the entry form (team-wide: every member counts them).
    for (let i = 0; i < 3; i++)
      expect(
        (
          await saveEntry(
            { areaId: area.id, categoryId },
            'Skräp och krossat glas vid lekplatsen på morgonen',
          )
        ).status,
      ).toBe(303)
    const withAction = await decide(meetingId, 'Parken städas oftare', [cell])
    await decide(meetingId, 'Frågan om belysning i parken tas upp igen', [cell])
    await chair.submit(`${page}/beslut/${withAction}/atgarder/ny`, {
      text: 'Parkförvaltningen städar dagligen',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(7),
    })
    const action = await actionOf(withAction)
    await s.t.member.client.submit(
      `/atgarder/${action.id}`,
      { status: 'done' },
      { action: `/atgarder/${action.id}/status` },
    )

    const analysis = async () => {
      const html = await (await s.t.observer.client.get(`/team/${s.t.team.id}/analys`)).text()
      const row = parse(html).querySelector(`#problem-${cell.replace(':', '-')}`)
      return row!.querySelectorAll('th, td').map((c) => c.textContent.replace(/\s+/g, ' ').trim())
    }
    // Closed without a follow-up, and a decision with no action: both stand out.
    let [problem, before, now, , actions] = await analysis()
    expect(problem).toBe(label)
    expect([before, now]).toEqual(['0', '3'])
    expect(actions).toContain('Parkförvaltningen städar dagligen')
    expect(actions).toContain('Avslutad men inte uppföljd')

    await s.t.member.client.submit(
      `/atgarder/${action.id}`,
      { done: 'yes', effect: 'unchanged', reason: 'Städat varje dag, lika mycket glas' },
      { action: `/atgarder/${action.id}/uppfoljning` },
    )
    ;[problem, before, now, , actions] = await analysis()
    expect(actions).toContain('Effekt: Oförändrat')
    expect(actions).not.toContain('Avslutad men inte uppföljd')
  })

  it('shows a problem whose decisions led to no action as such', async () => {
    await anArea(s.ctx.db, s.t.team.id, 'Torget')
    const meetingId = await openMeeting()
    const page = `/moten/${meetingId}`
    const { value: cell } = cellOf(await (await s.t.chair.client.get(page)).text(), 'Torget')
    await decide(meetingId, 'Torget följs till nästa möte', [cell])
    const html = await (await s.t.member.client.get(`/team/${s.t.team.id}/analys`)).text()
    const row = parse(html).querySelector(`#problem-${cell.replace(':', '-')}`)!
    expect(row.textContent).toContain('Ingen åtgärd beslutad')
  })

  it('counts a problem in a sensitive category as "<3" for those who may not know the number', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Skolgården')
    const sensitive = {
      id: await inTransaction(s.ctx.db, (trx) =>
        createCategory(trx, s.t.team.id, {
          name: 'Radikaliseringssignaler',
          isSensitive: true,
          defaultScope: 'team',
        }),
      ),
    }
    // Written beside the door: the app's cached form options hear of them as a change would tell them.
    s.ctx.live.contentChanged(['area', 'category'])
    const meetingId = await openMeeting()
    const cell = `${area.id}:${sensitive.id}`
    await s.t.member.client.submit(
      `/team/${s.t.team.id}/poster/ny`,
      {
        idempotencyKey: crypto.randomUUID(),
        areaId: area.id,
        categoryId: sensitive.id,
        periodFrom: inDays(-2),
        periodTo: inDays(0),
        trend: 'unchanged',
        description: 'Oro för rekrytering kring skolgården på eftermiddagarna',
        scope: 'team',
      },
      { action: `/team/${s.t.team.id}/poster` },
    )
    await decide(meetingId, 'Fältarna är på skolgården efter skoltid', [cell])
    const nowFor = async (who: 'member' | 'observer') => {
      const html = await (await s.t[who].client.get(`/team/${s.t.team.id}/analys`)).text()
      return parse(html)
        .querySelector(`#problem-${cell.replace(':', '-')}`)!
        .querySelectorAll('td')[1]!
        .textContent.trim()
    }
    // The reporting agency knows its own entry; another agency's observer sees only that there are a few.
    expect(await nowFor('member')).toBe('1')
    expect(await nowFor('observer')).toBe('<3')
  })
})
