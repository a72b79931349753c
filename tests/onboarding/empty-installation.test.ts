import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareFirstAdminLink } from '../../src/auth/first-admin'
import { TestClient } from '../support/client'
import { optionByLabel } from '../support/form'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

// A municipality starts from an empty database: every step through the pages' own forms,
// every person through an invitation. Nothing is seeded. Invented names only.
let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const password = 'ett långt lösenord för test'
const path = (url: string) => url.slice(testOrigin.length)
const html = async (response: Response | Promise<Response>) => (await response).text()

async function invite(
  admin: TestClient,
  person: { name: string; email: string; agency: string },
  extra: Record<string, boolean> = {},
) {
  const page = await html(admin.get('/admin/anvandare/ny'))
  const agencyId = optionByLabel(page, 'agencyId', person.agency)
  const invited = await admin.submitOn(page, '/admin/anvandare', {
    name: person.name,
    email: person.email,
    agencyId,
    ...extra,
  })
  expect(invited.status).toBe(303)
  const shown = await html(admin.get(invited.headers.get('location')!))
  const link = /id="one-time-link"[^>]*value="([^"]+)"/.exec(shown)![1]!
  const browser = new TestClient(ctx.app)
  const activated = await browser.submit(path(link), { password, passwordConfirm: password })
  expect(activated.status).toBe(303)
  return browser
}

const stepsDone = async (admin: TestClient) =>
  (await html(admin.get('/admin'))).match(/\(klart\)/g)?.length ?? 0

describe('from an empty installation', () => {
  it('goes from the first admin to a team whose coordinator has a meeting series, all through the forms', async () => {
    const admin = new TestClient(ctx.app)
    const firstLink = (await prepareFirstAdminLink(ctx.db, testOrigin))!
    const created = await admin.submit(path(firstLink), {
      name: 'Alva Administratör',
      email: 'alva.admin@example.se',
      password,
      passwordConfirm: password,
      agencyName: 'Exempelstads kommun, trygghetsenheten',
      agencyKind: 'municipal_safety',
    })
    expect(created.status).toBe(303)
    await admin.secondStep('alva.admin@example.se', created)
    expect(await stepsDone(admin)).toBe(0)
    expect(await html(admin.get('/'))).toContain('href="/admin"')

    for (const [name, kind] of [
      ['Polisen, lokalpolisområde Exempelstad', 'police'],
      ['Socialtjänsten Exempelstad', 'social_services'],
      ['Exempelstadshem AB', 'housing'],
    ] as const) {
      // A person picks the kind; in a browser the box follows it (ui.js), here the person unticks it for the housing company.
      const made = await admin.submit('/admin/aktorer', {
        name,
        kind,
        ...(kind === 'housing' ? { isPublicAuthority: false } : {}),
      })
      expect(made.status).toBe(303)
    }
    expect(await stepsDone(admin)).toBe(1)

    const people = {
      coordinator: {
        name: 'Siri Samordnare',
        email: 'siri.samordnare@example.se',
        agency: 'trygghetsenheten',
        role: 'coordinator',
      },
      chair: {
        name: 'Olle Ordförande',
        email: 'olle.ordforande@example.se',
        agency: 'Polisen',
        role: 'chair',
      },
      member: {
        name: 'Lena Ledamot',
        email: 'lena.ledamot@example.se',
        agency: 'Socialtjänsten',
        role: 'member',
      },
      housing: {
        name: 'Bo Bostad',
        email: 'bo.bostad@example.se',
        agency: 'Exempelstadshem',
        role: 'member',
      },
      observer: {
        name: 'Olga Observatör',
        email: 'olga.observator@example.se',
        agency: 'Polisen',
        role: 'observer',
      },
    }
    const browsers = {} as Record<keyof typeof people, TestClient>
    for (const role of Object.keys(people) as (keyof typeof people)[])
      browsers[role] = await invite(admin, people[role])
    expect(await stepsDone(admin)).toBe(2)

    const team = await admin.submit('/admin/team', { name: 'EST Centrum', kind: 'est' })
    expect(team.status).toBe(303)
    const teamAdminPath = team.headers.get('location')!.split('?')[0]!
    for (const role of Object.keys(people) as (keyof typeof people)[]) {
      const page = await html(admin.get(teamAdminPath))
      const userId = optionByLabel(page, 'userId', people[role].name)
      const added = await admin.submitOn(
        page,
        teamAdminPath,
        { userId, role: people[role].role },
        { action: `${teamAdminPath}/medlemmar` },
      )
      expect(added.status).toBe(303)
    }
    for (const area of ['Centrumgallerian', 'Stationsparken']) {
      expect(
        (await admin.submit(teamAdminPath, { name: area }, { action: `${teamAdminPath}/omraden` }))
          .status,
      ).toBe(303)
    }
    expect(await stepsDone(admin)).toBe(3)

    // The coordinator finds the team on the start page and the next step on the team page.
    const start = await html(browsers.coordinator.get('/'))
    const teamPath = /href="(\/team\/[^"]+)">EST Centrum</.exec(start)![1]!
    const teamPage = await html(browsers.coordinator.get(teamPath))
    expect(teamPage).toContain('Lägg upp teamets mötesserie')
    const series = await browsers.coordinator.submit(`${teamPath}/moten/serier/ny`, {
      title: 'Lägesbildsmöte EST Centrum',
      cadence: 'w1',
      weekday: '2',
      startTime: '09:00',
      durationMinutes: '60',
      location: 'Stadshuset, rum 3',
    })
    expect(series.status).toBe(303)
    expect(await html(browsers.coordinator.get(teamPath))).not.toContain(
      'Lägg upp teamets mötesserie',
    )
    expect(await stepsDone(admin)).toBe(4)
    expect(await html(admin.get('/admin'))).toContain('Allt är på plats.')

    // Everyone signs in with the password they chose, and sees the team.
    for (const role of Object.keys(people) as (keyof typeof people)[]) {
      const again = new TestClient(ctx.app)
      await again.login(people[role].email, password)
      expect(await html(again.get('/'))).toContain('EST Centrum')
    }
    // The housing company was saved as a private actor, and is marked so where recipients are chosen.
    const entryForm = await html(browsers.member.get(`${teamPath}/poster/ny`))
    expect(entryForm).toContain('Exempelstadshem AB (privat aktör)')
  })
})
