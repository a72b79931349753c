import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { periodContaining } from '../../src/analysis/period'
import { todayInStockholm } from '../../src/i18n/format'
import { aMeeting, letterMarker } from '../support/builders'
import {
  aSituationTeam,
  anonymousAnswers,
  consentAnswers,
  entryForm,
  viewerKinds,
  type SituationTeam,
  type ViewerKind,
  reportEntry,
  editEntry,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let t: SituationTeam
const marker = letterMarker()
const members: ViewerKind[] = ['social', 'police', 'housing', 'school', 'observer']

async function report(who: ViewerKind, overrides: Record<string, string | string[]>) {
  const response = await reportEntry(
    t.people[who].client,
    t.team.id,
    entryForm(t, {
      description: `Iakttagelse ${marker} ${letterMarker(4)}`,
      ...overrides,
    }),
  )
  // On a refusal, say which field's error it was.
  const refusal =
    response.status === 303
      ? ''
      : [...(await response.text()).matchAll(/<a href="#f-(\w+)">([^<]*)</g)]
          .map((m) => `${m[1]}: ${m[2]}`)
          .join(' | ')
  expect(response.status, refusal).toBe(303)
}

/** The counts in the overview's row for the area, this week's cell. */
async function thisWeek(who: ViewerKind, query = '') {
  const response = await t.people[who].client.get(`/team/${t.team.id}/lagesbild${query}`)
  expect(response.status).toBe(200)
  const html = await response.text()
  const row = html.slice(html.indexOf(`<th scope="row">${t.area.name}</th>`))
  // A cell with entries links to them; an empty one shows "–".
  const cells = [
    ...row
      .slice(0, row.indexOf('</tr>'))
      .matchAll(/<td class="cell[^"]*">(?:<a href="[^"]*">([^<]*)<\/a>|(–))/g),
  ].map((m) => (m[1] ?? m[2])!)
  return { html, last: cells[cells.length - 1]!, cells }
}

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  await t.people.chair.client.submit(
    `/moten/${meetingId}`,
    {},
    { action: `/moten/${meetingId}/oppna` },
  )
  const sensitive = t.categories.find((c) => c.is_sensitive === 1)!
  // Two shared entries, one own entry listing the police, one own entry of the school, and two
  // sensitive entries (scope agencies, no recipients) from social services.
  await report('social', { scope: 'team' })
  await report('police', { scope: 'team' })
  await report('social', {
    scope: 'own',
    recipients: [t.agencies.police.id],
    ...anonymousAnswers,
    legalBasisId: t.bases['ingen-sekretess']!,
  })
  await report('school', { scope: 'own' })
  await report('social', { categoryId: sensitive.id, scope: 'agencies' })
  await report('social', {
    categoryId: sensitive.id,
    scope: 'agencies',
    recipients: [t.agencies.police.id],
    ...consentAnswers,
    legalBasisId: t.bases['samtycke']!,
  })
  await t.people.chair.client.submit(
    `/moten/${meetingId}`,
    { level: '2', trend: 'increasing', justification: 'Fler iakttagelser i centrum' },
    { action: `/moten/${meetingId}/bedomningar/${t.area.id}` },
  )
})
afterAll(async () => ctx?.destroy())

