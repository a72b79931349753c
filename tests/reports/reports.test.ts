import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { anArea, aUser, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { inDays } from '../support/days'
import { optionByLabel } from '../support/form'
import { generatedCoordinationNumber } from '../support/generated-numbers'
import { renderMail } from '../../src/mail/sender'

const s = useTeamWithRoles()

const signedIn = async (user: { email: string; password: string }) => {
  const client = new TestClient(s.ctx.app)
  await client.login(user.email, user.password)
  return client
}

/** The coordinator seats a person as reporter, picking them by name on the reporters page. */
async function seat(name: string) {
  const page = `/team/${s.t.team.id}/rapportorer`
  const html = await (await s.t.coordinator.client.get(page)).text()
  const response = await s.t.coordinator.client.submit(
    page,
    { userId: optionByLabel(html, 'userId', name) },
    { action: page },
  )
  expect(response.status).toBe(303)
}

/** A report sent as a reporter sends it: the form on /rapportera, picked by its labels. */
async function sendReport(
  reporter: TestClient,
  fields: { area: string; description: string; scope: 'own' | 'team' },
) {
  const html = await (await reporter.get('/rapportera')).text()
  return reporter.submitOn(
    html,
    '/rapportera',
    {
      areaId: optionByLabel(html, 'areaId', fields.area),
      categoryId: optionByLabel(html, 'categoryId', 'Skadegörelse'),
      observedOn: inDays(-1),
      eventCount: '2',
      trend: 'increasing',
      description: fields.description,
      scope: fields.scope,
    },
    { action: '/rapportera' },
  )
}

const reportIdOf = async (description: string) =>
  (
    await s.ctx.db
      .selectFrom('situation_reports')
      .select('id')
      .where('description', '=', description)
      .executeTakeFirstOrThrow()
  ).id

const inboxOf = async (client: TestClient) =>
  parse(await (await client.get(`/team/${s.t.team.id}/rapporter`)).text())

describe('reports from outside the team', () => {
  it('go from a reporter’s short form through the agency’s inbox into the picture, or back with a reason', async () => {
    await anArea(s.ctx.db, s.t.team.id, 'Gångtunneln')
    const teamName = s.t.team.name
    s.ctx.live.contentChanged(['area'])
    const reporterUser = await aUser(s.ctx.db, {
      agencyId: s.t.member.agencyId,
      name: 'Rut Rapportör',
    })
    await seat('Rut Rapportör')
    const reporter = await signedIn(reporterUser)
    expect(await (await reporter.get('/')).text()).toContain('href="/rapportera"')

    // A name-like number is stopped, with the text kept.
    const number = generatedCoordinationNumber('080271234')
    const refused = await sendReport(reporter, {
      area: 'Gångtunneln',
      description: `Ungdom med ${number} samlas här`,
      scope: 'own',
    })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain(`Ungdom med ${number} samlas här`)

    const texts = {
      own: 'Krossade lampor i gångtunneln',
      team: 'Klotter på tunnelns väggar',
      back: 'Nedskräpning vid tunnelns norra uppgång',
    }
    for (const [scope, description] of [
      ['own', texts.own],
      ['team', texts.team],
      ['team', texts.back],
    ] as const)
      expect((await sendReport(reporter, { area: 'Gångtunneln', description, scope })).status).toBe(
        303,
      )
    const mine = await (await reporter.get('/rapportera')).text()
    expect(mine).toContain(texts.own)
    expect(mine.match(/Skickad, väntar/g)).toHaveLength(3)

    // The reporter sees nothing of the team.
    for (const path of ['', '/rapporter', '/poster', '/lagesbild'])
      expect((await reporter.get(`/team/${s.t.team.id}${path}`)).status, path).toBe(404)

    // Each reads the inbox as their seat and agency allow.
    const [own, team, back] = await Promise.all(Object.values(texts).map(reportIdOf))
    const memberInbox = await inboxOf(s.t.member.client)
    for (const text of Object.values(texts)) expect(memberInbox.textContent).toContain(text)
    expect(memberInbox.textContent).toContain('Rut Rapportör')
    const coordinatorInbox = await inboxOf(s.t.coordinator.client)
    expect(coordinatorInbox.textContent).toContain(texts.team)
    expect(coordinatorInbox.textContent).not.toContain(texts.own)
    expect(coordinatorInbox.querySelector(`#rapport-${own} form`)).toBeNull()
    const chairInbox = await inboxOf(s.t.chair.client)
    expect(chairInbox.querySelectorAll('li.card')).toHaveLength(0)
    expect((await s.t.observer.client.get(`/team/${s.t.team.id}/rapporter`)).status).toBe(403)
    // Handling by guessed address: refused to those who do not see the report whole.
    for (const [client, id] of [
      [s.t.chair.client, team],
      [s.t.coordinator.client, own],
    ] as const)
      expect((await client.post(`/team/${s.t.team.id}/rapporter/${id}/ta-med`, {})).status).toBe(
        403,
      )

    // Included: it becomes an entry of the reporter's agency and counts in the picture.
    const cellsBefore = await sharedEntries()
    const inbox = `/team/${s.t.team.id}/rapporter`
    for (const id of [team, own])
      expect(
        (await s.t.member.client.submit(inbox, {}, { action: `${inbox}/${id}/ta-med` })).status,
      ).toBe(303)
    expect(await sharedEntries()).toBe(cellsBefore + 1)
    const entries = await s.ctx.db
      .selectFrom('situation_entries')
      .select(['scope', 'source_agency_id', 'description'])
      .where('description', 'in', [texts.own, texts.team])
      .orderBy('description')
      .execute()
    expect(entries).toEqual([
      { scope: 'team', source_agency_id: s.t.member.agencyId, description: texts.team },
      { scope: 'own', source_agency_id: s.t.member.agencyId, description: texts.own },
    ])
    expect((await s.t.member.client.post(`${inbox}/${team}/ta-med`, {})).status).toBe(409)

    // Returned, with a reason the reporter reads.
    const empty = await s.t.coordinator.client.submit(
      inbox,
      { reason: '' },
      { action: `${inbox}/${back}/returnera` },
    )
    expect(empty.status).toBe(422)
    expect(
      (
        await s.t.coordinator.client.submit(
          inbox,
          { reason: 'Hör till kommunens felanmälan' },
          { action: `${inbox}/${back}/returnera` },
        )
      ).status,
    ).toBe(303)
    const after = await (await reporter.get('/rapportera')).text()
    expect(after.match(/Med i lägesbilden/g)).toHaveLength(2)
    expect(after).toContain('Hör till kommunens felanmälan')
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', 'in', [own!, team!, back!])
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual([
      'report.create',
      'report.create',
      'report.create',
      'report.include',
      'report.include',
      'report.return',
    ])

    // The reporter hears of each outcome by mail: the team and the outcome, never the text or reason.
    const mails = await s.ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('user_id', '=', reporterUser.id)
      .where('template', '=', 'report_handled')
      .execute()
    const rendered = mails.map((mail) => renderMail(mail))
    expect(rendered.map((mail) => mail.subject).sort()).toEqual([
      `Din rapport till ${teamName}: Med i lägesbilden`,
      `Din rapport till ${teamName}: Med i lägesbilden`,
      `Din rapport till ${teamName}: Returnerad`,
    ])
    for (const mail of rendered) {
      expect(mail.text).toContain('/rapportera')
      for (const text of [...Object.values(texts), 'Hör till kommunens felanmälan'])
        expect(mail.text).not.toContain(text)
    }

    // Two includes of one report at the same moment: one entry, the other told it is handled.
    const sameTime = 'Tomma flaskor vid tunnelns södra uppgång'
    await sendReport(reporter, { area: 'Gångtunneln', description: sameTime, scope: 'team' })
    const twice = await reportIdOf(sameTime)
    const both = await Promise.all(
      [1, 2].map(() => s.t.member.client.post(`${inbox}/${twice}/ta-med`, {})),
    )
    expect(both.map((r) => r.status).sort()).toEqual([303, 409])

    // Another reporter sees none of these; an ended seat ends the form.
    const otherUser = await aUser(s.ctx.db, { agencyId: s.t.chair.agencyId, name: 'Olle Väktare' })
    await seat('Olle Väktare')
    const other = await signedIn(otherUser)
    const theirs = await (await other.get('/rapportera')).text()
    for (const text of Object.values(texts)) expect(theirs).not.toContain(text)
    const seats = await s.ctx.db
      .selectFrom('team_reporters')
      .select('id')
      .where('user_id', '=', reporterUser.id)
      .executeTakeFirstOrThrow()
    const seatsPage = `/team/${s.t.team.id}/rapportorer`
    expect(
      (
        await s.t.coordinator.client.submit(
          seatsPage,
          {},
          { action: `${seatsPage}/${seats.id}/avsluta` },
        )
      ).status,
    ).toBe(303)
    expect(await (await reporter.get('/rapportera')).text()).toContain(
      'Du är inte rapportör i något team just nu.',
    )
    const late = await reporter.post('/rapportera', {
      teamId: s.t.team.id,
      idempotencyKey: crypto.randomUUID(),
      description: 'Sent',
    })
    expect(late.status).toBe(403)
  })
})

const sharedEntries = async () =>
  Number(
    (
      await s.ctx.db
        .selectFrom('situation_cells')
        .select((eb) => eb.fn.sum<number>('shared_entries').as('n'))
        .where('team_id', '=', s.t.team.id)
        .executeTakeFirstOrThrow()
    ).n ?? 0,
  )
