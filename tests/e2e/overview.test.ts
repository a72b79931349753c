import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting } from '../support/builders'
import * as support from '../support/browser'
import {
  expectNoAxeViolations,
  hasChromium,
  screenshots,
  textOf,
  watchConsole,
} from '../support/browser'
import {
  aSituationTeam,
  entryForm,
  type SituationTeam,
  reportEntry,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let t: SituationTeam

describe.skipIf(!hasChromium)(
  'the situation picture over time, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      t = await aSituationTeam(ctx.db, ctx.app)
      const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
      await t.people.chair.client.submit(
        `/moten/${meetingId}`,
        {},
        { action: `/moten/${meetingId}/oppna` },
      )
      for (let i = 0; i < 4; i++) {
        await reportEntry(
          t.people.police.client,
          t.team.id,
          entryForm(t, { description: `Samling vid torget kväll ${i + 1}` }),
        )
      }
      await reportEntry(
        t.people.school.client,
        t.team.id,
        entryForm(t, {
          areaId: t.otherArea.id,
          categoryId: t.categories[1]!.id,
          description: 'Klotter på skolans gavel',
        }),
      )
      await t.people.chair.client.submit(
        `/moten/${meetingId}`,
        { level: '3', trend: 'increasing', justification: 'Samlingar varje kväll' },
        { action: `/moten/${meetingId}/bedomningar/${t.area.id}` },
      )
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('shows levels in words and colour, filters with htmx keeping the URL, and opens a cell; axe passes', async () => {
      const page = await support.newPage(browser)
      const problems = watchConsole(page)
      await support.login(page, base, t.people.school)
      await page.goto(`${base}/team/${t.team.id}/lagesbild`)
      const table = page.locator('table.overview')
      expect(await textOf(table)).toContain('Röd')
      expect(await page.locator('svg.sparkline').count()).toBe(2)
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `${screenshots}/overview.png`, fullPage: true })

      // A filter swaps the results in place and puts the view in the address bar, to bookmark or share.
      await page.getByLabel('Område', { exact: true }).selectOption({ label: t.area.name })
      await page.waitForURL(/omrade=/)
      await page.waitForFunction(
        () => document.querySelectorAll('table.overview tbody tr').length === 1,
      )
      expect(await page.locator('#filter-area').inputValue()).toBe(t.area.id)
      await page.getByLabel('Period', { exact: true }).selectOption('4')
      await page.waitForURL(/veckor=4/)
      await page.waitForFunction(
        () => document.querySelectorAll('table.overview thead th').length === 6,
      )

      await page.locator('table.overview tbody td.cell a').last().click()
      await page.waitForURL(/lagesbild\/cell/)
      expect(await textOf(page.locator('main'))).toContain('Samling vid torget kväll 4')
      await expectNoAxeViolations(page)
      expect(problems).toEqual([])
    })
  },
)
