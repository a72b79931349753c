import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import {
  aSituationTeam,
  consentAnswers,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'
import { generatedCoordinationNumber } from '../support/generated-numbers'

/**
 * Loggkontroll: a log reviewer of agency A sees who in A read what, and which
 * agencies read A's entries — across teams, never the content — and nothing of B's.
 */
let ctx: TestContext
let t: SituationTeam
let socialEntry: string
let policeEntry: string
const reviewer = {} as Record<'social' | 'police', TestClient>
const text = {
  social: 'Oro för ungdomar vid fritidsgården på kvällarna',
  police: 'Stölder ur bilar på parkeringen vid centrum',
}

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  const ids = {} as Record<'social' | 'police', string>
  for (const kind of ['social', 'police'] as const) {
    const form = entryForm(t, { description: text[kind] })
    expect((await reportEntry(t.people[kind].client, t.team.id, form)).status).toBe(303)
    ids[kind] = (
      await ctx.db
        .selectFrom('situation_entries')
        .select('id')
        .where('idempotency_key', '=', String(form.idempotencyKey))
        .executeTakeFirstOrThrow()
    ).id
  }
  socialEntry = ids.social
  policeEntry = ids.police
  // Reads: the police and the school read social services' entry; social services reads the police's.
  await t.people.police.client.get(`/poster/${socialEntry}`)
  await t.people.school.client.get(`/poster/${socialEntry}`)
  await t.people.social.client.get(`/poster/${policeEntry}`)
  await ctx.accessLog.flush()
  for (const kind of ['social', 'police'] as const) {
    const user = await aUser(ctx.db, { agencyId: t.agencies[kind].id, isLogReviewer: true })
    reviewer[kind] = new TestClient(ctx.app)
    await reviewer[kind].login(user.email, user.password)
  }
})
afterAll(async () => ctx?.destroy())

const tableOf = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0] ?? ''

