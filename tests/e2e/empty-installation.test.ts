import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { isoWeekKey, localDayAndTime, todayInStockholm } from '../../src/i18n/format'
import * as support from '../support/browser'
import {
  expectNoAxeViolations,
  hasChromium,
  screenshots,
  textOf,
  watchConsole,
} from '../support/browser'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

// product.md §4, flows 1–8, as the people who do them, in Debian's Chromium, from an empty
// database: nothing is seeded, every person comes in through an invitation and signs in
// through /logga-in, every step is a form a person fills. Invented names only.
let ctx: TestContext
let browser: Browser
let base: string
let stop: () => Promise<void>

const password = 'ett långt lösenord för webbläsartest'
const people = {
  coordinator: {
    name: 'Siri Samordnare',
    email: 'siri.samordnare@example.se',
    agency: 'Exempelstads kommun, trygghetsenheten',
    role: 'Samordnare',
  },
  chair: {
    name: 'Olle Ordförande',
    email: 'olle.ordforande@example.se',
    agency: 'Polisen Exempelstad',
    role: 'Ordförande',
  },
  member: {
    name: 'Lena Ledamot',
    email: 'lena.ledamot@example.se',
    agency: 'Socialtjänsten Exempelstad',
    role: 'Ledamot',
  },
  housing: {
    name: 'Bo Bostad',
    email: 'bo.bostad@example.se',
    agency: 'Exempelstadshem AB',
    role: 'Ledamot',
  },
  observer: {
    name: 'Olga Observatör',
    email: 'olga.observator@example.se',
    agency: 'Polisen Exempelstad',
    role: 'Observatör',
  },
}
type Who = keyof typeof people
const description =
  'Grupp om tio ungdomar samlas kvällstid vid gallerians entré, ökande sedan förra veckan.'

