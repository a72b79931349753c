import { describe, expect, it } from 'vitest'
import { aMeeting, aUser, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { inDays } from '../support/days'
import { generatedCoordinationNumber } from '../support/generated-numbers'

const s = useTeamWithRoles()

const count = async (
  table: 'decisions' | 'agenda_items' | 'action_progress_notes' | 'meeting_guests',
  meetingId?: string,
) =>
  Number(
    (
      await (
        meetingId && table !== 'action_progress_notes'
          ? s.ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('meeting_id', '=', meetingId)
          : s.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
      ).executeTakeFirstOrThrow()
    ).n,
  )

/** A decision typed into the meeting page's Beslut form, as the chair does. */
const decide = (text: string, meetingId: string) =>
  s.t.chair.client.submit(
    `/moten/${meetingId}`,
    { text },
    { action: `/moten/${meetingId}/beslut`, within: '#beslut' },
  )

/** An action typed into the form under a decision. */
const newAction = (meetingId: string, decisionId: string, input: Record<string, string>) =>
  s.t.chair.client.submit(`/moten/${meetingId}/beslut/${decisionId}/atgarder/ny`, input)

describe('the personal-data check on save', () => {
  it('refuses a decision naming a person with a number, keeps the text, marks the finding, saves nothing', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const number = generatedCoordinationNumber()
    const text = `Kontakta Ahmed Karimi (${number}) om bostaden`
    const response = await decide({ text }.text, meetingId)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Texten verkar innehålla uppgifter om en person')
    expect(html).toContain(`<mark>${number}</mark>`)
    expect(html).toContain('<mark>Ahmed</mark>')
    expect(html).toContain(`>${text}</textarea>`)
    expect(await count('decisions', meetingId)).toBe(0)
    const logged = await s.ctx.db.selectFrom('audit_events').select('details').execute()
    expect(logged.some((row) => row.details.includes(number))).toBe(false)
  })

  it('refuses a name in a meeting series title, which every meeting would carry', async () => {
    const before = await s.ctx.db.selectFrom('meeting_series').select('id').execute()
    const form = {
      title: 'Möte om Hassan Ali',
      cadence: 'w1',
      weekday: '2',
      startTime: '09:00',
      durationMinutes: '60',
      firstDay: inDays(0),
      agendaTemplate: 'est',
    }
    const response = await s.t.coordinator.client.submit(
      `/team/${s.t.team.id}/moten/serier/ny`,
      form,
    )
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('<mark>Hassan</mark>')
    expect(await s.ctx.db.selectFrom('meeting_series').select('id').execute()).toHaveLength(
      before.length,
    )
  })

  it('tells what to write instead, and offers a place name to the coordinator, who can add it from the link', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const note = { title: 'Information', kind: 'information', notes: 'Oro vid Ronna på kvällarna' }
    const asCoordinator = await s.t.coordinator.client.submit(`/moten/${meetingId}`, note, {
      action: `/moten/${meetingId}/dagordning`,
    })
    expect(asCoordinator.status).toBe(422)
    const html = await asCoordinator.text()
    expect(html).toContain('Namn: skriv i stället till exempel')
    const link = `/team/${s.t.team.id}/platser?namn=Ronna#name`
    expect(html).toContain(`href="${link}"`)
    const places = await (await s.t.coordinator.client.get(link.replace('#name', ''))).text()
    expect(places).toMatch(/name="name"[^>]*value="Ronna"|value="Ronna"[^>]*name="name"/)
    // Anyone else (here the chair) is told to ask the coordinator, with no link to a page they cannot use.
    const asChair = await decide('Trygghetsvandring vid Ronna på kvällarna', meetingId)
    expect(asChair.status).toBe(422)
    const memberHtml = await asChair.text()
    expect(memberHtml).toContain('Be samordnaren lägga till det')
    expect(memberHtml).not.toContain('platser?namn=')
  })

  it('refuses a phone number in an agenda note, also as an htmx fragment', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id)
    const before = await count('agenda_items', meetingId)
    const response = await s.t.coordinator.client.submit(
      `/moten/${meetingId}`,
      { title: 'Information', kind: 'information', notes: 'Ring 070-123 45 67 före mötet' },
      { action: `/moten/${meetingId}/dagordning`, headers: { 'hx-request': 'true' } },
    )
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('<mark>070-123 45 67</mark>')
    expect(html.startsWith('<section id="dagordning"')).toBe(true)
    expect(await count('agenda_items', meetingId)).toBe(before)
  })

  it('refuses names in guests, actions, progress notes and addenda', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect(
      (
        await s.t.chair.client.submit(
          `/moten/${meetingId}`,
          { organisation: 'Fatima Yilmaz' },
          { action: `/moten/${meetingId}/gaster` },
        )
      ).status,
    ).toBe(422)
    await decide({ text: 'Mer vuxennärvaro' }.text, meetingId)
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    const due = inDays(7)
    const action = await newAction(meetingId, decision.id, {
      text: 'Prata med Mikael Lindqvist',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: due,
    })
    expect(action.status).toBe(422)
    expect(await action.text()).toContain('<mark>Mikael</mark>')
    await newAction(meetingId, decision.id, {
      text: 'Fältarna går kvällsrundan',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: due,
    })
    const actionId = (
      await s.ctx.db
        .selectFrom('actions')
        .select('id')
        .where('decision_id', '=', decision.id)
        .executeTakeFirstOrThrow()
    ).id
    const notes = await count('action_progress_notes')
    expect(
      (
        await s.t.member.client.submit(
          `/atgarder/${actionId}`,
          { text: 'Mejlat ung.person@example.se' },
          { action: `/atgarder/${actionId}/anteckningar` },
        )
      ).status,
    ).toBe(422)
    expect(await count('action_progress_notes')).toBe(notes)
  })

  it('lets place names the coordinator allowed through; only the coordinator keeps the list', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect((await decide({ text: 'Klotter vid Nils Ferlins staty' }.text, meetingId)).status).toBe(
      422,
    )
    expect(
      (await s.t.member.client.post(`/team/${s.t.team.id}/platser`, { name: 'Nils Ferlins staty' }))
        .status,
    ).toBe(403)
    expect((await s.t.outsider.client.get(`/team/${s.t.team.id}/platser`)).status).toBe(404)
    expect(
      (
        await s.t.coordinator.client.submit(`/team/${s.t.team.id}/platser`, {
          name: 'Nils Ferlins staty',
        })
      ).status,
    ).toBe(303)
    expect(
      (
        await s.t.coordinator.client.submit(`/team/${s.t.team.id}/platser`, {
          name: 'nils ferlins staty',
        })
      ).status,
    ).toBe(422)
    expect((await decide({ text: 'Klotter vid Nils Ferlins staty' }.text, meetingId)).status).toBe(
      303,
    )
    // Only the allowed place: a person's name beside it is still stopped.
    expect(
      (await decide({ text: 'Lars Nilsson sågs vid Nils Ferlins staty' }.text, meetingId)).status,
    ).toBe(422)
    // Whole words only: an allowed "Lund" does not let a surname that starts with it through.
    await s.t.coordinator.client.submit(`/team/${s.t.team.id}/platser`, { name: 'Lund' })
    expect((await decide('Möte i Lund om läget', meetingId)).status).toBe(303)
    expect((await decide('Per Lundqvist hörde av sig', meetingId)).status).toBe(422)
  })

  it("lets the team's own area names through even when they contain names, from the moment the administrator adds one", async () => {
    const meetingId0 = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect(
      (await decide({ text: 'Extra belysning vid Evert Taubes terrass' }.text, meetingId0)).status,
    ).toBe(422)
    const admin = await aUser(s.ctx.db, { isAdmin: true })
    const adminClient = new TestClient(s.ctx.app)
    await adminClient.login(admin.email, admin.password)
    const page = `/admin/team/${s.t.team.id}`
    expect(
      (
        await adminClient.submit(
          page,
          { name: 'Evert Taubes terrass' },
          { action: `${page}/omraden` },
        )
      ).status,
    ).toBe(303)
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    expect(
      (await decide({ text: 'Extra belysning vid Evert Taubes terrass' }.text, meetingId)).status,
    ).toBe(303)
  })
})
