import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, aTeam, aUser } from '../support/builders'
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
let teamId: string
const people = {} as Record<'coordinator' | 'chair' | 'member', Awaited<ReturnType<typeof aUser>>>

async function pageFor(who: keyof typeof people): Promise<Page> {
  const page = await support.newPage(browser)
  await support.login(page, base, people[who])
  return page
}

describe.skipIf(!hasChromium)(
  'a meeting from call to approved minutes, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      const team = await aTeam(ctx.db, { name: 'EST Webbläsarmöte' })
      teamId = team.id
      people.coordinator = await aUser(ctx.db, { name: 'Siv Samordnare' })
      people.chair = await aUser(ctx.db, { name: 'Kim Ordförande' })
      people.member = await aUser(ctx.db, { name: 'Maja Ledamot' })
      await aMembership(ctx.db, team.id, people.coordinator.id, 'coordinator')
      await aMembership(ctx.db, team.id, people.chair.id, 'chair')
      await aMembership(ctx.db, team.id, people.member.id, 'member')
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('works end to end, with live updates on the member’s screen and axe passing on every page', async () => {
      // The coordinator creates a weekly series: its meetings get the EST agenda.
      const coordinator = await pageFor('coordinator')
      const problems = watchConsole(coordinator)
      await coordinator.goto(`${base}/team/${teamId}/platser`)
      await coordinator.getByLabel('Platsnamn').fill('Gustav Adolfs torg')
      await coordinator.getByRole('button', { name: 'Lägg till' }).click()
      await coordinator.getByText('Gustav Adolfs torg').first().waitFor()
      await expectNoAxeViolations(coordinator)
      await coordinator.goto(`${base}/team/${teamId}/moten`)
      await expectNoAxeViolations(coordinator)
      await coordinator.getByRole('link', { name: 'Ny mötesserie' }).click()
      await expectNoAxeViolations(coordinator)
      await coordinator.getByLabel('Plats').fill('Stadshuset, sal 2')
      await coordinator.getByRole('button', { name: 'Skapa mötesserien' }).click()
      await coordinator.waitForURL(/\/moten\?serie=/)
      await coordinator.locator('table a').first().click()
      await coordinator.waitForURL(/\/moten\/[0-9a-f-]{36}$/)
      const meetingUrl = coordinator.url()
      await expectNoAxeViolations(coordinator)

      // Agenda edited in place (htmx): add an item, then move it up.
      await coordinator.getByText('Lägg till en punkt').click()
      await coordinator.locator('#agenda-new-title').fill('Fördjupning: Stationsområdet')
      await coordinator.locator('#agenda-new-minutes').fill('10')
      await coordinator.getByRole('button', { name: 'Lägg till', exact: true }).click()
      expect(await textOf(coordinator.locator('.agenda-status'))).toContain(
        'Dagordningen är uppdaterad.',
      )
      expect(await textOf(coordinator.locator('#dagordning'))).toContain(
        'Fördjupning: Stationsområdet',
      )
      await coordinator
        .getByRole('button', { name: 'Flytta upp: Fördjupning: Stationsområdet' })
        .click()
      await coordinator.waitForFunction(
        () =>
          document.querySelectorAll('.agenda-item__title')[5]?.textContent ===
          'Fördjupning: Stationsområdet',
      )
      await expectNoAxeViolations(coordinator)
      await coordinator.getByRole('button', { name: 'Publicera kallelsen' }).click()
      expect(await textOf(coordinator.locator('.status'))).toBe('Kallat')

      // The member sees the called meeting and keeps the page open; the chair runs it.
      const member = await pageFor('member')
      await member.goto(meetingUrl)
      await member.waitForTimeout(300)
      const chair = await pageFor('chair')
      await chair.goto(meetingUrl)
      await chair.getByRole('button', { name: 'Öppna mötet' }).click()
      expect(await textOf(member.locator('.status'))).toBe('Pågår')

      for (const agency of await chair.locator('#narvaro input[type=checkbox]').all())
        await agency.check()
      await chair.getByRole('button', { name: 'Spara närvaron' }).click()
      const checker = await chair
        .locator('#checker-userId option', { hasText: 'Maja Ledamot' })
        .getAttribute('value')
      await chair.locator('#checker-userId').selectOption(checker!)
      await chair.getByRole('button', { name: 'Spara justerare' }).click()
      await chair.locator('#decision-text').fill('Extra vuxennärvaro vid stationen fredagskvällar')
      await chair.getByRole('button', { name: 'Anteckna beslutet' }).click()
      // Live: the decision reaches the member's open page without a reload.
      await member
        .getByText('Extra vuxennärvaro vid stationen fredagskvällar')
        .waitFor({ timeout: 3000 })

      await chair.getByText(/Ny åtgärd utifrån beslutet/).click()
      const actionForm = chair.locator('#beslut form').first()
      await actionForm.getByLabel('Åtgärd').fill('Fältarna går stationsrundan')
      await actionForm.getByLabel('Ansvarig aktör').selectOption(people.member.agencyId)
      await actionForm.getByRole('button', { name: 'Lägg till åtgärden' }).click()
      await member.getByText('Fältarna går stationsrundan').waitFor({ timeout: 3000 })
      await expectNoAxeViolations(chair)
      await expectNoAxeViolations(member)
      await chair.screenshot({ path: `${screenshots}/meeting-running.png`, fullPage: true })

      // The pages that work without JavaScript: one agenda item, a new action.
      const itemLink = await chair.locator('.agenda-item__edit').first().getAttribute('href')
      await chair.goto(`${base}${itemLink}`)
      await expectNoAxeViolations(chair)
      await chair.goto(meetingUrl)
      const newActionLink = await chair
        .locator('#beslut a[href$="/atgarder/ny"]')
        .first()
        .getAttribute('href')
      await chair.goto(`${base}${newActionLink}`)
      await expectNoAxeViolations(chair)
      await chair.goto(meetingUrl)

      // The member's actions, one action, and a progress note the personal-data check refuses, marked.
      await member.goto(`${base}/atgarder`)
      await expectNoAxeViolations(member)
      await member.getByRole('link', { name: 'Fältarna går stationsrundan' }).first().click()
      await member
        .getByLabel('Ny lägesrapport (daterad)')
        .fill('Pratade med Mikael Lindqvist vid stationen')
      await member.getByRole('button', { name: 'Lägg till' }).click()
      expect(await textOf(member.locator('mark').first())).toBe('Mikael')
      await expectNoAxeViolations(member)
      await member.screenshot({ path: `${screenshots}/personal-data-refused.png`, fullPage: true })
      await member.goto(`${base}/`)
      await member.getByRole('button', { name: 'Skapa kalenderlänk' }).click()
      await expectNoAxeViolations(member)
      await member.goto(meetingUrl)

      // Close, approve twice, and the minutes are frozen.
      await chair.getByRole('button', { name: 'Stäng mötet' }).click()
      await chair.getByRole('link', { name: 'Till protokollet' }).click()
      await chair.getByRole('button', { name: 'Justera som ordförande' }).click()
      await member.goto(`${meetingUrl}/protokoll`)
      await member.getByRole('button', { name: 'Justera som justerare' }).click()
      expect(await textOf(member.locator('.minutes-record'))).toContain('Justerat protokoll')
      await expectNoAxeViolations(member)
      await member.screenshot({ path: `${screenshots}/minutes.png`, fullPage: true })
      await member.emulateMedia({ media: 'print' })
      // printed: no navigation, and the meeting's name and time at the head of every page
      const printed = await member.evaluate(
        () => getComputedStyle(document.querySelector('.site-header')!).display,
      )
      expect(printed).toBe('none')
      const head = await member.request.get(`${meetingUrl}/protokoll/utskrift.css`)
      expect(head.status()).toBe(200)
      expect(await head.text()).toMatch(
        /@top-left \{ content: "Protokoll: EST Webbläsarmöte.*\d\d:\d\d/,
      )
      // Headless PDF export keeps the scroll position, which pushes the fixed footer off the pages.
      await member.evaluate(() => window.scrollTo(0, 0))
      await member.pdf({ path: `${screenshots}/minutes.pdf`, format: 'A4' })
      expect(problems).toEqual([])
    })

    it('tells a member whose session has ended that the page no longer updates, with a way back; axe passes', async () => {
      const meetingId = await aMeeting(ctx.db, teamId, { status: 'open' })
      const member = await pageFor('member')
      await member.goto(`${base}/moten/${meetingId}`)
      await member.waitForTimeout(300)
      await ctx.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() + 1500).toISOString() })
        .where('user_id', '=', people.member.id)
        .execute()
      // a change makes the stream read the session again, and from then on it wakes when the session ends
      ctx.live.publish(meetingId, { kind: 'attendance' })
      await member
        .getByText('Du är inte längre inloggad, så sidan uppdateras inte längre.')
        .waitFor({ timeout: 8000 })
      const back = await member.getByRole('link', { name: 'Logga in igen' }).getAttribute('href')
      expect(back).toBe(`/logga-in?nasta=${encodeURIComponent(`/moten/${meetingId}`)}`)
      await expectNoAxeViolations(member)
    })
  },
)