/** Presses Tab until the field has the focus, as a keyboard user moves through a form. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 15; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

async function signIn(who: Who): Promise<Page> {
  const page = await support.newPage(browser)
  await support.login(page, base, { email: people[who].email, password })
  return page
}

describe.skipIf(!hasChromium)(
  'a municipality from an empty installation to approved minutes, in a real browser',
  { timeout: 240_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('walks flows 1–8 through the forms, with axe passing on every page', async () => {
      // 1. First start: the link Läget prints once (npm start prints what this returns).
      const firstLink = (await prepareFirstAdminLink(ctx.db, testOrigin))!.slice(testOrigin.length)
      const admin = await support.newPage(browser)
      const problems = watchConsole(admin)
      await admin.goto(`${base}${firstLink}`)
      await expectNoAxeViolations(admin)
      await admin.getByLabel('Namn', { exact: true }).fill('Alva Administratör')
      await admin.getByLabel('E-postadress').fill('alva.admin@example.se')
      await admin.getByLabel('Nytt lösenord').fill(password)
      await admin.getByLabel('Upprepa lösenordet').fill(password)
      await admin.getByLabel('Organisationens namn').fill(people.coordinator.agency)
      await admin.getByRole('button', { name: 'Skapa administratör' }).click()
      // The administrator enrols a second factor on the way in.
      await admin.waitForURL(`${base}/logga-in/tvastegs`)
      await expectNoAxeViolations(admin)
      await support.secondStep(admin, 'alva.admin@example.se')
      await admin.waitForURL(`${base}/admin`)
      expect(await textOf(admin.locator('.steps'))).toContain('inte klart än')
      await expectNoAxeViolations(admin)

      // 2. Agencies: the public-authority box follows the kind.
      for (const [name, kind] of [
        [people.chair.agency, 'Polis'],
        [people.member.agency, 'Socialtjänst'],
        [people.housing.agency, 'Bostadsbolag (privat aktör)'],
      ] as const) {
        await admin.goto(`${base}/admin/aktorer`)
        await admin.getByLabel('Namn', { exact: true }).fill(name)
        await admin.getByLabel('Typ av aktör').selectOption({ label: kind })
        expect(await admin.getByLabel('Myndighet (offentlig verksamhet)').isChecked()).toBe(
          !kind.includes('privat'),
        )
        await admin.getByRole('button', { name: 'Skapa aktör' }).click()
        await admin.waitForURL(/klart=created/)
      }
      expect(await textOf(admin.locator('main table'))).toContain('Nej (privat aktör)')
      await expectNoAxeViolations(admin)

      // Invitations: the link is shown once with a copy button; each person activates through the page's form.
      for (const who of Object.keys(people) as Who[]) {
        await admin.goto(`${base}/admin/anvandare`)
        await admin.getByRole('link', { name: 'Bjud in en användare' }).click()
        await admin.waitForURL(/\/admin\/anvandare\/ny$/)
        await admin.getByLabel('Namn', { exact: true }).fill(people[who].name)
        await admin.getByLabel('E-postadress').fill(people[who].email)
        await admin.getByLabel('Aktör', { exact: true }).selectOption({ label: people[who].agency })
        await admin.getByRole('button', { name: 'Bjud in' }).click()
        await admin.locator('#one-time-link').waitFor()
        await admin.getByRole('button', { name: 'Kopiera länken' }).waitFor()
        if (who === 'coordinator') await expectNoAxeViolations(admin)
        const link = await admin.locator('#one-time-link').inputValue()
        const invited = await support.newPage(browser)
        await invited.goto(link.replace(testOrigin, base))
        if (who === 'coordinator') await expectNoAxeViolations(invited)
        await invited.getByLabel('Nytt lösenord').fill(password)
        await invited.getByLabel('Upprepa lösenordet').fill(password)
        await invited.getByRole('button', { name: 'Aktivera kontot' }).click()
        await invited.waitForURL(`${base}/`)
        await invited.context().close()
      }

      // The team, its areas and its members with their roles.
      await admin.goto(`${base}/admin/team`)
      await admin.getByLabel('Teamets namn').fill('EST Centrum')
      await admin.getByRole('button', { name: 'Skapa team' }).click()
      await admin.waitForURL(/\/admin\/team\/[0-9a-f-]{36}/)
      const teamAdmin = admin.url().split('?')[0]!
      for (const area of ['Centrumgallerian', 'Stationsparken']) {
        await admin.getByLabel('Nytt område').fill(area)
        await admin.getByRole('button', { name: 'Lägg till område' }).click()
        await admin.waitForURL(/#omraden|klart/)
      }
      for (const who of Object.keys(people) as Who[]) {
        await admin.goto(teamAdmin)
        await admin
          .locator('#newMember-userId')
          .selectOption({ label: `${people[who].name} (${people[who].agency})` })
        await admin.locator('#newMember-role').selectOption({ label: people[who].role })
        await admin
          .locator('#newMember-userId')
          .locator('xpath=ancestor::form')
          .getByRole('button', { name: 'Lägg till' })
          .click()
        await admin.waitForLoadState()
      }
      await expectNoAxeViolations(admin)
      await admin.goto(`${base}/admin`)
      expect(await admin.locator('.steps__step--done').count()).toBe(3)
      await admin.screenshot({ path: `${screenshots}/empty-admin-steps.png`, fullPage: true })

      // 3. Prepare: the coordinator finds the next step on the team page and sets up the series.
      const coordinator = await signIn('coordinator')
      await coordinator.getByRole('link', { name: 'EST Centrum' }).click()
      await expectNoAxeViolations(coordinator)
      await coordinator.getByRole('link', { name: 'Lägg upp teamets mötesserie' }).click()
      await coordinator.getByRole('link', { name: 'Ny mötesserie' }).click()
      await coordinator.getByLabel('Plats', { exact: true }).fill('Stadshuset, sal 2')
      await coordinator.getByRole('button', { name: 'Skapa mötesserien' }).click()
      await coordinator.waitForURL(/\/moten\?serie=/)
      await expectNoAxeViolations(coordinator)
      await coordinator.locator('table a').first().click()
      await coordinator.waitForURL(/\/moten\/[0-9a-f-]{36}$/)
      const meetingUrl = coordinator.url()

      // The agenda by keyboard alone: open the add form, type, submit with Enter.
      await coordinator.getByText('Lägg till en punkt').focus()
      await coordinator.keyboard.press('Enter')
      await tabTo(coordinator, '#agenda-new-title')
      await coordinator.keyboard.type('Fördjupning: Stationsparken')
      await tabTo(coordinator, '#agenda-new-minutes')
      await coordinator.keyboard.type('10')
      await coordinator.keyboard.press('Enter')
      expect(await textOf(coordinator.locator('.agenda-status'))).toContain(
        'Dagordningen är uppdaterad.',
      )
      expect(await textOf(coordinator.locator('#dagordning'))).toContain(
        'Fördjupning: Stationsparken',
      )
      // The focus follows the change: to the new item, or stays on the refused field; never to <body>.
      const focused = () =>
        coordinator.evaluate(() => ({
          id: document.activeElement?.id ?? '',
          cls: document.activeElement?.className ?? '',
          text: document.activeElement?.textContent ?? '',
        }))
      expect(await focused()).toMatchObject({
        id: expect.stringMatching(/^agenda-item-/),
        text: expect.stringContaining('Fördjupning: Stationsparken'),
      })
      await expectNoAxeViolations(coordinator)
      await coordinator.locator('.agenda-new > summary').focus()
      await coordinator.keyboard.press('Enter')
      await tabTo(coordinator, '#agenda-new-title')
      await coordinator.keyboard.type('Ring Kalle Svensson på 070-123 45 67')
      await coordinator.keyboard.press('Enter')
      // Refused: the focus stays on the field, which now carries its error (read out through aria-describedby).
      await coordinator.locator('#agenda-new-title-error').waitFor()
      expect(await focused()).toMatchObject({ id: 'agenda-new-title' })
      expect(
        await coordinator.locator('#agenda-new-title').getAttribute('aria-describedby'),
      ).toContain('agenda-new-title-error')
      expect(await coordinator.locator('#agenda-new-title').inputValue()).toBe(
        'Ring Kalle Svensson på 070-123 45 67',
      )
      await expectNoAxeViolations(coordinator)
      await coordinator.locator('#agenda-new-title').fill('Information från polisen')
      await coordinator.locator('#agenda-new-title').press('Enter')
      await coordinator
        .locator('.agenda-item__title', { hasText: 'Information från polisen' })
        .waitFor()
      await expect.poll(async () => (await focused()).text).toContain('Information från polisen')
      await coordinator.getByRole('button', { name: 'Publicera kallelsen' }).click()
      expect(await textOf(coordinator.locator('.status'))).toBe('Kallat')

      // 4. Report: the member reports by keyboard and shares with the police through the guide.
      const member = await signIn('member')
      expect(await textOf(member.locator('#my-meetings').locator('..'))).toContain('Kallat')
      await member.getByRole('link', { name: 'EST Centrum' }).click()
      await member.getByRole('link', { name: 'Ny lägesbildspost' }).first().click()
      await expectNoAxeViolations(member)
      await member.getByLabel('Område').focus()
      await member.keyboard.type('Centrumgallerian')
      await member.getByLabel('Kategori').focus()
      await member.keyboard.type('Samlingsplats')
      await member.getByLabel('Ökande').focus()
      await member.keyboard.press('Space')
      await member.getByLabel('Beskrivning').focus()
      await member.keyboard.type(description)
      await member.getByLabel('Utvalda aktörer').focus()
      await member.keyboard.press('Space')
      await member.getByLabel(people.chair.agency).focus()
      await member.keyboard.press('Space')
      await member.getByRole('button', { name: 'Spara posten' }).focus()
      await member.keyboard.press('Enter')
      await member.locator('.error-summary').waitFor()
      const guide = member.locator('#sharing-guide')
      await guide
        .getByRole('group', { name: /identifiera en enskild person/ })
        .getByLabel('Nej')
        .check()
      await member.getByRole('button', { name: 'Visa möjliga grunder' }).click()
      const basis = member.locator('#sharing-guide input[name="legalBasisId"]').first()
      await basis.waitFor()
      await basis.check()
      await expectNoAxeViolations(member)
      await member.getByRole('button', { name: 'Spara posten' }).click()
      expect(await textOf(member.getByRole('status'))).toContain('Posten är sparad')

      // The housing company reads the stub only.
      const housing = await signIn('housing')
      await housing.goto(meetingUrl)
      const stub = await textOf(housing.locator('#lagesbild'))
      expect(stub).toContain('Centrumgallerian')
      expect(stub).toContain('Samlingsplats')
      expect(stub).not.toContain(description)
      await expectNoAxeViolations(housing)

      // 5. Meet: the chair opens the meeting, marks attendance, records a decision, an action and an assessment.
      const chair = await signIn('chair')
      await chair.goto(meetingUrl)
      expect(await textOf(chair.locator('#lagesbild'))).toContain(description)
      await chair.getByRole('button', { name: 'Öppna mötet' }).click()
      expect(await textOf(chair.locator('.status'))).toBe('Pågår')
      // The running meeting: jump links, the agenda read rather than edited, a decision under an item.
      await chair
        .locator('.jump-links')
        .getByRole('link', { name: 'Beslut och åtgärder' })
        .waitFor()
      expect(await chair.locator('.agenda-item__tools').first().isVisible()).toBe(false)
      await chair.getByText('Ändra dagordningen').click()
      expect(await chair.locator('.agenda-item__tools').first().isVisible()).toBe(true)
      await chair.getByText('Ändra dagordningen').click()
      const underItem = chair.locator('.agenda-item', { hasText: 'Fördjupning: Stationsparken' })
      await underItem.getByText('Nytt beslut under ”Fördjupning: Stationsparken”').click()
      await underItem
        .getByLabel('Beslut')
        .fill('Stationsparken tas upp på nästa möte med parkförvaltningen')
      await underItem.getByRole('button', { name: 'Anteckna beslutet' }).click()
      await chair
        .locator('#beslut .row-list__title', {
          hasText: 'Stationsparken tas upp på nästa möte med parkförvaltningen',
        })
        .waitFor()
      await expectNoAxeViolations(chair)
      for (const agency of await chair.locator('#narvaro input[type=checkbox]').all())
        await agency.check()
      await chair.getByRole('button', { name: 'Spara närvaron' }).click()
      const checker = await chair
        .locator('#checker-userId option', { hasText: people.member.name })
        .getAttribute('value')
      await chair.locator('#checker-userId').selectOption(checker!)
      await chair.getByRole('button', { name: 'Spara justerare' }).click()
      await chair.locator('#decision-text').fill('Extra vuxennärvaro vid gallerian fredagskvällar')
      await chair.getByRole('button', { name: 'Anteckna beslutet' }).click()
      await member.goto(meetingUrl)
      await member.getByText('Extra vuxennärvaro vid gallerian fredagskvällar').waitFor()
      await expectNoAxeViolations(member)
      const decisionItem = chair.locator('#beslut li', {
        hasText: 'Extra vuxennärvaro vid gallerian fredagskvällar',
      })
      await decisionItem.getByText(/Ny åtgärd utifrån beslutet/).click()
      const actionForm = decisionItem.locator('form')
      await actionForm.waitFor()
      await expectNoAxeViolations(chair) // the action form, swapped in by htmx
      await actionForm.getByLabel('Åtgärd').fill('Fältarna går kvällsrundan vid gallerian')
      await actionForm.getByLabel('Ansvarig aktör').selectOption({ label: people.member.agency })
      await actionForm.getByRole('button', { name: 'Lägg till åtgärden' }).click()
      await member.getByText('Fältarna går kvällsrundan vid gallerian').waitFor({ timeout: 5000 })
      await expectNoAxeViolations(member) // after the live update
      const assess = chair.locator('li.assessment', { hasText: 'Centrumgallerian' })
      // A live update arriving just then may swap the section back closed: open it until it stays open.
      await expect
        .poll(async () => {
          if (!(await assess.getByLabel('Nivå').isVisible()))
            await assess.getByText('Bedöm Centrumgallerian').click()
          return assess.getByLabel('Nivå').isVisible()
        })
        .toBe(true)
      await assess.getByLabel('Nivå').selectOption({ label: 'Orange' })
      await assess.getByLabel('Motivering').fill('Fler samlingar vid entrén kvällstid')
      await assess.getByRole('button', { name: 'Spara bedömningen' }).click()
      await chair.locator('#bedomning').getByText('Fler samlingar vid entrén kvällstid').waitFor()
      await expectNoAxeViolations(chair)
      await chair.screenshot({ path: `${screenshots}/empty-meeting-running.png`, fullPage: true })

      // 6. Close and approve: chair and minute-checker; the minutes are frozen.
      await chair.getByRole('button', { name: 'Stäng mötet' }).click()
      await chair.getByRole('link', { name: 'Till protokollet' }).click()
      await chair.getByRole('button', { name: 'Justera som ordförande' }).click()
      await member.goto(`${meetingUrl}/protokoll`)
      await member.getByRole('button', { name: 'Justera som justerare' }).click()
      const record = await textOf(member.locator('.minutes-record'))
      expect(record).toContain('Justerat protokoll')
      expect(record.match(/Justerat av /g)).toHaveLength(2)
      await expectNoAxeViolations(member)
      const observer = await signIn('observer')
      await observer.goto(`${meetingUrl}/protokoll`)
      const minutes = await textOf(observer.locator('main'))
      expect(minutes).toContain('Extra vuxennärvaro vid gallerian fredagskvällar')
      expect(minutes).not.toContain(description)

      // 6b. A request for public records: the coordinator releases a copy, the decisions masked.
      const registrar = await signIn('coordinator')
      await registrar.goto(`${meetingUrl}/protokoll`)
      await registrar
        .getByRole('link', { name: 'Lämna ut en kopia (begäran om allmän handling)' })
        .click()
      await registrar.getByLabel('Begärans diarienummer (om det finns)').fill('KS 2026/77')
      await registrar.getByLabel('Beslut och åtgärder').selectOption({
        label: 'Maskeras enligt 18 kap. 8 § OSL (Säkerhets- och bevakningsåtgärder)',
      })
      await expectNoAxeViolations(registrar)
      await registrar.getByRole('button', { name: 'Besluta och gör kopian' }).click()
      await registrar.getByRole('link', { name: 'Ladda ner kopian (PDF)' }).waitFor()
      expect(await textOf(registrar.locator('#utlamnade'))).toContain(
        'maskerat: Beslut och åtgärder (18 kap. 8 § OSL)',
      )
      await expectNoAxeViolations(registrar)

      // 7. Follow up: the owner agency sets its action in progress with a dated note.
      await member.goto(`${base}/atgarder`)
      await expectNoAxeViolations(member)
      await member
        .getByRole('link', { name: 'Fältarna går kvällsrundan vid gallerian' })
        .first()
        .click()
      await member
        .getByLabel('Ny lägesrapport (daterad)')
        .fill('Första rundan gjord, lugnt vid entrén')
      await member.getByRole('button', { name: 'Lägg till' }).click()
      await member.getByText('Första rundan gjord, lugnt vid entrén').waitFor()
      await member.getByLabel(/^Status för/).selectOption({ label: 'Pågår' })
      await member.getByRole('button', { name: 'Spara status' }).click()
      await member.waitForLoadState()
      await expectNoAxeViolations(member)

      // 8. Look back: the overview with the level and count, its CSV, and the analysis.
      await chair.goto(meetingUrl.replace(/\/moten\/.*/, '/'))
      await chair.getByRole('link', { name: 'EST Centrum' }).click()
      await chair.getByRole('link', { name: 'Lägesbild över tid' }).first().click()
      const overview = await textOf(chair.locator('main'))
      expect(overview).toContain('Centrumgallerian')
      expect(overview).toContain('Orange')
      await expectNoAxeViolations(chair)
      const csvHref = await chair.getByRole('link', { name: /CSV/ }).first().getAttribute('href')
      const csv = await chair.request.get(`${base}${csvHref}`)
      expect(csv.status()).toBe(200)
      // The level shows from the week of the meeting that assessed it: the series' first meeting is
      // next week's when the test runs after its hour on its weekday.
      const meetingId = meetingUrl.split('/').at(-1)!
      const { starts_at } = await ctx.db
        .selectFrom('meetings')
        .select('starts_at')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
      const assessedThisWeek =
        isoWeekKey(localDayAndTime(starts_at).day) === isoWeekKey(todayInStockholm())
      expect(await csv.text()).toMatch(
        assessedThisWeek
          ? /Centrumgallerian;Samlingsplats[^;]*;1;Orange/
          : /Centrumgallerian;Samlingsplats[^;]*;1;\r?\n/,
      )
      await chair.goBack()
      await chair.getByRole('link', { name: 'Analyser' }).first().click()
      await chair.waitForURL(/\/analyser/)
      await expectNoAxeViolations(chair)
      await chair.getByRole('link', { name: 'Analysera perioden' }).click()
      expect(await textOf(chair.locator('main'))).toContain('Centrumgallerian')
      await expectNoAxeViolations(chair)
      expect(problems).toEqual([])
    })
  },
)