describe('/loggkontroll', () => {
  it('shows a reviewer their own staff’s reads, and nothing of other agencies’ staff', async () => {
    const home = await (await reviewer.social.get('/')).text()
    expect(home).toContain('href="/loggkontroll"')
    const html = await (await reviewer.social.get('/loggkontroll')).text()
    expect(tableOf(html)).toContain(policeEntry)
    expect(tableOf(html)).not.toContain(socialEntry)
    expect(html).not.toContain(text.police)
    const police = tableOf(await (await reviewer.police.get('/loggkontroll')).text())
    expect(police).toContain(socialEntry)
    expect(police).not.toContain(policeEntry)
  })

  it('shows which agencies read the agency’s entries, with how much they saw, and no content', async () => {
    const response = await reviewer.social.submit(
      '/loggkontroll/vara-poster',
      { team: t.team.id },
      { action: '/loggkontroll/vara-poster' },
    )
    const html = await response.text()
    const rows = tableOf(html)
    expect(rows.match(/<tr>/g)).toHaveLength(2)
    expect(rows).toContain(t.agencies.police.name)
    expect(rows).toContain(t.agencies.school.name)
    expect(rows).toContain('Hela')
    expect(html).not.toContain(text.social)
    // the police reviewer sees no reads of social services' entries, only of their own
    const police = tableOf(await (await reviewer.police.get('/loggkontroll/vara-poster')).text())
    expect(police).toContain(policeEntry)
    expect(police).not.toContain(socialEntry)
  })

  it('draws a random sample of the period, and records the review with a checked note, audited', async () => {
    const today = inDays(0)
    const sample = await reviewer.police.submit(
      '/loggkontroll/stickprov',
      { fran: '2026-01-01', till: today, antal: '5' },
      { action: '/loggkontroll/stickprov' },
    )
    expect(sample.status).toBe(200)
    const html = await sample.text()
    expect(tableOf(html)).toContain(socialEntry)
    const page = `/loggkontroll/stickprov?fran=2026-01-01&till=${today}&antal=5`
    const refused = await reviewer.police.submitOn(
      html,
      page,
      { note: `Kontrollerade läsningen för ${generatedCoordinationNumber()}` },
      { action: '/loggkontroll/granskningar' },
    )
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('<mark>')
    const saved = await reviewer.police.submitOn(
      html,
      page,
      { note: 'Läsningen gällde ett möte där vi deltog. Inga avvikelser.' },
      { action: '/loggkontroll/granskningar' },
    )
    expect(saved.status).toBe(303)
    const after = await (await reviewer.police.get(saved.headers.get('location')!)).text()
    expect(after).toContain('Granskningen är sparad.')
    expect(after).toContain('Inga avvikelser.')
    expect(await (await reviewer.social.get('/loggkontroll/stickprov')).text()).not.toContain(
      'Inga avvikelser.',
    )
    const audited = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'log_review.done')
      .execute()
    expect(audited).toHaveLength(1)
    expect(audited[0]!.details).not.toContain('avvikelser')
    await expect(ctx.db.deleteFrom('log_reviews').execute()).rejects.toThrow(/append-only/)
  })

  it('is granted by the administrator through the person’s form, audited', async () => {
    const person = t.people.housing
    expect((await person.client.get('/loggkontroll')).status).toBe(403)
    const saved = await t.people.admin.client.submit(
      `/admin/anvandare/${person.id}`,
      { isLogReviewer: true },
      { action: `/admin/anvandare/${person.id}` },
    )
    expect(saved.status).toBe(303)
    expect((await person.client.get('/loggkontroll')).status).toBe(200)
    const event = await ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('object_id', '=', person.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(event.details)).toMatchObject({ isLogReviewer: true })
  })

  it('shows the agency’s disclosure register across teams, sent and received, exportable, without entry links', async () => {
    const shared = entryForm(t, {
      description: 'Delas med polisen efter samtycke',
      scope: 'agencies',
      recipients: [t.agencies.police.id],
      ...consentAnswers,
      legalBasisId: t.bases['samtycke']!,
    })
    expect((await reportEntry(t.people.social.client, t.team.id, shared)).status).toBe(303)
    const sent = await (await reviewer.social.get('/loggkontroll/utlamnanden')).text()
    expect(tableOf(sent)).toContain('Lämnade')
    expect(tableOf(sent)).not.toContain('/poster/')
    expect(sent).not.toContain('Delas med polisen')
    const received = await (await reviewer.police.get('/loggkontroll/utlamnanden')).text()
    expect(tableOf(received)).toContain('Mottagna')
    const other = await (
      await reviewer.police.submit(
        '/loggkontroll/utlamnanden',
        { fran: '2020-01-01', till: '2020-12-31' },
        { action: '/loggkontroll/utlamnanden' },
      )
    ).text()
    expect(other).toContain('Inga rader för det här urvalet.')
    const csv = await reviewer.social.get('/loggkontroll/utlamnanden.csv')
    expect(csv.status).toBe(200)
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toContain(t.agencies.police.name)
    expect(
      (await reviewer.social.get('/loggkontroll/utlamnanden?fran=2026-12-01&till=2026-01-01'))
        .status,
    ).toBe(400)
  })

  it('is refused to everyone else, and refuses bad filters with 400', async () => {
    for (const kind of ['social', 'chair', 'admin', 'auditor', 'outsider'] as const) {
      for (const path of [
        '/loggkontroll',
        '/loggkontroll/vara-poster',
        '/loggkontroll/stickprov',
      ]) {
        expect((await t.people[kind].client.get(path)).status, `${kind} ${path}`).toBe(403)
      }
      expect(
        (
          await t.people[kind].client.post(
            '/loggkontroll/granskningar',
            { fran: '2026-01-01', till: '2026-01-02', antal: '1', note: 'x' },
            { forged: true },
          )
        ).status,
      ).toBe(403)
    }
    expect(
      (await reviewer.social.get('/loggkontroll?fran=2026-12-01&till=2026-01-01')).status,
    ).toBe(400)
    expect((await reviewer.social.get('/loggkontroll?person=nej')).status).toBe(400)
    expect(
      (
        await reviewer.social.get(
          '/loggkontroll/stickprov?fran=2026-01-01&till=2026-02-01&antal=100000',
        )
      ).status,
    ).toBe(400)
  })
})
