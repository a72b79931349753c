import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, anAgency, anArea, aTeam, aUser } from '../support/builders'
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
let meetingId: string
const people = {} as Record<
  'chair' | 'social' | 'police' | 'housing',
  Awaited<ReturnType<typeof aUser>>
>
const description = 'Oro för en ungdom som rör sig vid stationen sent på kvällarna'

async function pageFor(who: keyof typeof people): Promise<Page> {
  const page = await support.newPage(browser)
  await support.login(page, base, people[who])
  return page
}

describe.skipIf(!hasChromium)(
  'a situation entry shared through the sharing guide, in a real browser',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      ctx = await createTestContext()
      const team = await aTeam(ctx.db, { name: 'EST Stationsområdet' })
      teamId = team.id
      await anArea(ctx.db, team.id, 'Stationsområdet')
      const agencies = {
        chair: await anAgency(ctx.db, { name: 'Trygghetsenheten', kind: 'municipal_safety' }),
        social: await anAgency(ctx.db, { name: 'Socialtjänsten', kind: 'social_services' }),
        police: await anAgency(ctx.db, { name: 'Polisen', kind: 'police' }),
        housing: await anAgency(ctx.db, {
          name: 'Bostadsbolaget',
          kind: 'housing',
          isPublicAuthority: false,
        }),
      }
      for (const who of ['chair', 'social', 'police', 'housing'] as const) {
        people[who] = await aUser(ctx.db, { agencyId: agencies[who].id })
        await aMembership(ctx.db, team.id, people[who].id, who === 'chair' ? 'chair' : 'member')
      }
      meetingId = await aMeeting(ctx.db, team.id, { status: 'open', startsInDays: 0 })
      ;({ browser, base, stop } = await support.startBrowser(ctx.app))
    })
    afterAll(async () => {
      await stop?.()
      await ctx?.destroy()
    })

    it('social services shares with the police on a basis the guide proposes; the housing company sees only the stub', async () => {
      const social = await pageFor('social')
      const problems = watchConsole(social)
      await social.goto(`${base}/team/${teamId}/poster/ny`)
      await expectNoAxeViolations(social)
      expect(await textOf(social.locator('#period-weeks'))).toMatch(/Perioden omfattar v\. \d+/)

      // By keyboard: area, category, then the text.
      await social.getByLabel('Område').focus()
      await social.keyboard.press('ArrowDown')
      await social.getByLabel('Kategori').selectOption({ label: 'Otrygg plats' })
      await social.getByLabel('Ökande').check()
      await social.getByLabel('Beskrivning').fill(description)
      await social.getByLabel('Utvalda aktörer').check()
      await social.getByLabel('Polisen').check()
      await social.getByRole('button', { name: 'Spara posten' }).click()

      // The widening needs a basis: the form comes back with the guide open and everything kept.
      await social.locator('.error-summary').waitFor()
      expect(await social.getByLabel('Beskrivning').inputValue()).toBe(description)
      expect(await social.locator('#sharing-guide').getAttribute('open')).not.toBeNull()
      await expectNoAxeViolations(social)
      const guide = social.locator('#sharing-guide')
      await guide
        .getByRole('group', { name: /identifiera en enskild person/ })
        .getByLabel('Ja')
        .check()
      await guide.getByRole('group', { name: 'Är personen under 21 år?' }).getByLabel('Ja').check()
      await guide
        .getByRole('group', { name: /Finns samtycke/ })
        .getByLabel('Nej')
        .check()
      await guide.getByLabel('Att förhindra brott').check()
      await social.getByRole('button', { name: 'Visa möjliga grunder' }).click()
      const basis = social.getByLabel(/OSL 10 kap\. 18 a §/)
      await basis.waitFor()
      expect(await social.getByLabel('Beskrivning').inputValue()).toBe(description)
      await expectNoAxeViolations(social)
      await social.screenshot({ path: `${screenshots}/situation-entry-guide.png`, fullPage: true })
      await basis.check()
      await social.getByRole('button', { name: 'Spara posten' }).click()
      expect(await textOf(social.getByRole('status'))).toContain('Posten är sparad')

      const entry = await ctx.db
        .selectFrom('situation_entries')
        .select(['id', 'scope', 'legal_basis_id'])
        .where('description', '=', description)
        .executeTakeFirstOrThrow()
      expect(entry.scope).toBe('agencies')
      expect(
        await ctx.db
          .selectFrom('disclosures')
          .select('id')
          .where('entry_id', '=', entry.id)
          .execute(),
      ).toHaveLength(1)
      expect(problems).toEqual([])

      const police = await pageFor('police')
      await police.goto(`${base}/moten/${meetingId}`)
      expect(await textOf(police.locator('#lagesbild'))).toContain(description)

      const housing = await pageFor('housing')
      await housing.goto(`${base}/moten/${meetingId}`)
      const picture = await textOf(housing.locator('#lagesbild'))
      expect(picture).toContain('Stationsområdet')
      expect(picture).toContain('Otrygg plats')
      expect(picture).not.toContain(description)
      expect(picture).toContain('Bara område, vecka, kategori och trend delas med din aktör.')
      await expectNoAxeViolations(housing)
      await housing.screenshot({
        path: `${screenshots}/situation-meeting-housing.png`,
        fullPage: true,
      })
      expect((await housing.goto(`${base}/poster/${entry.id}`))!.status()).toBe(200)
      expect(await housing.locator('main').innerText()).not.toContain(description)

      await social.goto(`${base}/moten/${meetingId}`)
      await expectNoAxeViolations(social)
      await social.goto(`${base}/utlamnanden`)
      expect(await textOf(social.locator('main'))).toContain('Polisen')
      await expectNoAxeViolations(social)
    })

    it('the personal-data check: a name is refused with advice; a detail that may single someone out is asked about, and kept with a reason', async () => {
      const social = await pageFor('social')
      await social.goto(`${base}/team/${teamId}/poster/ny`)
      await social.getByLabel('Kategori').selectOption({ label: 'Otrygg plats' })
      await social.getByLabel('Beskrivning').fill('Pappan Bo och sonen syns vid stationen sent')
      await social.getByRole('button', { name: 'Spara posten' }).click()
      await social.locator('.error-summary').waitFor()
      const advice = await textOf(social.locator('.field__notes'))
      expect(advice).toContain('Namn: skriv i stället')
      expect(await social.locator('.field__excerpt mark').innerText()).toBe('Bo')
      await expectNoAxeViolations(social)

      const detail = 'En 14-åring i 8B har slutat komma till lektionerna'
      await social.getByLabel('Beskrivning').fill(detail)
      await social.getByRole('button', { name: 'Spara posten' }).click()
      const reason = social.getByLabel('Behålla texten som den är? Ange skälet')
      await reason.waitFor()
      await expectNoAxeViolations(social)
      await social.screenshot({
        path: `${screenshots}/personal-data-second-tier.png`,
        fullPage: true,
      })
      // By keyboard: the choice, then the form's own button.
      await reason.focus()
      await social.keyboard.press('ArrowDown')
      expect(await reason.inputValue()).toBe('needed_for_assessment')
      await social.getByRole('button', { name: 'Spara posten' }).click()
      expect(await textOf(social.getByRole('status'))).toContain('Posten är sparad')
      const saved = await ctx.db
        .selectFrom('situation_entries')
        .select('id')
        .where('description', '=', detail)
        .execute()
      expect(saved).toHaveLength(1)
    })
  },
)
