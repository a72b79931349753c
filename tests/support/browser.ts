import { codeFor, rememberSecret } from './second-factor'
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import type { App } from '../../src/app'

// Debian's Chromium, never a downloaded browser. CI installs it; without it browser tests are skipped.
export const chromiumPath = '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)
export const screenshots = 'test-results'

/** `port`: when the app must know its address beforehand (PUBLIC_ORIGIN, for an identity provider's callback). */
export async function startBrowser(
  app: App,
  options: { port?: number } = {},
): Promise<{ browser: Browser; server: ServerType; base: string; stop: () => Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () =>
      resolve(s),
    )
  })
  const base = `http://localhost:${(server.address() as AddressInfo).port}`
  const browser = await chromium.launch({
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
  return {
    browser,
    server,
    base,
    stop: async () => {
      await browser.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
  expect(summary, page.url()).toEqual([])
}

/** CSP violations and script errors; expected 4xx answers (a form with errors) are left out. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error' && !/status of 4\d\d/.test(text)) problems.push(text)
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}

/** Waits for the first match and returns its visible text. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor()
  return locator.first().innerText()
}

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

export async function login(page: Page, base: string, user: { email: string; password: string }) {
  await page.goto(`${base}/logga-in`)
  await page.getByLabel('E-postadress').fill(user.email)
  await page.getByLabel('Lösenord').fill(user.password)
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL((url) => url.pathname !== '/logga-in')
  await secondStep(page, user.email)
  await page.waitForURL(`${base}/`)
}

/**
 * The second factor, when the sign-in asks for it, as a person does it: the
 * code from the app, or enrolling (the app takes the key shown for typing by
 * hand), then past the recovery codes.
 */
export async function secondStep(page: Page, email: string) {
  const path = new URL(page.url()).pathname
  if (path === '/logga-in/tvastegs') {
    rememberSecret(email, await textOf(page.locator('code.secret')))
    await page.getByLabel('Koden som appen visar nu').fill(await codeFor(email))
    await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click()
    await page.getByRole('heading', { name: 'Dina återställningskoder' }).waitFor()
    await page.getByRole('link', { name: 'Jag har sparat koderna – fortsätt' }).click()
  } else if (path === '/logga-in/kod') {
    await page.getByLabel('Kod', { exact: true }).fill(await codeFor(email))
    await page.getByRole('button', { name: 'Logga in' }).click()
  }
}