describe('the overview /team/:teamId/lagesbild', () => {
  // What each may count this week in the area: shared entries, own entries of their own agency or
  // listing it, and the two sensitive ones only where they are all the viewer's own.
  const expected: Record<string, string> = {
    social: '5', // 2 shared + its own entry + its 2 sensitive ones; not the school's own entry
    police: '3 +<3', // 2 shared + the own entry listing it; sensitive 2 from another agency: "<3"
    housing: '2 +<3',
    school: '3 +<3', // 2 shared + its own entry
    observer: '2 +<3',
  }
  for (const viewer of members) {
    it(`counts for ${viewer} exactly what the visibility rules let them count`, async () => {
      const { last, html } = await thisWeek(viewer)
      expect(last).toBe(expected[viewer]!.replace('<', '&lt;'))
      expect(html).toContain('Orange')
      expect(html).not.toContain(`Iakttagelse ${marker}`)
      expect(html).toMatch(/<svg class="sparkline"[^>]*role="img"[^>]*aria-label="Poster per vecka/)
    })
  }

  it('is 404 for admins, auditors, former members and outsiders', async () => {
    for (const viewer of viewerKinds.filter((v) => !members.includes(v))) {
      expect(
        (await t.people[viewer].client.get(`/team/${t.team.id}/lagesbild`)).status,
        viewer,
      ).toBe(404)
      expect(
        (await t.people[viewer].client.get(`/team/${t.team.id}/lagesbild.csv`)).status,
        viewer,
      ).toBe(404)
      expect(
        (
          await t.people[viewer].client.get(
            `/team/${t.team.id}/lagesbild/cell?omrade=${t.area.id}&vecka=2026-W47`,
          )
        ).status,
        viewer,
      ).toBe(404)
    }
  })

  it('filters by span, area, category and kind of agency, and answers tampered filters with 400', async () => {
    expect((await thisWeek('police', `?veckor=52&aktorstyp=police`)).last).toBe('1')
    expect((await thisWeek('police', `?kategori=${t.plain.id}`)).last).toBe('3')
    const { cells } = await thisWeek('police', '?veckor=104')
    expect(cells).toHaveLength(104)
    // Weeks without entries say "–" (nothing reported), never "0".
    expect(cells[0]).toBe('–')
    expect(cells).not.toContain('0')
    for (const query of [
      'veckor=0',
      'veckor=105',
      'veckor=tolv',
      'omrade=x',
      `omrade=${crypto.randomUUID()}`,
      'kategori=1',
      'aktorstyp=kung',
    ]) {
      const response = await t.people.police.client.get(`/team/${t.team.id}/lagesbild?${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.text()).toContain('Filtret kunde inte tolkas')
    }
  })

  it('returns only the results for htmx, and the entries behind a cell as the viewer may see them', async () => {
    const fragment = await (
      await t.people.police.client.get(`/team/${t.team.id}/lagesbild?veckor=4`, {
        'HX-Request': 'true',
      })
    ).text()
    expect(fragment.startsWith('<div id="overview-results">')).toBe(true)
    const links = fragment
      .match(/href="lagesbild\/cell\?[^"]+"/g)!
      .filter((href) => href.includes(t.area.id))
    // Resolved against the page's address, as the browser does.
    const resolved = new URL(
      links.pop()!.slice(6, -1).replaceAll('&amp;', '&'),
      `http://localhost/team/${t.team.id}/lagesbild?veckor=4`,
    )
    const link = `${resolved.pathname}${resolved.search}`
    const cell = await (await t.people.school.client.get(link)).text()
    // The school sees the two shared entries in full, its own, and no sensitive stubs that would tell "2".
    expect((cell.match(/class="entry"/g) ?? []).length).toBe(3)
    expect(cell).not.toContain('entry--stub')
    expect(cell).toContain('&lt;3')
    // and only what was shown is logged: the three entries, not the hidden sensitive ones
    await ctx.accessLog.flush()
    const logged = await ctx.db
      .selectFrom('access_log_rows')
      .select('object_id')
      .where('user_id', '=', t.people.school.id)
      .where('via', '=', 'overview_cell')
      .where('object_type', '=', 'situation_entry')
      .execute()
    expect(new Set(logged.map((row) => row.object_id)).size).toBe(3)
    const own = await (await t.people.social.client.get(link)).text()
    expect((own.match(/class="entry"/g) ?? []).length).toBe(5)
  })

  it('exports the aggregates as CSV for Excel, never a description, audited', async () => {
    const response = await t.people.school.client.get(`/team/${t.team.id}/lagesbild.csv`)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain('Vecka;Område;Kategori;Antal poster;Områdets nivå')
    expect(csv).toContain(`;${t.area.name};${t.plain.name};3;Orange`)
    expect(csv).toContain(';<3;Orange')
    expect(csv).not.toContain(marker)
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_agency_id'])
      .where('action', '=', 'situation.export')
      .execute()
    expect(audit).toContainEqual({
      action: 'situation.export',
      actor_agency_id: t.agencies.school.id,
    })
  })

  it('shows the analysis the same counts: a small sensitive count "<3", with no direction, to other agencies', async () => {
    const sensitive = t.categories.find((c) => c.is_sensitive === 1)!
    const quarter = periodContaining('quarter', todayInStockholm())
    const row = async (who: ViewerKind) => {
      const response = await t.people[who].client.get(
        `/team/${t.team.id}/analys?period=quarter&ar=${quarter.year}&nr=${quarter.number}`,
      )
      expect(response.status).toBe(200)
      const html = await response.text()
      const from = html.indexOf(`<th scope="row">${sensitive.name}</th>`)
      expect(from, who).toBeGreaterThan(0)
      return [...html.slice(from, html.indexOf('</tr>', from)).matchAll(/<td>([^<]*)<\/td>/g)].map(
        (m) => m[1],
      )
    }
    // Before, now, change: social services wrote both, so it sees the number and that it grew.
    expect(await row('social')).toEqual(['0', '2', 'Ökade'])
    for (const who of ['police', 'school', 'observer'] as const)
      expect(await row(who), who).toEqual(['0', '&lt;3', '–'])
  })

  it('keeps the counts right when an entry is withdrawn or moved to another area', async () => {
    const entry = await ctx.db
      .selectFrom('situation_entries')
      .selectAll()
      .where('source_agency_id', '=', t.agencies.police.id)
      .executeTakeFirstOrThrow()
    const form = entryForm(t, {
      description: entry.description,
      areaId: t.otherArea.id,
      scope: 'team',
    })
    expect((await editEntry(t.people.police.client, entry.id, form)).status).toBe(303)
    expect((await thisWeek('school')).last).toBe('2 +&lt;3')
    expect(
      (
        await t.people.police.client.submit(
          `/poster/${entry.id}`,
          {},
          { action: `/poster/${entry.id}/dra-tillbaka` },
        )
      ).status,
    ).toBe(303)
    const cells = await ctx.db
      .selectFrom('situation_cells')
      .select('shared_entries')
      .where('source_agency_id', '=', t.agencies.police.id)
      .execute()
    expect(cells).toEqual([])
  })
})
