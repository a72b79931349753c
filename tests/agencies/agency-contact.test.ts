import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'node-html-parser'
import { todayInStockholm } from '../../src/i18n/format'
import { mailMandatesEnding } from '../../src/mail/representatives'
import { anAgency, aMembership, aTeam, aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { inDays } from '../support/days'
import { optionByLabel } from '../support/form'
import type { MailTemplate } from '../../src/mail/mail.table'
import { createTestContext, type TestContext } from '../support/test-context'

// The agency's contact keeps its people and its seats; the coordinator is told.
let ctx: TestContext
let admin: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  const adminUser = await aUser(ctx.db, { isAdmin: true })
  admin = new TestClient(ctx.app)
  await admin.login(adminUser.email, adminUser.password)
})
afterAll(async () => ctx?.destroy())

const signedIn = async (user: { email: string; password: string }) => {
  const client = new TestClient(ctx.app)
  await client.login(user.email, user.password)
  return client
}

/** An agency with a contact (made so by the admin, through the user form), a team it has a seat in, and the team's coordinator. */
async function anAgencyWithContact() {
  const agency = await anAgency(ctx.db, { kind: 'social_services' })
  const contactUser = await aUser(ctx.db, { agencyId: agency.id, name: 'Kim Kontakt' })
  const userPage = await (await admin.get(`/admin/anvandare/${contactUser.id}`)).text()
  expect(userPage).toContain('name="isAgencyContact"')
  const saved = await admin.submit(
    `/admin/anvandare/${contactUser.id}`,
    { name: 'Kim Kontakt', agencyId: agency.id, isAgencyContact: true },
    { action: `/admin/anvandare/${contactUser.id}` },
  )
  expect(saved.status).toBe(303)
  const team = await aTeam(ctx.db)
  const seated = await aUser(ctx.db, { agencyId: agency.id, name: 'Sam Sittande' })
  const seat = await aMembership(ctx.db, team.id, seated.id, 'member')
  const coordinator = await aUser(ctx.db)
  await aMembership(ctx.db, team.id, coordinator.id, 'coordinator')
  return {
    agency,
    contactUser,
    contact: await signedIn(contactUser),
    team,
    seated,
    seat,
    coordinator,
  }
}

const outbox = (template: MailTemplate, to: string) =>
  ctx.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('template', '=', template)
    .where('to_address', '=', to)
    .execute()

