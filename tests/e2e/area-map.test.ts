import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, anArea, aTeam, aUser } from '../support/builders'
import * as support from '../support/browser'
import { expectNoAxeViolations, hasChromium, screenshots, textOf } from '../support/browser'
import { createTestContext, type TestContext } from '../support/test-context'
import { lonLatAreas } from '../map/fixtures'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let teamId: string
let coordinator: Awaited<ReturnType<typeof aUser>>

describe.skipIf(!hasChromium)('the areas on a map, in a real browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ctx = await createTestContext()
    const team = await aTeam(ctx.db, { name: 'EST Kartan' })
    teamId = team.id
    for (const name of ['Norr', 'Söder', 'Väster']) await anArea(ctx.db, team.id, name)
    coordinator = await aUser(ctx.db, { name: 'Siv Samordnare' })
    await aMembership(ctx.db, team.id, coordinator.id, 'coordinator')
    ;({ browser, base, stop } = await support.startBrowser(ctx.app))
  })
  afterAll(async () => {
    await stop?.()
    await ctx?.destroy()
  })

  it('takes a GeoJSON file from the coordinator and draws it on the overview, axe passing', async () => {
    const page = await support.newPage(browser)
    await support.login(page, base, coordinator)
    await page.goto(`${base}/team/${teamId}`)
    await page.getByRole('link', { name: 'Områdenas konturer' }).click()
    await expectNoAxeViolations(page)
    await page.getByLabel('GeoJSON-fil').setInputFiles({
      name: 'omraden.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(lonLatAreas(['Norr', 'Söder'])),
    })
    await page.getByRole('button', { name: 'Spara konturerna' }).click()
    expect(await textOf(page.getByRole('status'))).toContain('Konturer sparade för: Norr, Söder.')
    await expectNoAxeViolations(page)

    await page.goto(`${base}/team/${teamId}/lagesbild`)
    const map = page.locator('.area-map')
    expect(await map.locator('svg a path').count()).toBe(2)
    expect(await textOf(map)).toContain('Områden utan kontur: Väster.')
    await expectNoAxeViolations(page)
    await map.screenshot({ path: `${screenshots}/area-map.png` })

    // The meeting page loads its own picture's map on demand.
    const meetingId = await aMeeting(ctx.db, teamId, { status: 'called', startsInDays: 0 })
    await page.goto(`${base}/moten/${meetingId}`)
    await page.getByRole('link', { name: 'Visa mötets lägesbild på kartan' }).click()
    await page.locator('#meeting-map svg').waitFor()
    expect(await textOf(page.locator('#meeting-map'))).toContain('Områden utan kontur: Väster.')
    await expectNoAxeViolations(page)
  })
})
