import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMembership, anArea, aTeam, aUser } from '../support/builders'
import * as support from '../support/browser'
import { expectNoAxeViolations, hasChromium, screenshots, textOf } from '../support/browser'
import { inTransaction } from '../support/in-transaction'
import { seatReporter } from '../../src/reports/report.repository'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let teamId: string
const people = {} as Record<
  'reporter' | 'member' | 'coordinator',
  Awaited<ReturnType<typeof aUser>>
>

describe.skipIf(!hasChromium)(
  'a report from outside the team, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      const team = await aTeam(ctx.db, { name: 'EST Söder' })
      teamId = team.id
      await anArea(ctx.db, team.id, 'Gångtunneln')
      people.member = await aUser(ctx.db, { name: 'Maja Bostadsbolaget' })
      await aMembership(ctx.db, team.id, people.member.id, 'member')
      people.coordinator = await aUser(ctx.db, { name: 'Sara Samordnare' })
      await aMembership(ctx.db, team.id, people.coordinator.id, 'coordinator')
      people.reporter = await aUser(ctx.db, {
        name: 'Rut Fastighetsskötare',
        agencyId: people.member.agencyId,
      })
      await inTransaction(ctx.db, (trx) => seatReporter(trx, team.id, people.reporter.id))
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('is sent from a phone and included by the agency’s member, axe passing', async () => {
      const phone = await support.newPage(browser, { viewport: { width: 390, height: 844 } })
      await support.login(phone, base, people.reporter)
      await phone.getByRole('link', { name: 'Rapportera något du sett' }).click()
      await phone.getByLabel('Område').selectOption({ label: 'Gångtunneln' })
      await phone.getByLabel('Kategori').selectOption({ index: 1 })
      await phone.getByLabel('Antal händelser').fill('3')
      await phone.getByRole('radio', { name: 'Ökande' }).check()
      await phone.getByLabel('Vad såg du?').fill('Krossade lampor i gångtunneln, mörkt på kvällen')
      await expectNoAxeViolations(phone)
      await phone.screenshot({ path: `${screenshots}/report-phone-form.png`, fullPage: true })
      await phone.getByRole('button', { name: 'Skicka rapporten' }).click()
      await phone.waitForURL(`${base}/rapportera?skickad=1`)
      expect(await textOf(phone.locator('main'))).toContain('Skickad, väntar')
      await expectNoAxeViolations(phone)

      const member = await support.newPage(browser)
      await support.login(member, base, people.member)
      await member.goto(`${base}/team/${teamId}`)
      await member.getByRole('link', { name: 'Rapporter utifrån' }).click()
      expect(await textOf(member.locator('main'))).toContain('Krossade lampor i gångtunneln')
      await expectNoAxeViolations(member)
      await member.screenshot({ path: `${screenshots}/report-inbox.png`, fullPage: true })
      await member.getByRole('button', { name: 'Ta med i lägesbilden' }).click()
      await member.waitForURL(/klart=included/)
      expect(await textOf(member.locator('main'))).toContain('Rapporten är med i lägesbilden.')

      await phone.reload()
      expect(await textOf(phone.locator('main'))).toContain('Med i lägesbilden')
      await phone.screenshot({ path: `${screenshots}/report-phone-status.png`, fullPage: true })

      // The coordinator keeps the seats: the reporter is listed, and another can be added.
      const coordinator = await support.newPage(browser)
      await support.login(coordinator, base, people.coordinator)
      await coordinator.goto(`${base}/team/${teamId}`)
      await coordinator.getByRole('link', { name: 'Rapportörer' }).click()
      expect(await textOf(coordinator.locator('main'))).toContain('Rut Fastighetsskötare')
      await expectNoAxeViolations(coordinator)
      await coordinator.screenshot({ path: `${screenshots}/reporter-seats.png`, fullPage: true })
    })
  },
)
