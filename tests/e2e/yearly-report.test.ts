import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anAgency, anArea, aTeam, aUser } from '../support/builders'
import * as support from '../support/browser'
import { expectNoAxeViolations, hasChromium, screenshots, textOf } from '../support/browser'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
const people = {} as Record<'coordinator' | 'steering', Awaited<ReturnType<typeof aUser>>>

async function pageFor(who: keyof typeof people): Promise<Page> {
  const page = await support.newPage(browser)
  await support.login(page, base, people[who])
  return page
}

describe.skipIf(!hasChromium)('the yearly report, in a real browser', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    ctx = await createTestContext()
    const team = await aTeam(ctx.db, { name: 'EST Centrum' })
    await anArea(ctx.db, team.id, 'Stationen')
    await anAgency(ctx.db, { name: 'Fastighetsbolaget Hem', kind: 'housing' })
    people.coordinator = await aUser(ctx.db, {
      name: 'Sam Samordnare',
      isMunicipalCoordinator: true,
    })
    people.steering = await aUser(ctx.db, { name: 'Stina Styrgrupp', isSteeringGroup: true })
    ;({ browser, base, stop } = await support.startBrowser(ctx.app))
  })
  afterAll(async () => {
    await stop?.()
    await ctx?.destroy()
  })

  it('is drafted, approved and frozen by keyboard and form, axe passing on every page', async () => {
    const coordinator = await pageFor('coordinator')
    await coordinator.getByRole('link', { name: 'Årlig lägesbild' }).click()
    await coordinator.getByLabel('År').fill('2026')
    await expectNoAxeViolations(coordinator)
    await coordinator.getByRole('button', { name: 'Påbörja' }).click()
    await coordinator.waitForURL(`${base}/arsrapport/2026`)

    await coordinator
      .getByRole('textbox', { name: 'Sammanfattning av lägesbilden' })
      .fill('Oroligt kring stationen på kvällarna.')
    await coordinator.getByRole('button', { name: 'Spara' }).click()
    await coordinator.waitForURL(/#sammanfattning$/)
    const plan = coordinator.locator('#plan form').last()
    await plan.getByLabel('Orsak').fill('Mörka passager')
    await plan.getByLabel('Åtgärd', { exact: true }).fill('Trygghetsvandring med boende')
    await plan.getByLabel('Operativt mål').fill('Fler boende känner sig trygga i passagen')
    await plan.getByLabel('När').fill('Kvartal 2')
    await plan.getByLabel('Ansvarig aktör').selectOption({ label: 'Fastighetsbolaget Hem' })
    await plan.getByRole('button', { name: 'Lägg till åtgärden' }).click()
    await coordinator.waitForURL(/#plan$/)
    expect(await textOf(coordinator.locator('#plan table'))).toContain(
      'Trygghetsvandring med boende',
    )
    await expectNoAxeViolations(coordinator)
    await coordinator.screenshot({ path: `${screenshots}/yearly-draft.png`, fullPage: true })

    const steering = await pageFor('steering')
    await steering.goto(`${base}/arsrapport/2026`)
    await steering.getByRole('button', { name: 'Fastställ lägesbild och åtgärdsplan 2026' }).focus()
    await steering.keyboard.press('Enter')
    await steering.waitForURL(`${base}/arsrapport/2026`)
    expect(await textOf(steering.locator('main'))).toContain('Fastställd av Stina Styrgrupp')
    await expectNoAxeViolations(steering)
    await steering.screenshot({ path: `${screenshots}/yearly-approved.png`, fullPage: true })
    await steering.getByRole('link', { name: 'Utskriftsvy (A4)' }).click()
    await expectNoAxeViolations(steering)
  })
})
