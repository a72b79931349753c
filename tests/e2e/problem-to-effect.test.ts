import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, anArea, aTeam, aUser } from '../support/builders'
import * as support from '../support/browser'
import { expectNoAxeViolations, hasChromium, screenshots, textOf } from '../support/browser'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>
let teamId: string
const people = {} as Record<'chair' | 'member', Awaited<ReturnType<typeof aUser>>>

async function pageFor(who: keyof typeof people): Promise<Page> {
  const page = await support.newPage(browser)
  await support.login(page, base, people[who])
  return page
}

async function openMeeting(chair: Page): Promise<string> {
  const id = await aMeeting(ctx.db, teamId, { status: 'called', startsInDays: 0 })
  await chair.goto(`${base}/moten/${id}`)
  await chair.getByRole('button', { name: 'Öppna mötet' }).click()
  await chair.waitForURL(`${base}/moten/${id}`)
  return `${base}/moten/${id}`
}

describe.skipIf(!hasChromium)(
  'from problem to effect, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      const team = await aTeam(ctx.db, { name: 'EST Effekt' })
      teamId = team.id
      await anArea(ctx.db, team.id, 'Centrum')
      people.chair = await aUser(ctx.db, { name: 'Kim Ordförande' })
      people.member = await aUser(ctx.db, { name: 'Maja Ledamot' })
      await aMembership(ctx.db, team.id, people.chair.id, 'chair')
      await aMembership(ctx.db, team.id, people.member.id, 'member')
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('links a decision to its problem, follows its action up and confirms it, axe passing', async () => {
      const chair = await pageFor('chair')
      const meetingUrl = await openMeeting(chair)

      // The problems sit folded under the decision's text; opened by keyboard, ticked by label.
      await chair.locator('#decision-text').fill('Mer vuxennärvaro i centrum på kvällarna')
      await chair.getByText('Problem i lägesbilden som beslutet svarar på').focus()
      await chair.keyboard.press('Enter')
      const cell = chair.getByRole('group', { name: 'Centrum' }).getByRole('checkbox').first()
      const category = await textOf(chair.locator(`label[for="${await cell.getAttribute('id')}"]`))
      const cellName = `Centrum: ${category.trim()}`
      await cell.check()
      await expectNoAxeViolations(chair)
      await chair.screenshot({ path: `${screenshots}/problem-choice.png`, fullPage: true })
      await chair.getByRole('button', { name: 'Anteckna beslutet' }).click()
      await chair.waitForURL(/#beslut$/)
      expect(await textOf(chair.locator('#decision-list'))).toContain(`Svarar på: ${cellName}`)

      await chair.getByText(/Ny åtgärd utifrån beslutet/).click()
      const actionForm = chair.locator('#beslut form').first()
      await actionForm.getByLabel('Åtgärd').fill('Fältarna går kvällsrundan')
      await actionForm.getByLabel('Operativt mål').fill('Färre samlingar efter kl. 22')
      await actionForm.getByLabel('Ansvarig aktör').selectOption(people.member.agencyId)
      await actionForm.getByRole('button', { name: 'Lägg till åtgärden' }).click()
      await chair.getByRole('link', { name: 'Fältarna går kvällsrundan' }).first().waitFor()
      await expectNoAxeViolations(chair)

      // The owner agency closes it and says what it did.
      const member = await pageFor('member')
      await member.goto(meetingUrl)
      await member.getByRole('link', { name: 'Fältarna går kvällsrundan' }).first().click()
      await member.waitForURL(/\/atgarder\//)
      expect(await textOf(member.locator('main'))).toContain('Färre samlingar efter kl. 22')
      await member.getByLabel(/Status för/).selectOption('done')
      await member.getByRole('button', { name: 'Spara status' }).click()
      await member.getByRole('heading', { name: 'Följ upp åtgärden' }).waitFor()
      await member.getByRole('radio', { name: 'Delvis' }).check()
      await member.getByRole('radio', { name: 'Bättre' }).check()
      await member
        .getByLabel('Motivering')
        .fill('Rundan gick tre fredagar av fyra; färre samlingar')
      await expectNoAxeViolations(member)
      await member.screenshot({ path: `${screenshots}/follow-up-form.png`, fullPage: true })
      await member.getByRole('button', { name: 'Spara uppföljningen' }).click()
      await member.waitForURL(/#uppfoljning$/)
      expect(await textOf(member.locator('main'))).toContain('Rundan gick tre fredagar av fyra')

      // At the next meeting its chair confirms it.
      const nextUrl = await openMeeting(chair)
      await chair.getByRole('button', { name: /Bekräfta uppföljningen av Fältarna/ }).click()
      await chair.waitForURL(new RegExp(`${nextUrl}#closed-follow-up-`))
      expect(await textOf(chair.locator('#uppfoljning'))).toContain('Bekräftad av ordföranden')
      await expectNoAxeViolations(chair)
      await chair
        .locator('#uppfoljning')
        .screenshot({ path: `${screenshots}/follow-up-confirmed.png` })

      // The period's analysis adds it up: the problem, the action and its judged effect.
      await chair.goto(`${base}/team/${teamId}/analys`)
      const problems = chair.locator('section', {
        has: chair.getByRole('heading', { name: 'Från problem till effekt' }),
      })
      expect(await textOf(problems)).toContain(cellName)
      expect(await textOf(problems)).toContain('Effekt: Bättre (Bekräftad av ordföranden)')
      await expectNoAxeViolations(chair)
      await problems.screenshot({ path: `${screenshots}/problem-to-effect-analysis.png` })
    })
  },
)
