import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import * as support from '../support/browser'
import {
  expectNoAxeViolations,
  hasChromium,
  screenshots,
  textOf,
  watchConsole,
} from '../support/browser'
import { freePort } from '../support/free-port'
import { startOidcProvider, type LocalOidcProvider } from '../support/oidc-provider'
import { startSamlIdp } from '../support/saml-idp'
import { createTestContext, type TestContext } from '../support/test-context'

// Signing in through the municipality's providers, in a real browser: OpenID Connect and SAML 2.0.
let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let provider: LocalOidcProvider
let stopIdp: () => Promise<void>
let idpPort: number

describe.skipIf(!hasChromium)(
  'signing in through identity providers, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      const port = await freePort()
      base = `http://localhost:${port}`
      ctx = await createTestContext({ env: { PUBLIC_ORIGIN: base } })
      provider = await startOidcProvider([`${base}/logga-in/oidc/kommun/svar`])
      idpPort = await freePort()
      const idp = await startSamlIdp(`http://127.0.0.1:${idpPort}/sso`)
      stopIdp = await idp.serve(idpPort, `${base}/logga-in/saml/sambi/metadata`)
      ;({ browser, stop } = await support.startBrowser(ctx.app, { port }))

      // The administrator adds both providers through the admin page.
      const admin = await aUser(ctx.db, { isAdmin: true })
      const page = await support.newPage(browser)
      await support.login(page, base, admin)
      await page.goto(`${base}/admin/inloggning`)
      await expectNoAxeViolations(page)
      const oidc = page.locator('section', {
        has: page.getByRole('heading', { name: 'Lägg till OpenID Connect' }),
      })
      await oidc.getByLabel('Namn på knappen').fill('Exempelstads kommun')
      await oidc.getByLabel('Kortnamn').fill('kommun')
      await oidc.getByLabel('Utfärdare (issuer)').fill(provider.issuer)
      await oidc.getByLabel('Klient-id').fill(provider.clientId)
      await oidc.getByLabel('Klienthemlighet').fill(provider.clientSecret)
      await oidc.getByRole('button', { name: 'Lägg till' }).click()
      await page.waitForURL(/klart=created/)
      const saml = page.locator('section', {
        has: page.getByRole('heading', { name: 'Lägg till SAML 2.0' }),
      })
      await saml.getByLabel('Namn på knappen').fill('Sambi')
      await saml.getByLabel('Kortnamn').fill('sambi')
      await saml.getByLabel('Tjänstens metadata (XML)').fill(idp.metadata)
      await saml.getByRole('button', { name: 'Lägg till' }).click()
      await page.waitForURL(/klart=created/)
      expect(await textOf(page.locator('main table'))).toContain('SAML 2.0')
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `${screenshots}/admin-sign-in.png`, fullPage: true })
      await page.context().close()
    })

    afterAll(async () => {
      await stop?.()
      await stopIdp?.()
      await provider?.close()
      await ctx?.destroy()
    })

    it('OpenID Connect: the button on the sign-in page, the provider’s form, and back signed in', async () => {
      const person = await aUser(ctx.db, { name: 'Olle OpenID' })
      provider.accounts.set('olle-1', { email: person.email })
      const page = await support.newPage(browser)
      const problems = watchConsole(page)
      await page.goto(`${base}/logga-in`)
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `${screenshots}/login-with-providers.png`, fullPage: true })
      expect(problems).toEqual([])
      await page.getByRole('link', { name: 'Logga in med Exempelstads kommun' }).click()
      await page.locator('input[name="login"]').fill('olle-1')
      await page.locator('input[name="password"]').fill('valfritt')
      await page.getByRole('button', { name: 'Sign-in' }).click()
      await page.waitForURL(`${base}/`)
      // What the provider's own page could not load (it asks the internet for its fonts) is not Läget's.
      problems.length = 0
      expect(await textOf(page.locator('header'))).toContain('Olle OpenID')
      // Signing out offers the provider's sign-out too.
      await page.getByRole('button', { name: 'Logga ut' }).click()
      await page.getByRole('heading', { name: 'Du är utloggad' }).waitFor()
      await expectNoAxeViolations(page)
      expect(
        await page.getByRole('link', { name: 'Logga ut även från Exempelstads kommun' }).count(),
      ).toBe(1)
      expect(problems, problems.join('\n')).toEqual([])
      await page.context().close()
    })

    it('SAML 2.0: the IdP’s page posts the signed answer back, and the person is signed in', async () => {
      const person = await aUser(ctx.db, { name: 'Sara Saml' })
      const page = await support.newPage(browser)
      await page.goto(`${base}/logga-in`)
      await page.getByRole('link', { name: 'Logga in med Sambi' }).click()
      await page.getByLabel('E-post').fill(person.email)
      await page.getByRole('button', { name: 'Logga in hos IdP' }).click()
      await page.getByRole('button', { name: 'Fortsätt till Läget' }).click()
      await page.waitForURL(`${base}/`)
      expect(await textOf(page.locator('header'))).toContain('Sara Saml')
      await page.context().close()
    })
  },
)
