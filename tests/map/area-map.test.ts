import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { aMeeting, anArea, aUser, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { lonLatAreas, planarAreas } from './fixtures'

const s = useTeamWithRoles()

const outlinesPage = () => `/team/${s.t.team.id}/karta`
const upload = (fields: Record<string, string>) =>
  s.t.coordinator.client.submit(outlinesPage(), fields, { action: outlinesPage() })

async function mapOnOverview(who: 'member' | 'observer' = 'member') {
  const html = await (await s.t[who].client.get(`/team/${s.t.team.id}/lagesbild`)).text()
  return parse(html).querySelector('.area-map')
}

describe('the picture on a map', () => {
  it('draws the areas from outlines the coordinator uploads, with the same content as a table', async () => {
    const names = ['Norr', 'Söder', 'Väster']
    for (const name of names) await anArea(s.ctx.db, s.t.team.id, name)
    s.ctx.live.contentChanged(['area'])
    // No outlines yet: the overview has no map.
    expect(await mapOnOverview()).toBeNull()

    // Two areas in the file, and a name no area has.
    const saved = await upload({ geojson: lonLatAreas(['norr', 'Söder', 'Centrum']) })
    expect(saved.status).toBe(200)
    const page = await saved.text()
    expect(page).toContain('Konturer sparade för: Norr, Söder.')
    expect(page).toContain('Inget område heter: Centrum.')

    const map = (await mapOnOverview())!
    const svg = map.querySelector('svg')!
    expect(svg.getAttribute('aria-hidden')).toBe('true')
    const paths = svg.querySelectorAll('a path')
    expect(paths).toHaveLength(2)
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/)
    // Links in the drawing are not in the tab order; the table's are.
    expect(svg.querySelectorAll('a').every((a) => a.getAttribute('tabindex') === '-1')).toBe(true)
    expect(map.textContent).toContain('Områden utan kontur: Väster.')
    const rows = map.querySelectorAll('tbody tr').map((row) => row.querySelector('th')!.textContent)
    expect(rows.sort()).toEqual([...names].sort())
    expect(map.querySelector('tbody a')!.getAttribute('href')).toMatch(/lagesbild\?.*omrade=/)
  })

  it('takes a whole file for one chosen area, in the system already used, and refuses the rest with a reason', async () => {
    const area = (
      await s.ctx.db
        .selectFrom('areas')
        .select('id')
        .where('team_id', '=', s.t.team.id)
        .where('name', '=', 'Väster')
        .executeTakeFirstOrThrow()
    ).id
    // SWEREF 99 TM beside WGS 84 outlines: one drawing holds one system.
    const other = await upload({ geojson: planarAreas(['Väster']) })
    expect(other.status).toBe(422)
    expect(await other.text()).toContain('ett annat koordinatsystem')

    for (const [text, message] of [
      ['{ inte json', 'Filen går inte att läsa som JSON.'],
      ['{"type":"Point","coordinates":[13,55]}', 'Filen innehåller inga polygoner'],
      ['', 'Välj en fil eller klistra in GeoJSON.'],
      [lonLatAreas(['Okänt']), 'Inget objekt i filen har namnet på ett av teamets områden'],
    ] as const) {
      const refused = await upload({ geojson: text })
      expect(refused.status, text).toBe(422)
      expect(await refused.text()).toContain(message)
    }

    const chosen = await upload({ geojson: lonLatAreas(['vad som helst']), areaId: area })
    expect(await chosen.text()).toContain('Konturer sparade för: Väster.')
    expect((await mapOnOverview('observer'))!.textContent).not.toContain('Områden utan kontur')
  })

  it('is kept by the coordinator alone; another team’s area cannot be given an outline', async () => {
    for (const who of ['chair', 'member', 'observer'] as const) {
      expect((await s.t[who].client.get(outlinesPage())).status, who).toBe(403)
      expect(
        (
          await s.t[who].client.post(
            outlinesPage(),
            { geojson: lonLatAreas(['Norr']) },
            { forged: true },
          )
        ).status,
        who,
      ).toBe(403)
    }
    expect((await s.t.outsider.client.get(outlinesPage())).status).toBe(404)
    const foreign = await s.t.coordinator.client.post(
      outlinesPage(),
      { geojson: lonLatAreas(['Norr']), areaId: crypto.randomUUID() },
      { forged: true },
    )
    expect(foreign.status).toBe(422)
    // Removing an outline, through the page's button.
    const removed = await s.t.coordinator.client.submit(
      outlinesPage(),
      {},
      { action: /\/ta-bort$/ },
    )
    expect(removed.status).toBe(303)
    expect(await s.ctx.db.selectFrom('area_outlines').selectAll().execute()).toHaveLength(2)
  })

  it('is kept by the admin too, from the team’s set-up page, without any of the team’s content', async () => {
    await anArea(s.ctx.db, s.t.team.id, 'Östra')
    s.ctx.live.contentChanged(['area'])
    const admin = new TestClient(s.ctx.app)
    const person = await aUser(s.ctx.db, { isAdmin: true })
    await admin.login(person.email, person.password)
    const setUp = await (await admin.get(`/admin/team/${s.t.team.id}`)).text()
    const page = `/admin/team/${s.t.team.id}/karta`
    expect(setUp).toContain(`href="${page}"`)
    const saved = await admin.submit(page, { geojson: lonLatAreas(['Östra']) }, { action: page })
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Konturer sparade för: Östra.')
    // The admin's page links to the admin's pages, not the team's (which stay closed to them).
    expect(await (await admin.get(page)).text()).not.toContain(`href="/team/${s.t.team.id}"`)
    expect((await admin.get(`/team/${s.t.team.id}/lagesbild`)).status).toBe(404)
    // The admin's door is the admin's: a coordinator is refused it.
    expect((await s.t.coordinator.client.get(page)).status).toBe(403)
    expect((await admin.get(`/admin/team/${crypto.randomUUID()}/karta`)).status).toBe(404)
  })

  it('shows a meeting’s picture on the map to those who see the meeting, and to nobody else', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const page = await (await s.t.observer.client.get(`/moten/${meetingId}`)).text()
    const link = parse(page).querySelector(`#meeting-map a`)!
    expect(link.getAttribute('href')).toBe(`/moten/${meetingId}/karta`)
    const fragment = await s.t.observer.client.get(`/moten/${meetingId}/karta`, {
      'hx-request': 'true',
    })
    expect(fragment.status).toBe(200)
    const map = parse(await fragment.text()).querySelector('.area-map')!
    expect(map.querySelectorAll('svg a path').length).toBeGreaterThan(0)
    expect(map.querySelectorAll('tbody tr').length).toBeGreaterThan(0)
    // Without JavaScript, the link opens it as a page.
    expect((await s.t.observer.client.get(`/moten/${meetingId}/karta`)).status).toBe(200)
    expect((await s.t.outsider.client.get(`/moten/${meetingId}/karta`)).status).toBe(404)
    expect((await s.t.member.client.get(`/moten/${crypto.randomUUID()}/karta`)).status).toBe(404)
  })
})
