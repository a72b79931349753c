import { isoWeekKey, todayInStockholm } from '../../src/i18n/format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aTeam, anArea } from '../support/builders'
import {
  aSituationTeam,
  anonymousAnswers,
  consentAnswers,
  entryForm,
  type SituationTeam,
  reportEntry,
  editEntry,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

let ctx: TestContext
let t: SituationTeam
let meetingId: string

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  expect((await t.people.chair.client.post(`/moten/${meetingId}/oppna`, {})).status).toBe(303)
})
afterAll(async () => ctx?.destroy())

const entriesNamed = (description: string) =>
  ctx.db
    .selectFrom('situation_entries')
    .selectAll()
    .where('description', '=', description)
    .execute()
const sensitive = () => t.categories.find((c) => c.is_sensitive === 1)!

// A legal basis is offered by the guide's step, not by the first form: a post that names one
// directly skips that step (the first test below takes it as a person does).
async function post(form: Record<string, string | string[]>, who = t.people.social) {
  // "step: guide" is the guide's button ("Visa möjliga grunder"), pressed instead of saving.
  const { step, ...fields } = form
  if (typeof step === 'string')
    return who.client.submit(`/team/${t.team.id}/poster/ny`, fields, {
      button: step,
      action: `/team/${t.team.id}/poster`,
    })
  return reportEntry(who.client, t.team.id, fields)
}

/** What no form offers: tampered values, a refused person's post, a missing key. */
const forge = (form: Record<string, string | string[]>, who = t.people.social) =>
  who.client.post(`/team/${t.team.id}/poster`, form, { forged: true })

describe('adding a situation entry', () => {
  it('saves it for the open meeting, audited, and comes back to a fresh form that remembers area and category', async () => {
    const form = entryForm(t, {
      areaId: t.otherArea.id,
      description: 'Klotter på gångtunneln under vecka sju',
      ownReference: 'SOC-2026-0042',
    })
    const response = await post(form)
    expect(response.status).toBe(303)
    const [entry] = await entriesNamed('Klotter på gångtunneln under vecka sju')
    expect(entry).toMatchObject({
      meeting_id: meetingId,
      scope: 'team',
      source_agency_id: t.agencies.social.id,
      event_count: 2,
      trend: 'increasing',
      own_reference: 'SOC-2026-0042',
    })
    expect(entry!.week).toMatch(/^\d{4}-W\d{2}$/)
    expect(response.headers.get('location')).toBe(
      `/team/${t.team.id}/poster/ny?sparad=${entry!.id}`,
    )
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('object_id', '=', entry!.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['entry.create'])
    expect(JSON.stringify(audit)).not.toContain('Klotter')
    const next = await (await t.people.social.client.get(`/team/${t.team.id}/poster/ny`)).text()
    expect(next).toContain(`<option value="${t.otherArea.id}" selected="">`)
    expect(next).toMatch(/Perioden omfattar v\. \d+/)
    // No meeting before this one: the last seven days.
    expect(next).toContain(`name="periodFrom" type="date" value="${inDays(-6)}"`)
  })

  it('makes one entry of a form sent twice (retry or double click), also when both arrive at once', async () => {
    const form = entryForm(t, { description: 'Nedskräpning vid lekplatsen' })
    expect((await post(form)).status).toBe(303)
    expect((await post(form)).status).toBe(303)
    const raced = entryForm(t, { description: 'Buskörning med moped på torget' })
    const both = await Promise.all([post(raced), post(raced)])
    expect(both.map((r) => r.status)).toEqual([303, 303])
    expect(await entriesNamed('Nedskräpning vid lekplatsen')).toHaveLength(1)
    expect(await entriesNamed('Buskörning med moped på torget')).toHaveLength(1)
  })

  it('starts a sensitive category at scope "agencies", its default', async () => {
    const cat = sensitive()
    expect(cat.default_scope).toBe('agencies')
    const form = entryForm(t, {
      categoryId: cat.id,
      scope: 'agencies',
      description: 'Signaler om rekrytering vid fritidsgården',
    })
    expect((await post(form)).status).toBe(303)
    const next = await (await t.people.social.client.get(`/team/${t.team.id}/poster/ny`)).text()
    expect(next).toMatch(/name="scope" type="radio" value="agencies" checked=""/)
    // No recipients, no widening: no basis was needed and no disclosure made.
    const [entry] = await entriesNamed('Signaler om rekrytering vid fritidsgården')
    expect(
      await ctx.db
        .selectFrom('disclosures')
        .select('id')
        .where('entry_id', '=', entry!.id)
        .execute(),
    ).toEqual([])
  })

  it('is refused to observers (403) and to anyone outside the team (404)', async () => {
    expect((await t.people.observer.client.get(`/team/${t.team.id}/poster/ny`)).status).toBe(403)
    expect((await forge(entryForm(t), t.people.observer)).status).toBe(403)
    for (const who of ['admin', 'auditor', 'former', 'outsider'] as const) {
      expect((await t.people[who].client.get(`/team/${t.team.id}/poster/ny`)).status, who).toBe(404)
      expect((await forge(entryForm(t), t.people[who])).status, who).toBe(404)
    }
  })
})

