import { inTransaction } from '../support/in-transaction'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationTokenTtlMs, issueOneTimeToken } from '../../src/auth/one-time-token.repository'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { aMeeting, aMembership, aTeam, aUser, anArea } from '../support/builders'
import * as support from '../support/browser'
import {
  expectNoAxeViolations,
  hasChromium,
  screenshots,
  textOf,
  watchConsole,
} from '../support/browser'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let admin: { email: string; password: string }
let firstAdminPath: string
let member: Awaited<ReturnType<typeof aUser>>
let teamId: string

const newPage = (options: { javaScriptEnabled?: boolean } = {}) => support.newPage(browser, options)
const login = (page: Page, user: { email: string; password: string }) =>
  support.login(page, base, user)

describe.skipIf(!hasChromium)('in a real browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ctx = await createTestContext()
    // The first administrator is created in the browser, through the link printed at first start.
    firstAdminPath = new URL((await prepareFirstAdminLink(ctx.db, 'http://localhost'))!).pathname
    admin = { email: 'alma.admin@example.se', password: 'ett långt lösenord för alma' }
    member = await aUser(ctx.db, { name: 'Maja Medlem' })
    const team = await aTeam(ctx.db, { name: 'EST Webbläsartest' })
    teamId = team.id
    await anArea(ctx.db, team.id, 'Centrum')
    await aMembership(ctx.db, team.id, member.id, 'member')
    ;({ browser, base, stop } = await support.startBrowser(ctx.app))
  })

  afterAll(async () => {
    await stop?.()
    await ctx?.destroy()
  })

  it('creates the first administrator through the one-time link (axe on the form, with and without errors)', async () => {
    const page = await newPage()
    const problems = watchConsole(page)
    await page.goto(`${base}${firstAdminPath}`)
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Skapa administratör' }).click()
    expect(await textOf(page.getByRole('alert'))).toContain('Något behöver rättas')
    await expectNoAxeViolations(page)
    await page.getByLabel('Namn', { exact: true }).fill('Alma Admin')
    await page.getByLabel('E-postadress').fill(admin.email)
    await page.getByLabel('Nytt lösenord').fill(admin.password)
    await page.getByLabel('Upprepa lösenordet').fill(admin.password)
    await page.getByLabel('Organisationens namn').fill('Exempelstads kommun')
    await page.getByRole('button', { name: 'Skapa administratör' }).click()
    // Two-step verification before /admin: the QR code drawn on the server, a wrong code, then the right one.
    await page.waitForURL(`${base}/logga-in/tvastegs`)
    await expectNoAxeViolations(page)
    expect(
      await page.getByRole('img', { name: 'QR-kod att skanna med autentiseringsappen' }).count(),
    ).toBe(1)
    await page.getByLabel('Koden som appen visar nu').fill('123456')
    await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click()
    expect(await textOf(page.getByRole('alert'))).toContain('Koden stämmer inte')
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${support.screenshots}/totp-enrolment.png`, fullPage: true })
    await support.secondStep(page, admin.email)
    await page.waitForURL(`${base}/admin`)
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Administration')
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('shows an invited person a page that passes axe, in English too', async () => {
    const invited = await aUser(ctx.db, { status: 'invited', name: 'Ivar Inbjuden' })
    const { token } = await inTransaction(ctx.db, (trx) =>
      issueOneTimeToken(trx, 'invitation', invited.id, invitationTokenTtlMs),
    )
    const page = await newPage()
    await page.goto(`${base}/inbjudan/${token}`)
    await expectNoAxeViolations(page)
    await page.getByLabel('Språk').selectOption('en')
    await page.getByRole('button', { name: 'Byt språk' }).click()
    await page.waitForURL(`${base}/inbjudan/${token}`)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Welcome to Läget')
    await expectNoAxeViolations(page)
    await page.context().close()
  })

  it('signs in to the start page; login and start pages pass axe with no CSP errors', async () => {
    const page = await newPage()
    const problems = watchConsole(page)
    await page.goto(`${base}/logga-in`)
    await expectNoAxeViolations(page)

    // the error summary, linked to the fields, also passes
    await page.getByRole('button', { name: 'Logga in' }).click()
    expect(await textOf(page.getByRole('alert'))).toContain('Något behöver rättas')
    await expectNoAxeViolations(page)

    await login(page, member)
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toContain('Hej Maja Medlem')
    await page.getByRole('link', { name: 'EST Webbläsartest' }).waitFor()
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${screenshots}/start.png`, fullPage: true })

    await page.getByRole('link', { name: 'EST Webbläsartest' }).click()
    await page.waitForURL(`${base}/team/${teamId}`)
    await expectNoAxeViolations(page)
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('the settings, the forgotten-password and the coordinator’s member pages pass axe', async () => {
    const visitor = await newPage()
    await visitor.goto(`${base}/logga-in`)
    await visitor.getByRole('link', { name: 'Glömt lösenordet?' }).click()
    await visitor.waitForURL(`${base}/glomt-losenord`)
    await expectNoAxeViolations(visitor)
    await visitor.context().close()

    const coordinator = await aUser(ctx.db, { name: 'Kim Samordnare', agencyId: member.agencyId })
    await aMembership(ctx.db, teamId, coordinator.id, 'coordinator')
    const page = await newPage()
    await login(page, coordinator)
    await page.getByRole('link', { name: 'Inställningar' }).click()
    await page.waitForURL(`${base}/installningar`)
    await expectNoAxeViolations(page)
    await page.getByLabel(/Skicka mig e-post/).uncheck()
    await page.getByRole('button', { name: 'Spara' }).click()
    expect(await textOf(page.getByRole('status'))).toContain('Inställningarna är sparade.')
    await page.goto(`${base}/team/${teamId}`)
    await page.getByRole('link', { name: 'Medlemmar' }).click()
    await page.waitForURL(`${base}/team/${teamId}/medlemmar`)
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${screenshots}/team-members.png`, fullPage: true })
    await page.context().close()
  })

  it('starts keyboard use at the skip link, which moves to the main content', async () => {
    const page = await newPage()
    await login(page, member)
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement?.textContent)
    expect(focused).toBe('Hoppa till innehållet')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#main$/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.context().close()
  })

  it('the admin pages pass axe, and a bad form shows its errors next to the fields', async () => {
    const page = await newPage()
    const problems = watchConsole(page)
    await login(page, admin)
    for (const path of [
      '/admin',
      '/admin/aktorer',
      '/admin/anvandare',
      '/admin/anvandare/ny',
      '/admin/team',
      `/admin/team/${teamId}`,
      '/admin/rattsliga-grunder',
      '/admin/sekretess',
      '/admin/gallring',
    ]) {
      await page.goto(`${base}${path}`)
      await expectNoAxeViolations(page)
    }
    await page.screenshot({ path: `${screenshots}/admin-team.png`, fullPage: true })

    await page.goto(`${base}/admin/aktorer`)
    await page.getByLabel('Namn').fill('   ')
    await page.getByRole('button', { name: 'Skapa aktör' }).click()
    expect(await textOf(page.getByRole('alert'))).toContain('Fyll i fältet.')
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${screenshots}/admin-agency-error.png`, fullPage: true })

    await page.getByLabel('Namn').fill('Exempelstads Fritidsgårdar')
    await page.getByLabel('Typ av aktör').selectOption('leisure')
    await page.getByRole('button', { name: 'Skapa aktör' }).click()
    expect(await textOf(page.getByRole('status'))).toContain('Det nya är skapat.')
    await page.getByRole('link', { name: 'Exempelstads Fritidsgårdar' }).waitFor()
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('the auditor’s pages pass axe: the access log filtered by person, a bad filter, the audit log and the chain check', async () => {
    const auditor = await aUser(ctx.db, { name: 'Greta Granskare', isAuditor: true })
    // something to find: the member opens a meeting of the team
    const meetingId = await aMeeting(ctx.db, teamId, { status: 'called' })
    const reader = await newPage()
    await login(reader, member)
    await reader.goto(`${base}/moten/${meetingId}`)
    await reader.context().close()
    await ctx.accessLog.flush()
    const page = await newPage()
    const problems = watchConsole(page)
    await login(page, auditor)
    await page.getByRole('link', { name: 'Granskning' }).click()
    await page.getByLabel('Person').selectOption(member.id)
    await page.getByRole('button', { name: 'Sök' }).click()
    await page.waitForURL(/person=/)
    expect(await textOf(page.locator('tbody'))).toContain('Maja Medlem')
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${screenshots}/review-access-log.png`, fullPage: true })
    await page.getByLabel('Id för det som lästes').fill('inte ett id')
    await page.getByRole('button', { name: 'Sök' }).click()
    expect(await textOf(page.getByRole('alert'))).toContain('Ange ett id')
    await expectNoAxeViolations(page)
    await page.getByRole('link', { name: 'Händelseloggen' }).click()
    await expectNoAxeViolations(page)
    await page.getByRole('link', { name: 'Kontroll av loggarna' }).click()
    await page.getByRole('button', { name: 'Kontrollera loggarna nu' }).click()
    expect(await textOf(page.getByRole('status'))).toContain('Loggarna är hela')
    await expectNoAxeViolations(page)
    await page.screenshot({ path: `${screenshots}/review-check.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.context().close()

    // the member's agency's log reviewer: its staff's reads, a sample, the review noted
    const reviewerUser = await aUser(ctx.db, {
      name: 'Lars Loggkontrollant',
      agencyId: member.agencyId,
      isLogReviewer: true,
    })
    const reviewer = await newPage()
    await login(reviewer, reviewerUser)
    await reviewer.getByRole('link', { name: 'Loggkontroll' }).click()
    expect(await textOf(reviewer.locator('tbody'))).toContain('Maja Medlem')
    await expectNoAxeViolations(reviewer)
    await reviewer.getByRole('link', { name: 'Stickprov och granskningar' }).click()
    await reviewer.getByRole('button', { name: 'Dra stickprov' }).click()
    await reviewer.getByLabel('Anteckning').fill('Alla läsningar gällde team där aktören deltar.')
    await reviewer.getByRole('button', { name: 'Spara som granskad' }).click()
    expect(await textOf(reviewer.getByRole('status').first())).toContain('Granskningen är sparad.')
    await expectNoAxeViolations(reviewer)
    await reviewer.screenshot({ path: `${screenshots}/log-review.png`, fullPage: true })
    await reviewer.context().close()
  })

  it('works without JavaScript: sign in and sign out with plain forms', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await login(page, member)
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toContain('Hej')
    await page.getByRole('button', { name: 'Logga ut' }).click()
    await page.waitForURL(`${base}/logga-in`)
    await page.goto(`${base}/`)
    await page.waitForURL(/\/logga-in/)
    await page.context().close()
  })
})
