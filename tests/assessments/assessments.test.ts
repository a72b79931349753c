import { describe, expect, it } from 'vitest'
import { aMeeting, anArea, aTeam, useTeamWithRoles } from '../support/builders'

const s = useTeamWithRoles()

async function openMeeting(startsInDays = 0) {
  const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays })
  expect(
    (
      await s.t.chair.client.submit(
        `/moten/${meetingId}`,
        {},
        { action: `/moten/${meetingId}/oppna` },
      )
    ).status,
  ).toBe(303)
  return meetingId
}

/** The chair fills the area's assessment form on the meeting page. */
const assess = (meetingId: string, areaId: string, form: Record<string, string>) =>
  s.t.chair.client.submit(`/moten/${meetingId}`, form, {
    action: `/moten/${meetingId}/bedomningar/${areaId}`,
  })

/** A request no form offers: a level off the scale, a tampered trend, another team's area, a frozen meeting. */
const assessForged = (meetingId: string, areaId: string, form: Record<string, string>) =>
  s.t.chair.client.post(`/moten/${meetingId}/bedomningar/${areaId}`, form, { forged: true })

const confirmUnchanged = (meetingId: string) =>
  s.t.chair.client.submit(`/moten/${meetingId}`, {}, { action: `/moten/${meetingId}/bedomningar` })