describe('bad input keeps the form and saves nothing', () => {
  // The last element: true where no form could send it (the person's own typing is filled into the form).
  const cases: [string, () => Promise<Record<string, string | string[]>>, string, boolean?][] = [
    [
      'an area of another team',
      async () => entryForm(t, { areaId: (await anArea(ctx.db, (await aTeam(ctx.db)).id)).id }),
      'Välj ett av alternativen.',
      true,
    ],
    [
      'a period ending before it starts',
      async () => entryForm(t, { periodFrom: '2026-11-10', periodTo: '2026-11-01' }),
      'Perioden slutar innan den börjar.',
    ],
    [
      'a period ending in the future',
      async () => entryForm(t, { periodTo: '2099-01-01' }),
      'Perioden kan inte sluta i framtiden.',
    ],
    [
      'an impossible date',
      async () => entryForm(t, { periodFrom: '2026-02-30' }),
      'Skriv ett datum som 2026-12-31.',
    ],
    [
      'a description over 1,000 characters',
      async () => entryForm(t, { description: 'Skadegörelse '.repeat(80) }),
      'Texten är för lång.',
    ],
    [
      'a tampered scope',
      async () => entryForm(t, { scope: 'alla' }),
      'Välj ett av alternativen.',
      true,
    ],
    [
      'a tampered trend',
      async () => entryForm(t, { trend: 'explosiv' }),
      'Välj ett av alternativen.',
      true,
    ],
    [
      'a count in words',
      async () => entryForm(t, { eventCount: 'många' }),
      'Skriv antalet med siffror',
    ],
    [
      'a recipient outside the team',
      async () => entryForm(t, { scope: 'agencies', recipients: [crypto.randomUUID()] }),
      'Välj mottagare bland teamets aktörer.',
      true,
    ],
    [
      'a recipient that is not an id',
      async () => entryForm(t, { scope: 'agencies', recipients: ['polisen'] }),
      'Välj mottagare bland teamets aktörer.',
      true,
    ],
    [
      'a personal identity number',
      async () => entryForm(t, { description: 'Gäller 19121212-1212 som syns vid torget' }),
      'personnummer',
    ],
  ]
  for (const [what, form, message, forged] of cases) {
    it(`answers 422 for ${what}`, async () => {
      const values = await form()
      const response = forged ? await forge(values) : await post(values)
      expect(response.status).toBe(422)
      const html = await response.text()
      expect(html).toContain(message)
      expect(html).toContain(`value="${values.idempotencyKey}"`)
      const description = String(values.description)
      expect(html).toContain(description.length > 200 ? description.slice(0, 100) : description)
      expect(
        await ctx.db
          .selectFrom('situation_entries')
          .select('id')
          .where('idempotency_key', '=', String(values.idempotencyKey))
          .execute(),
      ).toEqual([])
    })
  }

  it('answers 400 for a form without its one-time key, and never 500 for garbage', async () => {
    const { idempotencyKey: _, ...withoutKey } = entryForm(t)
    expect((await forge(withoutKey)).status).toBe(400)
    const garbage: Record<string, string | string[]>[] = [
      { idempotencyKey: crypto.randomUUID() },
      { ...entryForm(t), eventCount: '99999999999' },
      { ...entryForm(t), legalBasisId: 'x' },
    ]
    for (const form of garbage) {
      const status = (await forge(form)).status
      expect(status).toBeGreaterThanOrEqual(400)
      expect(status).toBeLessThan(500)
    }
  })
})

