import { describe, expect, it } from 'vitest'
import { periodContaining } from '../../src/analysis/period'
import { todayInStockholm } from '../../src/i18n/format'
import { aMeeting, anArea, useTeamWithRoles } from '../support/builders'
import { inDays } from '../support/days'

const s = useTeamWithRoles()
const quarter = periodContaining('quarter', todayInStockholm())
const query = `?period=quarter&ar=${quarter.year}&nr=${quarter.number}`

describe('the analysis of a quarter, tertial or year', () => {
  it('shows levels that rose, categories, and the actions per area with the level after them', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Hamnen')
    const first = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: -1 })
    const chair = s.t.chair.client
    const on = (meetingId: string, path: string) => ({ action: `/moten/${meetingId}/${path}` })
    await chair.submit(`/moten/${first}`, {}, on(first, 'oppna'))
    await chair.submit(
      `/moten/${first}`,
      { level: '0', trend: 'unchanged', justification: 'Lugnt i hamnen' },
      on(first, `bedomningar/${area.id}`),
    )
    await chair.submit(
      `/moten/${first}`,
      { text: 'Hamnen ska bli tryggare' },
      { ...on(first, 'beslut'), within: '#beslut' },
    )
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', first)
      .executeTakeFirstOrThrow()
    const created = await chair.submit(`/moten/${first}/beslut/${decision.id}/atgarder/ny`, {
      text: 'Bättre belysning vid kajen',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(14),
      areaId: area.id,
    })
    expect(created.status).toBe(303)
    const second = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    await chair.submit(`/moten/${second}`, {}, on(second, 'oppna'))
    await chair.submit(
      `/moten/${second}`,
      { level: '2', trend: 'increasing', justification: 'Bränder vid kajen' },
      on(second, `bedomningar/${area.id}`),
    )

    const page = await (await s.t.observer.client.get(`/team/${s.t.team.id}/analys${query}`)).text()
    expect(page).toContain(`kvartal ${quarter.number} ${quarter.year}`)
    const levelRow = page.slice(page.indexOf('<th scope="row">Hamnen</th>'))
    expect(levelRow.slice(0, levelRow.indexOf('</tr>'))).toContain('Höjd')
    expect(page).toContain('Bättre belysning vid kajen')
    expect(
      page.slice(page.indexOf('Bättre belysning'), page.indexOf('Bättre belysning') + 400),
    ).toContain('Nivå då → vid periodens slut: Grön → Orange')
  })

  it('lets the coordinator save conclusions (checked), the chair approve, and then freezes the analysis', async () => {
    const form = {
      period: 'quarter',
      ar: String(quarter.year),
      nr: String(quarter.number),
      conclusions: 'Oron har flyttat från centrum till hamnen.',
      priorities: 'Belysning och vuxennärvaro vid kajen.',
    }
    expect((await s.t.member.client.post(`/team/${s.t.team.id}/analyser`, form)).status).toBe(403)
    const writeUp = `/team/${s.t.team.id}/analys${query}`
    const { conclusions, priorities } = form
    const named = await s.t.coordinator.client.submit(
      writeUp,
      { conclusions: 'Ring 070-123 45 67 om hamnen.', priorities },
      { action: `/team/${s.t.team.id}/analyser` },
    )
    expect(named.status).toBe(422)
    expect(await named.text()).toContain('Ring <mark>070-123 45 67</mark> om hamnen.')
    const saved = await s.t.coordinator.client.submit(
      writeUp,
      { conclusions, priorities },
      { action: `/team/${s.t.team.id}/analyser` },
    )
    expect(saved.status).toBe(303)
    const url = saved.headers.get('location')!
    expect(
      (
        await s.t.coordinator.client.submit(
          url,
          { conclusions, priorities: 'Belysning vid kajen först.' },
          { action: url },
        )
      ).status,
    ).toBe(303)
    expect((await s.t.coordinator.client.post(`${url}/godkann`, {})).status).toBe(403)
    expect((await s.t.chair.client.submit(url, {}, { action: `${url}/godkann` })).status).toBe(303)
    expect((await s.t.coordinator.client.post(url, form)).status).toBe(409)
    expect((await s.t.chair.client.post(`${url}/godkann`, {})).status).toBe(409)
    const list = await (await s.t.member.client.get(`/team/${s.t.team.id}/analyser`)).text()
    expect(list).toContain('godkänd')
    const shown = await (await s.t.member.client.get(url)).text()
    expect(shown).toContain('Belysning vid kajen först.')
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'analysis.%')
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual([
      'analysis.approve',
      'analysis.create',
      'analysis.update',
    ])
  })

  it('answers tampered periods with 400 and strangers with 404', async () => {
    for (const q of [
      '?period=vecka',
      '?period=quarter&nr=5',
      '?period=tertial&nr=4',
      '?ar=20x6',
      '?ar=1800',
    ]) {
      expect((await s.t.member.client.get(`/team/${s.t.team.id}/analys${q}`)).status, q).toBe(400)
    }
    expect((await s.t.outsider.client.get(`/team/${s.t.team.id}/analys`)).status).toBe(404)
    expect((await s.t.outsider.client.get(`/team/${s.t.team.id}/analyser`)).status).toBe(404)
    const analysis = await s.ctx.db.selectFrom('analyses').select('id').executeTakeFirstOrThrow()
    expect((await s.t.outsider.client.get(`/analyser/${analysis.id}`)).status).toBe(404)
    expect((await s.t.member.client.get(`/analyser/${crypto.randomUUID()}`)).status).toBe(404)
  })
})