describe('area assessments in the meeting', () => {
  it('sets a level per area, shows the previous one beside it, and confirms unchanged areas in one action', async () => {
    const centre = await anArea(s.ctx.db, s.t.team.id, 'Torget')
    const park = await anArea(s.ctx.db, s.t.team.id, 'Parken')
    const first = await openMeeting(-14)
    expect(
      (
        await assess(first, centre.id, {
          level: '2',
          trend: 'increasing',
          justification: 'Fler samlingar vid torget kvällstid',
        })
      ).status,
    ).toBe(303)
    expect(
      (
        await assess(first, park.id, {
          level: '0',
          trend: 'unchanged',
          justification: 'Lugnt i parken',
        })
      ).status,
    ).toBe(303)
    // A correction replaces the meeting's assessment of the area.
    expect(
      (
        await assess(first, park.id, {
          level: '1',
          trend: 'increasing',
          justification: 'Något fler ärenden i parken',
        })
      ).status,
    ).toBe(303)
    expect(
      await s.ctx.db
        .selectFrom('area_assessments')
        .select('level')
        .where('meeting_id', '=', first)
        .where('area_id', '=', park.id)
        .execute(),
    ).toEqual([{ level: 1 }])

    const second = await openMeeting(0)
    const page = await (await s.t.member.client.get(`/moten/${second}`)).text()
    expect(page).toContain('Fler samlingar vid torget kvällstid')
    expect(page).toContain('<span class="level level--3">Orange</span>')
    expect(
      (
        await assess(second, centre.id, {
          level: '3',
          trend: 'increasing',
          justification: 'Bråk vid torget två kvällar',
        })
      ).status,
    ).toBe(303)
    expect((await confirmUnchanged(second)).status).toBe(303)
    const rows = await s.ctx.db
      .selectFrom('area_assessments')
      .select(['area_id', 'level', 'trend', 'justification'])
      .where('meeting_id', '=', second)
      .execute()
    expect(rows).toContainEqual({
      area_id: centre.id,
      level: 3,
      trend: 'increasing',
      justification: 'Bråk vid torget två kvällar',
    })
    expect(rows).toContainEqual({
      area_id: park.id,
      level: 1,
      trend: 'unchanged',
      justification: 'Något fler ärenden i parken',
    })
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'assessment.%')
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(5)
  })

  it('refuses levels off the scale, tampered trends, personal data, and areas of another team', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id)
    const meetingId = await openMeeting()
    for (const form of [
      { level: '4', trend: 'unchanged', justification: 'Utanför skalan' },
      { level: '-1', trend: 'unchanged', justification: 'Negativ' },
      { level: '1', trend: 'exploderande', justification: 'Fel trend' },
      { level: '1', trend: 'unchanged', justification: '' },
      { level: '1', trend: 'unchanged', justification: 'Ring 070-123 45 67 om torget' },
    ]) {
      const typed = form.level === '1' && form.trend === 'unchanged'
      const response = typed
        ? await assess(meetingId, area.id, form)
        : await assessForged(meetingId, area.id, form)
      expect(response.status, JSON.stringify(form)).toBe(422)
      if (form.justification)
        expect(await response.text()).toContain(
          form.justification
            .replace('070-123 45 67', '<mark>070-123 45 67</mark>')
            .split('<mark>')[0],
        )
    }
    const foreign = await anArea(s.ctx.db, (await aTeam(s.ctx.db)).id)
    expect(
      (
        await assessForged(meetingId, foreign.id, {
          level: '1',
          trend: 'unchanged',
          justification: 'Annat team',
        })
      ).status,
    ).toBe(404)
    expect(
      await s.ctx.db
        .selectFrom('area_assessments')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .execute(),
    ).toEqual([])
  })

  it('is part of the minutes and frozen with them', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Stationen')
    const meetingId = await openMeeting()
    await assess(meetingId, area.id, {
      level: '3',
      trend: 'increasing',
      justification: 'Upprepade incidenter vid stationen',
    })
    const page = `/moten/${meetingId}`
    await s.t.chair.client.submit(
      page,
      { [`present-${s.t.member.agencyId}`]: true },
      { action: `${page}/narvaro` },
    )
    expect(
      (
        await s.t.chair.client.submit(
          page,
          { userId: s.t.member.id },
          { action: `${page}/justerare` },
        )
      ).status,
    ).toBe(303)
    await s.t.chair.client.submit(page, {}, { action: `${page}/stang` })
    const minutes = await (await s.t.observer.client.get(`/moten/${meetingId}/protokoll`)).text()
    expect(minutes).toContain(
      '<td>Stationen</td><td><span class="level level--5">Röd</span></td><td>Ökande</td><td>Upprepade incidenter vid stationen</td>',
    )
    expect(
      (
        await s.t.chair.client.submit(
          `${page}/protokoll`,
          {},
          { action: `${page}/protokoll/justera` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await s.t.member.client.submit(
          `${page}/protokoll`,
          {},
          { action: `${page}/protokoll/justera` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await assessForged(meetingId, area.id, {
          level: '0',
          trend: 'decreasing',
          justification: 'Ändrat i efterhand',
        })
      ).status,
    ).toBe(409)
    expect((await s.t.chair.client.post(`/moten/${meetingId}/bedomningar`, {})).status).toBe(409)
  })

  it('follows the team’s own scale', async () => {
    await s.ctx.db
      .updateTable('teams')
      .set({ assessment_scale: JSON.stringify(['Normal', 'Förhöjd', 'Allvarlig']) })
      .where('id', '=', s.t.team.id)
      .execute()
    const area = await anArea(s.ctx.db, s.t.team.id)
    const meetingId = await openMeeting()
    expect(
      (
        await assessForged(meetingId, area.id, {
          level: '3',
          trend: 'unchanged',
          justification: 'Finns inte',
        })
      ).status,
    ).toBe(422)
    expect(
      (
        await assess(meetingId, area.id, {
          level: '2',
          trend: 'unchanged',
          justification: 'Allvarligt läge',
        })
      ).status,
    ).toBe(303)
    expect(await (await s.t.member.client.get(`/moten/${meetingId}`)).text()).toContain(
      '<span class="level level--5">Allvarlig</span>',
    )
    await s.ctx.db
      .updateTable('teams')
      .set({ assessment_scale: JSON.stringify(['Grön', 'Gul', 'Orange', 'Röd']) })
      .where('id', '=', s.t.team.id)
      .execute()
  })
})