describe('the sharing guide', () => {
  const toPolice = (extra: Record<string, string | string[]> = {}) =>
    entryForm(t, {
      scope: 'agencies',
      recipients: [t.agencies.police.id],
      description: 'Oro kring en ungdom som rör sig vid stationen sent',
      ...extra,
    })

  it('asks for a legal basis when the entry names recipients', async () => {
    const response = await post(toPolice())
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Svara på delningsguidens frågor och välj en rättslig grund')
    expect(html).toMatch(/<details class="card guide" id="sharing-guide" open/)
  })

  it('proposes the bases that fit the answers, and saves with the chosen one, writing one disclosure', async () => {
    const form = toPolice({
      ...consentAnswers,
      guideConsent: 'no',
      guidePurpose: 'prevent_crime',
      guideUnder21: 'yes',
    })
    const guide = await post({ ...form, step: 'guide' })
    expect(guide.status).toBe(200)
    const html = await guide.text()
    expect(html).toContain('OSL 10 kap. 18 a §')
    expect(html).not.toContain('Samtycke från den enskilde')
    // The guide's answer is the page the person goes on from: the proposed basis is picked there.
    const saved = await t.people.social.client.submitOn(html, `/team/${t.team.id}/poster`, {
      legalBasisId: t.bases['osl-10-18a']!,
    })
    expect(saved.status).toBe(303)
    const [entry] = await ctx.db
      .selectFrom('situation_entries')
      .selectAll()
      .where('idempotency_key', '=', String(form.idempotencyKey))
      .execute()
    expect(entry!.legal_basis_id).toBe(t.bases['osl-10-18a'])
    const disclosures = await ctx.db
      .selectFrom('disclosures')
      .selectAll()
      .where('entry_id', '=', entry!.id)
      .execute()
    expect(disclosures).toHaveLength(1)
    expect(disclosures[0]).toMatchObject({
      from_agency_id: t.agencies.social.id,
      legal_basis_id: t.bases['osl-10-18a'],
      decided_by: t.people.social.id,
      category_id: t.plain.id,
    })
    expect(JSON.stringify(disclosures[0])).not.toContain('Oro kring')
    const to = await ctx.db
      .selectFrom('disclosure_recipients')
      .select('agency_id')
      .where('disclosure_id', '=', disclosures[0]!.id)
      .execute()
    expect(to.map((r) => r.agency_id)).toEqual([t.agencies.police.id])
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', disclosures[0]!.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['entry.disclose'])
  })

  it('refuses a basis the guide did not propose for the answers', async () => {
    // The guide does not offer this basis for these answers: only a forged request can name it.
    const response = await forge(
      toPolice({ ...anonymousAnswers, legalBasisId: t.bases['osl-10-18a']! }),
    )
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Välj en av grunderna som delningsguiden föreslår')
  })

  it('refuses a private recipient under a basis that does not allow private actors, naming it', async () => {
    const form = toPolice({
      recipients: [t.agencies.police.id, t.agencies.housing.id],
      guideIdentifiable: 'yes',
      guidePurpose: 'none',
      legalBasisId: t.bases['osl-10-2']!,
    })
    const response = await post(form)
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain(`${t.agencies.housing.name} kan inte ta emot uppgiften`)
    // With consent, which allows private recipients, it goes through.
    expect(
      (await post({ ...form, ...consentAnswers, legalBasisId: t.bases['samtycke']! })).status,
    ).toBe(303)
  })

  it("needs a basis to go from a sensitive category's default to the whole team", async () => {
    const wide = entryForm(t, {
      categoryId: sensitive().id,
      scope: 'team',
      description: 'Propaganda på anslagstavlan vid skolan',
    })
    expect((await post(wide)).status).toBe(422)
    expect(
      (await post({ ...wide, ...anonymousAnswers, legalBasisId: t.bases['ingen-sekretess']! }))
        .status,
    ).toBe(303)
    const [entry] = await entriesNamed('Propaganda på anslagstavlan vid skolan')
    const [disclosure] = await ctx.db
      .selectFrom('disclosures')
      .select('id')
      .where('entry_id', '=', entry!.id)
      .execute()
    const to = await ctx.db
      .selectFrom('disclosure_recipients')
      .select('agency_id')
      .where('disclosure_id', '=', disclosure!.id)
      .execute()
    // Everyone in the team who now reads it in full: all but the source (and the observer's agency, which sees stubs).
    expect(new Set(to.map((r) => r.agency_id))).toEqual(
      new Set([
        t.agencies.police.id,
        t.agencies.housing.id,
        t.agencies.school.id,
        t.agencies.safety.id,
      ]),
    )
  })
})

