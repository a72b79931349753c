import { inTransaction } from '../support/in-transaction'
import { describe, expect, it } from 'vitest'
import { todayInStockholm } from '../../src/i18n/format'
import { findSeries } from '../../src/meetings/meeting.repository'
import {
  ensureUpcomingMeetings,
  meetingsAhead,
  topUpAllSeries,
} from '../../src/series/series.service'
import { aTeamWithRoles, useTeamWithRoles } from '../support/builders'

const s = useTeamWithRoles()

const seriesForm = (overrides: Record<string, string> = {}) => ({
  title: 'Lägesbildsmöte',
  cadence: 'w1',
  weekday: '2',
  startTime: '09:00',
  durationMinutes: '60',
  firstDay: todayInStockholm(),
  location: 'Stadshuset, rum 3',
  videoLink: '',
  agendaTemplate: 'est',
  ...overrides,
})

const meetingsOf = (seriesId: string) =>
  s.ctx.db
    .selectFrom('meetings')
    .selectAll()
    .where('series_id', '=', seriesId)
    .orderBy('starts_at')
    .execute()

async function createSeriesOverHttp(form = seriesForm()) {
  const response = await s.t.coordinator.client.submit(`/team/${s.t.team.id}/moten/serier/ny`, form)
  expect(response.status).toBe(303)
  return new URL(response.headers.get('location')!, 'http://x').searchParams.get('serie')!
}

describe('POST /team/:teamId/moten/serier', () => {
  it('creates a weekly series with the next 8 meetings, each with the EST agenda, and audits it', async () => {
    const seriesId = await createSeriesOverHttp()
    const meetings = await meetingsOf(seriesId)
    expect(meetings).toHaveLength(meetingsAhead)
    expect(
      meetings.every((m) => m.status === 'planned' && m.location === 'Stadshuset, rum 3'),
    ).toBe(true)
    const agenda = await s.ctx.db
      .selectFrom('agenda_items')
      .selectAll()
      .where('meeting_id', '=', meetings[0]!.id)
      .orderBy('position')
      .execute()
    expect(agenda.map((a) => a.kind)).toEqual([
      'action_follow_up',
      'situation_review',
      'information',
      'other',
      'information',
      'other',
    ])
    expect(agenda.reduce((sum, a) => sum + (a.minutes ?? 0), 0)).toBe(60)
    const event = await s.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('object_id', '=', seriesId)
      .executeTakeFirstOrThrow()
    expect(event.action).toBe('series.create')
  })

  it('refuses bad input with 422, Swedish messages and the form kept', async () => {
    // Typed into the form, and one choice ("daily") no form offers.
    const response = await s.t.coordinator.client.post(
      `/team/${s.t.team.id}/moten/serier`,
      seriesForm({
        firstDay: '2020-01-07',
        startTime: '25:00',
        durationMinutes: '0',
        videoLink: 'http://osäker.example',
        cadence: 'daily',
        title: '',
      }),
      { forged: true },
    )
    expect(response.status).toBe(422)
    const html = await response.text()
    for (const message of [
      'Dagen har redan passerat.',
      'Skriv en tid som 09:00.',
      'Skriv längden i hela minuter, 5–600.',
      'Skriv en fullständig länk som börjar med https://.',
      'Välj ett av alternativen.',
      'Fyll i fältet.',
    ]) {
      expect(html).toContain(message)
    }
    expect(html).toContain('value="http://osäker.example"')
    expect(html).toContain('value="25:00"')
  })

  it('is for the coordinator only: 403 for the other roles, 404 for a non-member', async () => {
    for (const role of ['chair', 'member', 'observer'] as const) {
      expect(
        (await s.t[role].client.post(`/team/${s.t.team.id}/moten/serier`, seriesForm())).status,
        role,
      ).toBe(403)
      expect(
        (await s.t[role].client.get(`/team/${s.t.team.id}/moten/serier/ny`)).status,
        role,
      ).toBe(403)
    }
    expect(
      (await s.t.outsider.client.post(`/team/${s.t.team.id}/moten/serier`, seriesForm())).status,
    ).toBe(404)
    expect((await s.t.outsider.client.get(`/team/${s.t.team.id}/moten`)).status).toBe(404)
  })

  it('generates every other week and keeps 8 ahead when topped up, without duplicates', async () => {
    const seriesId = await createSeriesOverHttp(seriesForm({ cadence: 'w2', weekday: '4' }))
    const series = (await findSeries(s.ctx.db, s.t.team.id, seriesId))!
    const days = (await meetingsOf(seriesId)).map((m) => m.series_day!)
    for (let i = 1; i < days.length; i++)
      expect((Date.parse(days[i]!) - Date.parse(days[i - 1]!)) / 86_400_000).toBe(14)
    expect(await inTransaction(s.ctx.db, (trx) => ensureUpcomingMeetings(trx, series))).toBe(0)
    expect(await topUpAllSeries({ db: s.ctx.db })).toBe(0)
    // three weeks on, the series has generated further ahead
    const later = new Date(Date.now() + 21 * 86_400_000)
    expect(
      await inTransaction(s.ctx.db, (trx) => ensureUpcomingMeetings(trx, series, later)),
    ).toBeGreaterThan(0)
  })
})

describe('POST /team/:teamId/moten/serier/:seriesId', () => {
  it('moves future unstarted meetings to the new rule, leaves moved ones alone, cancels called ones the rule drops', async () => {
    const seriesId = await createSeriesOverHttp(seriesForm({ weekday: '2' }))
    const [first, second, third] = await meetingsOf(seriesId)
    await s.ctx.db
      .updateTable('meetings')
      .set({ status: 'called', called_at: new Date().toISOString() })
      .where('id', '=', second!.id)
      .execute()
    await s.ctx.db
      .updateTable('meetings')
      .set({ is_moved: 1 })
      .where('id', '=', third!.id)
      .execute()

    // The edit form has no agenda template: it applies to meetings not yet made.
    const { agendaTemplate: _template, ...edited } = seriesForm({
      weekday: '3',
      startTime: '13:30',
      location: 'Polishuset',
    })
    const response = await s.t.coordinator.client.submit(
      `/team/${s.t.team.id}/moten/serier/${seriesId}`,
      { ...edited, firstDay: first!.series_day! },
    )
    expect(response.status).toBe(303)
    const after = await meetingsOf(seriesId)
    expect(after.find((m) => m.id === first!.id)).toBeUndefined()
    expect(after.find((m) => m.id === second!.id)!.status).toBe('cancelled')
    expect(after.find((m) => m.id === third!.id)!.starts_at).toBe(third!.starts_at)
    const wednesdays = after.filter((m) => m.status === 'planned' && !m.is_moved)
    expect(wednesdays.length).toBe(meetingsAhead)
    expect(
      wednesdays.every(
        (m) =>
          new Date(`${m.series_day}T12:00:00Z`).getUTCDay() === 3 && m.location === 'Polishuset',
      ),
    ).toBe(true)
  })

  it('answers 404 for a series of another team', async () => {
    const other = await aTeamWithRoles(s.ctx.db, s.ctx.app)
    const seriesId = await createSeriesOverHttp()
    expect(
      (await other.coordinator.client.get(`/team/${other.team.id}/moten/serier/${seriesId}`))
        .status,
    ).toBe(404)
  })
})
