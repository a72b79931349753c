import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, aTeam, aUser, anAgency } from '../support/builders'
import * as support from '../support/browser'
import { expectNoAxeViolations, hasChromium, screenshots, textOf } from '../support/browser'
import { createTestContext, type TestContext } from '../support/test-context'

// The pages of membership kept by those who know, in a real browser: the agency contact's and the meeting's guests.
let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>

describe.skipIf(!hasChromium)(
  'agency contacts and guests, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('the contact invites a person and names a representative; the pages pass axe', async () => {
      const agency = await anAgency(ctx.db, {
        name: 'Socialtjänsten Exempelstad',
        kind: 'social_services',
      })
      const contact = await aUser(ctx.db, { agencyId: agency.id, name: 'Kim Kontakt' })
      await ctx.db
        .updateTable('users')
        .set({ is_agency_contact: 1 })
        .where('id', '=', contact.id)
        .execute()
      const team = await aTeam(ctx.db, { name: 'EST Centrum' })
      await aMembership(ctx.db, team.id, contact.id, 'member')
      const page = await support.newPage(browser)
      await support.login(page, base, contact)
      await page.getByRole('link', { name: 'Min aktör' }).click()
      await page.waitForURL(`${base}/aktor`)
      await expectNoAxeViolations(page)
      const invite = page.locator('section', {
        has: page.getByRole('heading', { name: 'Bjud in en person' }),
      })
      await invite.getByLabel('Namn').fill('Nora Ny')
      await invite.getByLabel('E-postadress').fill('nora.ny@example.se')
      await invite.getByRole('button', { name: 'Bjud in' }).click()
      await page.locator('#one-time-link').waitFor()
      await expectNoAxeViolations(page)
      await page.getByRole('link', { name: 'Tillbaka till Min aktör' }).click()
      await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Nora Ny' })
      await page.getByRole('button', { name: 'Utse representant i EST Centrum' }).click()
      await page.waitForURL(/klart=1/)
      expect(await textOf(page.locator('main'))).toContain('Nora Ny – Ledamot')
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `${screenshots}/agency-contact.png`, fullPage: true })
      await page.context().close()
    })

    it('the coordinator invites a guest from the meeting page; the guest page passes axe, with an error too', async () => {
      const team = await aTeam(ctx.db, { name: 'EST Norr' })
      const coordinator = await aUser(ctx.db, { name: 'Siv Samordnare' })
      await aMembership(ctx.db, team.id, coordinator.id, 'coordinator')
      const meetingId = await aMeeting(ctx.db, team.id, { status: 'called', startsInDays: 3 })
      const guest = await aUser(ctx.db, { name: 'Rut Räddning' })
      const page = await support.newPage(browser)
      await support.login(page, base, coordinator)
      await page.goto(`${base}/moten/${meetingId}`)
      await page.getByRole('link', { name: 'Gäster med åtkomst' }).click()
      await page.waitForURL(/gastinbjudan/)
      await expectNoAxeViolations(page)
      await page.getByLabel('E-postadress').fill('okand.person@example.se')
      await page.getByRole('button', { name: 'Bjud in gästen' }).click()
      expect(await textOf(page.getByRole('alert'))).toContain(
        'Ingen har ett konto med den adressen',
      )
      await expectNoAxeViolations(page)
      await page.getByLabel('E-postadress').fill(guest.email)
      await page.getByRole('button', { name: 'Bjud in gästen' }).click()
      await page.waitForURL(/klart=1/)
      expect(await textOf(page.locator('main'))).toContain('Rut Räddning')
      await page.screenshot({ path: `${screenshots}/meeting-guests.png`, fullPage: true })
      await page.context().close()

      const guestPage = await support.newPage(browser)
      await support.login(guestPage, base, guest)
      await guestPage.getByRole('link', { name: /EST Norr/ }).click()
      await guestPage.waitForURL(`${base}/moten/${meetingId}`)
      expect(await textOf(guestPage.locator('main'))).toContain('Du är gäst på det här mötet')
      await expectNoAxeViolations(guestPage)
      await guestPage.context().close()
    })
  },
)