describe('the agency’s contact', () => {
  it('reaches Min aktör from the navigation; others are refused', async () => {
    const { contact } = await anAgencyWithContact()
    const start = parse(await (await contact.get('/')).text())
    expect(start.querySelector('a[href="/aktor"]')?.text).toBe('Min aktör')
    expect((await contact.get('/aktor')).status).toBe(200)
    const plain = await signedIn(await aUser(ctx.db))
    expect((await plain.get('/aktor')).status).toBe(403)
    expect(
      (await plain.post('/aktor/personer', { name: 'X', email: 'x@example.se' }, { forged: true }))
        .status,
    ).toBe(403)
  })

  it('invites a person of their own agency through the form: the account is made, the link mailed and shown once', async () => {
    const { agency, contact } = await anAgencyWithContact()
    const invited = await contact.submit(
      '/aktor',
      { name: 'Nora Ny', email: 'nora.ny@example.se' },
      { action: '/aktor/personer' },
    )
    expect(invited.status).toBe(303)
    const page = await (await contact.get(invited.headers.get('location')!)).text()
    expect(page).toContain('id="one-time-link"')
    const user = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'nora.ny@example.se')
      .executeTakeFirstOrThrow()
    expect(user.agency_id).toBe(agency.id)
    expect(user.status).toBe('invited')
    expect(await outbox('invitation', 'nora.ny@example.se')).toHaveLength(1)

    const taken = await contact.submit(
      '/aktor',
      { name: 'Nora Igen', email: 'nora.ny@example.se' },
      { action: '/aktor/personer' },
    )
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('value="Nora Igen"')
  })

  it('keeps the details of their own people, but not of accounts with installation roles nor of other agencies', async () => {
    const { agency, contact, seated } = await anAgencyWithContact()
    const saved = await contact.submit(`/aktor/personer/${seated.id}`, {
      name: 'Sam Bytt Namn',
      email: 'sam.ny.adress@example.se',
    })
    expect(saved.status).toBe(303)
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', seated.id)
      .executeTakeFirstOrThrow()
    expect([row.name, row.email]).toEqual(['Sam Bytt Namn', 'sam.ny.adress@example.se'])

    const reviewer = await aUser(ctx.db, { agencyId: agency.id, isLogReviewer: true })
    const reviewerPage = await (await contact.get(`/aktor/personer/${reviewer.id}`)).text()
    expect(reviewerPage).not.toContain('name="email"')
    expect(
      (
        await contact.post(
          `/aktor/personer/${reviewer.id}`,
          { name: 'X', email: 'kapad@example.se' },
          { forged: true },
        )
      ).status,
    ).toBe(403)
    const stranger = await aUser(ctx.db)
    expect((await contact.get(`/aktor/personer/${stranger.id}`)).status).toBe(404)
  })

  it('names a representative in a team the agency sits in; the coordinator is mailed and sees who named them', async () => {
    const { agency, contact, team, coordinator } = await anAgencyWithContact()
    const newcomer = await aUser(ctx.db, { agencyId: agency.id, name: 'Vera Vikarie' })
    const page = await (await contact.get('/aktor')).text()
    const named = await contact.submitOn(
      page,
      '/aktor',
      { userId: optionByLabel(page, 'userId', 'Vera Vikarie'), role: 'member', endsOn: inDays(60) },
      { action: `/aktor/team/${team.id}/platser` },
    )
    expect(named.status).toBe(303)
    const membership = await ctx.db
      .selectFrom('team_memberships')
      .selectAll()
      .where('team_id', '=', team.id)
      .where('user_id', '=', newcomer.id)
      .executeTakeFirstOrThrow()
    expect(membership.role).toBe('member')
    expect(membership.named_by_contact_at).not.toBeNull()
    const mails = await outbox('representatives_changed', coordinator.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.params).toContain(`/team/${team.id}/medlemmar`)
    const members = await (await signedIn(coordinator)).get(`/team/${team.id}/medlemmar`)
    expect(await members.text()).toContain('utsedd av aktörens kontaktperson')

    // Someone of another agency, a team without the agency, a last day in the past: refused.
    const other = await aUser(ctx.db)
    const wrongPerson = await contact.post(
      `/aktor/team/${team.id}/platser`,
      { userId: other.id, role: 'member', endsOn: '' },
      { forged: true },
    )
    expect(wrongPerson.status).toBe(422)
    const elsewhere = await aTeam(ctx.db)
    expect(
      (
        await contact.post(
          `/aktor/team/${elsewhere.id}/platser`,
          { userId: newcomer.id, role: 'member', endsOn: '' },
          { forged: true },
        )
      ).status,
    ).toBe(404)
    const coordinatorRole = await contact.post(
      `/aktor/team/${team.id}/platser`,
      { userId: newcomer.id, role: 'coordinator', endsOn: '' },
      { forged: true },
    )
    expect(coordinatorRole.status).toBe(422)
  })

  it('ends a representative’s seat today, never a coordinator’s', async () => {
    const { agency, contact, team, seat } = await anAgencyWithContact()
    const ended = await contact.submit(
      '/aktor',
      {},
      { action: `/aktor/team/${team.id}/platser/${seat}/avsluta` },
    )
    expect(ended.status).toBe(303)
    const row = await ctx.db
      .selectFrom('team_memberships')
      .selectAll()
      .where('id', '=', seat)
      .executeTakeFirstOrThrow()
    expect(row.ends_on).toBe(todayInStockholm())

    const ownCoordinator = await aUser(ctx.db, { agencyId: agency.id })
    const coordinatorSeat = await aMembership(ctx.db, team.id, ownCoordinator.id, 'coordinator')
    expect(
      (
        await contact.post(
          `/aktor/team/${team.id}/platser/${coordinatorSeat}/avsluta`,
          {},
          { forged: true },
        )
      ).status,
    ).toBe(403)
  })

  it('is mailed once about seats ending within two weeks, and again when a last day changes', async () => {
    const { contactUser, seat } = await anAgencyWithContact()
    await ctx.db
      .updateTable('team_memberships')
      .set({ ends_on: inDays(10) })
      .where('id', '=', seat)
      .execute()
    const deps = { db: ctx.db, live: ctx.live }
    await mailMandatesEnding(deps, ctx.config.publicOrigin)
    await mailMandatesEnding(deps, ctx.config.publicOrigin)
    const mails = await outbox('mandates_ending', contactUser.email)
    expect(mails).toHaveLength(1)
    expect(JSON.parse(mails[0]!.params)).toMatchObject({ count: '1' })
    await ctx.db
      .updateTable('team_memberships')
      .set({ ends_on: inDays(12) })
      .where('id', '=', seat)
      .execute()
    await mailMandatesEnding(deps, ctx.config.publicOrigin)
    expect(await outbox('mandates_ending', contactUser.email)).toHaveLength(2)
  })
})