describe('changing an entry', () => {
  async function ownEntry(description: string) {
    const form = entryForm(t, { scope: 'own', description })
    expect((await post(form)).status).toBe(303)
    return (await entriesNamed(description))[0]!
  }
  const disclosuresOf = async (entryId: string) =>
    (await ctx.db.selectFrom('disclosures').select('id').where('entry_id', '=', entryId).execute())
      .length

  it('lets the source agency edit; a widening needs the guide and writes one disclosure, a narrowing none', async () => {
    const entry = await ownEntry('Ökad oro vid parken efter mörkrets inbrott')
    const edit = {
      ...entryForm(t, {
        description: 'Ökad oro vid parken efter mörkrets inbrott, nu även helger',
        scope: 'own',
      }),
    }
    expect((await editEntry(t.people.social.client, entry.id, edit)).status).toBe(303)
    expect(await disclosuresOf(entry.id)).toBe(0)
    const widen = { ...edit, scope: 'agencies', recipients: [t.agencies.police.id] }
    expect((await editEntry(t.people.social.client, entry.id, widen)).status).toBe(422)
    expect(
      (
        await editEntry(t.people.social.client, entry.id, {
          ...widen,
          ...anonymousAnswers,
          legalBasisId: t.bases['ingen-sekretess']!,
        })
      ).status,
    ).toBe(303)
    expect(await disclosuresOf(entry.id)).toBe(1)
    // Saving again without widening: no new disclosure. Narrowing back: none either.
    expect((await editEntry(t.people.social.client, entry.id, { ...widen })).status).toBe(303)
    expect((await editEntry(t.people.social.client, entry.id, { ...edit })).status).toBe(303)
    expect(await disclosuresOf(entry.id)).toBe(1)
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', entry.id)
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'entry.create',
      'entry.update',
      'entry.update',
      'entry.update',
      'entry.update',
    ])
  })

  it('refuses changes by other agencies (403 when they see it, 404 when they do not) and by id guessing', async () => {
    const entry = await ownEntry('Skadegörelse på lekplatsen')
    expect((await t.people.police.client.post(`/poster/${entry.id}`, entryForm(t))).status).toBe(
      404,
    )
    expect((await t.people.police.client.get(`/poster/${entry.id}/andra`)).status).toBe(404)
    const shared = (await entriesNamed('Klotter på gångtunneln under vecka sju'))[0]!
    expect((await t.people.police.client.post(`/poster/${shared.id}`, entryForm(t))).status).toBe(
      403,
    )
    expect(
      (await t.people.police.client.post(`/poster/${shared.id}/dra-tillbaka`, {})).status,
    ).toBe(403)
    expect((await t.people.social.client.get(`/poster/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await t.people.social.client.get(`/poster/inte-ett-id`)).status).toBe(404)
  })

  it('withdraws: gone for everyone else, marked for the source agency', async () => {
    const form = entryForm(t, { description: 'Felaktig uppgift om brand i soprum' })
    await post(form)
    const [entry] = await entriesNamed('Felaktig uppgift om brand i soprum')
    expect(
      (
        await t.people.social.client.submit(
          `/poster/${entry!.id}`,
          {},
          { action: `/poster/${entry!.id}/dra-tillbaka` },
        )
      ).status,
    ).toBe(303)
    expect((await t.people.police.client.get(`/poster/${entry!.id}`)).status).toBe(404)
    expect(await (await t.people.social.client.get(`/poster/${entry!.id}`)).text()).toContain(
      'Posten är tillbakadragen',
    )
    expect(await (await t.people.police.client.get(`/moten/${meetingId}`)).text()).not.toContain(
      'Felaktig uppgift om brand',
    )
  })

  it('freezes entries when the minutes are approved', async () => {
    const entry = await ownEntry('Trygghetsvandring visade mörka partier')
    const otherMeeting = await aMeeting(ctx.db, t.team.id, { status: 'approved' })
    await ctx.db
      .updateTable('situation_entries')
      .set({ meeting_id: otherMeeting })
      .where('id', '=', entry.id)
      .execute()
    expect((await t.people.social.client.post(`/poster/${entry.id}`, entryForm(t))).status).toBe(
      409,
    )
    expect((await t.people.social.client.post(`/poster/${entry.id}/dra-tillbaka`, {})).status).toBe(
      409,
    )
    expect((await t.people.social.client.get(`/poster/${entry.id}/andra`)).status).toBe(409)
    const page = await (await t.people.social.client.get(`/poster/${entry.id}`)).text()
    expect(page).toContain('Mötets protokoll är justerat')
    expect(page).not.toContain(`/poster/${entry.id}/andra`)
  })
})

describe('the entry list and the disclosure register', () => {
  it('answers tampered filters with 400, never 500', async () => {
    const otherArea = (await anArea(ctx.db, (await aTeam(ctx.db)).id)).id
    for (const query of [
      'omrade=inte-ett-id',
      `omrade=${otherArea}`,
      `kategori=${crypto.randomUUID()}`,
      'vecka=2026-W99',
      'vecka=v.%2099',
      'vecka=f%C3%B6rra',
      'sida=-1',
      'sida=abc',
    ]) {
      const response = await t.people.police.client.get(`/team/${t.team.id}/poster?${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.text()).toContain('Filtret kunde inte tolkas')
    }
    expect(
      (
        await t.people.police.client.get(
          `/team/${t.team.id}/poster?omrade=${t.area.id}&vecka=2026-W47`,
        )
      ).status,
    ).toBe(200)
  })

  it('takes the week as people write it in the filter form: "v. 47", "47" or "2026-W47"', async () => {
    const week = Number(isoWeekKey(todayInStockholm()).slice(6))
    for (const typed of [`v. ${week}`, String(week), isoWeekKey(todayInStockholm())]) {
      const response = await t.people.social.client.submit(
        `/team/${t.team.id}/poster`,
        { vecka: typed },
        { action: `/team/${t.team.id}/poster` },
      )
      expect(response.status, typed).toBe(200)
      const html = await response.text()
      expect(html, typed).toContain(`value="v. ${week} `)
    }
  })

  it("lists each agency's disclosures, sent and received, within the viewer's teams; never the text", async () => {
    const sent = await (await t.people.social.client.get('/utlamnanden')).text()
    const received = await (await t.people.police.client.get('/utlamnanden')).text()
    const neither = await (await t.people.school.client.get('/utlamnanden')).text()
    const outside = await (await t.people.outsider.client.get('/utlamnanden')).text()
    const count = (html: string, section: 'sent-title' | 'received-title') => {
      const start = html.indexOf(`id="${section}"`)
      const end = html.indexOf('</section>', start)
      return (html.slice(start, end).match(/<tr>/g) ?? []).length - 1
    }
    expect(count(sent, 'sent-title')).toBeGreaterThanOrEqual(4)
    expect(count(sent, 'received-title')).toBe(-1)
    expect(count(received, 'received-title')).toBeGreaterThanOrEqual(2)
    expect(received).toContain('OSL 10 kap. 18 a §')
    // The school received the sensitive entry widened to the whole team, and the stub of the entry
    // widened from "own" to "agencies": every widening is recorded for everyone it reaches further.
    expect(count(neither, 'received-title')).toBe(2)
    expect(count(neither, 'sent-title')).toBe(-1)
    expect(outside).toContain('Inga utlämnanden.')
    expect(outside).not.toContain(t.team.name)
    for (const html of [sent, received, neither]) expect(html).not.toContain('Oro kring en ungdom')
  })
})
