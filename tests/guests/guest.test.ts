import { describe, expect, it } from 'vitest'
import { parse } from 'node-html-parser'
import { aMeeting, aUser, anAgency, letterMarker, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { optionByLabel } from '../support/form'
import { closeAndApprove } from '../support/minutes-steps'

// A guest for one meeting: invited by the coordinator through the page, sees the meeting as an observer until approval.
const s = useTeamWithRoles()

const signedIn = async (user: { email: string; password: string }) => {
  const client = new TestClient(s.ctx.app)
  await client.login(user.email, user.password)
  return client
}

async function inviteThroughPage(meetingId: string, input: Record<string, string>) {
  const meetingPage = parse(await (await s.t.coordinator.client.get(`/moten/${meetingId}`)).text())
  const link = meetingPage.querySelectorAll('a').find((a) => a.text === 'Gäster med åtkomst')
  expect(link?.getAttribute('href')).toBe(`/moten/${meetingId}/gastinbjudan`)
  return s.t.coordinator.client.submit(`/moten/${meetingId}/gastinbjudan`, input)
}

describe('a guest for one meeting', () => {
  it('an existing user invited by the coordinator sees that meeting only, as an observer, and is told by mail', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 2 })
    const agency = await anAgency(s.ctx.db, {
      name: `Räddningstjänsten ${letterMarker()}`,
      kind: 'rescue',
    })
    const guestUser = await aUser(s.ctx.db, { agencyId: agency.id })
    const invited = await inviteThroughPage(meetingId, { email: guestUser.email.toUpperCase() })
    expect(invited.status).toBe(303)

    const guest = await signedIn(guestUser)
    const start = parse(await (await guest.get('/')).text())
    expect(start.querySelector(`a[href="/moten/${meetingId}"]`)).toBeTruthy()
    const page = await guest.get(`/moten/${meetingId}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Du är gäst på det här mötet')
    // Nothing else of the team: not its page, not its other meetings, no writes.
    expect((await guest.get(`/team/${s.t.team.id}`)).status).toBe(404)
    const other = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 9 })
    expect((await guest.get(`/moten/${other}`)).status).toBe(404)
    expect(
      (
        await guest.post(
          `/moten/${meetingId}/dagordning`,
          { title: 'X', kind: 'other' },
          { forged: true },
        )
      ).status,
    ).toBe(403)
    expect((await guest.get(`/moten/${meetingId}/gastinbjudan`)).status).toBe(403)

    // The mail: team, time, place and link, nothing else.
    const mail = await s.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', guestUser.email)
      .where('template', '=', 'guest_invited')
      .executeTakeFirstOrThrow()
    expect(Object.keys(JSON.parse(mail.params)).sort()).toEqual(['link', 'place', 'team', 'when'])

    // The guest's agency can present an item, and is listed among the meeting's guests (the minutes list them).
    const agenda = await (await s.t.coordinator.client.get(`/moten/${meetingId}`)).text()
    expect(optionByLabel(agenda, 'presenterAgencyId', agency.name)).toBe(agency.id)
    const listed = await s.ctx.db
      .selectFrom('meeting_guests')
      .select('organisation')
      .where('meeting_id', '=', meetingId)
      .execute()
    expect(listed.map((row) => row.organisation)).toContain(agency.name)
  })

  it('invites someone new with name and agency (an invitation to Läget), and asks for them when missing', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 3 })
    const agency = await anAgency(s.ctx.db, { kind: 'leisure' })
    const missing = await inviteThroughPage(meetingId, { email: 'ny.gast@example.se' })
    expect(missing.status).toBe(422)
    const html = await missing.text()
    expect(html).toContain('Ingen har ett konto med den adressen')
    expect(html).toContain('value="ny.gast@example.se"')
    const page = await (await s.t.coordinator.client.get(`/moten/${meetingId}/gastinbjudan`)).text()
    const done = await s.t.coordinator.client.submitOn(page, `/moten/${meetingId}/gastinbjudan`, {
      email: 'ny.gast@example.se',
      name: 'Gunnel Gäst',
      agencyId: optionByLabel(page, 'agencyId', agency.name),
    })
    expect(done.status).toBe(303)
    const user = await s.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'ny.gast@example.se')
      .executeTakeFirstOrThrow()
    expect([user.status, user.agency_id]).toEqual(['invited', agency.id])
    const templates = (
      await s.ctx.db
        .selectFrom('mail_outbox')
        .select('template')
        .where('user_id', '=', user.id)
        .execute()
    ).map((row) => row.template)
    expect(templates.sort()).toEqual(['guest_invited', 'invitation'])
  })

  it('loses access when the minutes are approved, or when the coordinator takes it back', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const guestUser = await aUser(s.ctx.db)
    await inviteThroughPage(meetingId, { email: guestUser.email })
    const guest = await signedIn(guestUser)
    expect((await guest.get(`/moten/${meetingId}`)).status).toBe(200)
    const chair = s.t.chair.client
    expect((await chair.post(`/moten/${meetingId}/oppna`, {}, { forged: true })).status).toBe(303)
    await chair.post(
      `/moten/${meetingId}/narvaro`,
      { [`present-${s.t.chair.agencyId}`]: 'on', [`present-${s.t.member.agencyId}`]: 'on' },
      { forged: true },
    )
    expect(
      (
        await chair.post(
          `/moten/${meetingId}/justerare`,
          { userId: s.t.member.id },
          { forged: true },
        )
      ).status,
    ).toBe(303)
    await closeAndApprove(meetingId, s.t.chair.client, [s.t.chair.client, s.t.member.client])
    expect((await guest.get(`/moten/${meetingId}`)).status).toBe(404)

    const next = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 4 })
    await inviteThroughPage(next, { email: guestUser.email })
    expect((await guest.get(`/moten/${next}`)).status).toBe(200)
    const page = await (await s.t.coordinator.client.get(`/moten/${next}/gastinbjudan`)).text()
    const revoke = readRevokeAction(page)
    expect(
      (
        await s.t.coordinator.client.submitOn(
          page,
          `/moten/${next}/gastinbjudan`,
          {},
          { action: revoke },
        )
      ).status,
    ).toBe(303)
    expect((await guest.get(`/moten/${next}`)).status).toBe(404)
  })

  it('is shown the meeting page an observer is shown (the same sections)', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 1 })
    const guestUser = await aUser(s.ctx.db)
    await inviteThroughPage(meetingId, { email: guestUser.email })
    const guest = await signedIn(guestUser)
    const forGuest = await (await guest.get(`/moten/${meetingId}`)).text()
    const forObserver = await (await s.t.observer.client.get(`/moten/${meetingId}`)).text()
    const main = (html: string) =>
      parse(html).querySelector('#main')?.querySelectorAll('section').length
    expect(main(forGuest)).toBe(main(forObserver))
  })
})

function readRevokeAction(html: string): string {
  const form = parse(html).querySelector('form[action$="/ta-bort"]')
  return form!.getAttribute('action')!
}
