import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationTokenTtlMs, issueOneTimeToken } from '../../src/auth/one-time-token.repository'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { aMembership, aTeam, aUser, anArea } from '../support/builders'
import { createTestContext, type TestContext } from '../support/test-context'

// Debian's Chromium, never a downloaded browser. CI installs it; without it these tests are skipped.
const chromiumPath = '/usr/bin/chromium'
const screenshots = 'test-results'

let ctx: TestContext
let server: ServerType
let browser: Browser
let base: string
let admin: { email: string; password: string }
let firstAdminPath: string
let member: Awaited<ReturnType<typeof aUser>>
let teamId: string

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(summary, page.url()).toEqual([])
}

function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    // Expected 4xx answers (a form with errors) are logged too; CSP violations and script errors are not expected.
    const text = message.text()
    if (message.type() === 'error' && !/status of 4\d\d/.test(text)) problems.push(text)
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}

/** Waits for the first match and returns its visible text. */
async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor()
  return locator.first().innerText()
}

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

async function login(page: Page, user: { email: string; password: string }) {
  await page.goto(`${base}/logga-in`)
  await page.getByLabel('E-postadress').fill(user.email)
  await page.getByLabel('Lösenord').fill(user.password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL(`${base}/`)
}

describe.skipIf(!existsSync(chromiumPath))('in a real browser', () => {
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
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    base = `http://localhost:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    mkdirSync(screenshots, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
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
    await page.waitForURL(`${base}/admin`)
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Administration')
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('shows an invited person a page that passes axe, in English too', async () => {
    const invited = await aUser(ctx.db, { status: 'invited', name: 'Ivar Inbjuden' })
    const token = await issueOneTimeToken(ctx.db, 'invitation', invited.id, invitationTokenTtlMs)
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
    for (const path of ['/admin', '/admin/aktorer', '/admin/anvandare', '/admin/team', `/admin/team/${teamId}`]) {
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
