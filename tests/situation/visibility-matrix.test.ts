import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, letterMarker } from '../support/builders'
import { listenToMeeting } from '../support/live'
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

/**
 * product.md §5 over HTTP: for every kind of viewer and every scope, what each
 * path that can show an entry gives away — the description, the own reference,
 * the recipients — and what it must not.
 */
let ctx: TestContext
let t: SituationTeam
let meetingId: string
const marker = letterMarker()
const entries = {} as Record<
  'team' | 'agencies' | 'own',
  { id: string; description: string; ownReference: string }
>

type Shown = 'full' | 'stub' | 'nothing'
const expected: Record<'team' | 'agencies' | 'own', Record<ViewerKind, Shown>> = {
  team: {
    social: 'full',
    police: 'full',
    housing: 'full',
    school: 'full',
    observer: 'stub',
    admin: 'nothing',
    auditor: 'nothing',
    former: 'nothing',
    outsider: 'nothing',
  },
  // Recipients: the police and, under consent (which allows private recipients), the housing company.
  agencies: {
    social: 'full',
    police: 'full',
    housing: 'full',
    school: 'stub',
    observer: 'stub',
    admin: 'nothing',
    auditor: 'nothing',
    former: 'nothing',
    outsider: 'nothing',
  },
  // Recipient: the police, which gets the stub.
  own: {
    social: 'full',
    police: 'stub',
    housing: 'nothing',
    school: 'nothing',
    observer: 'nothing',
    admin: 'nothing',
    auditor: 'nothing',
    former: 'nothing',
    outsider: 'nothing',
  },
}
const members: ViewerKind[] = ['social', 'police', 'housing', 'school', 'observer']
const scopes = ['team', 'agencies', 'own'] as const

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  expect(
    (
      await t.people.chair.client.submit(
        `/moten/${meetingId}`,
        {},
        { action: `/moten/${meetingId}/oppna` },
      )
    ).status,
  ).toBe(303)
  const forms = {
    team: { scope: 'team' },
    agencies: {
      scope: 'agencies',
      recipients: [t.agencies.police.id, t.agencies.housing.id],
      ...consentAnswers,
      legalBasisId: t.bases['samtycke']!,
    },
    own: {
      scope: 'own',
      recipients: [t.agencies.police.id],
      ...anonymousAnswers,
      legalBasisId: t.bases['ingen-sekretess']!,
    },
  }
  for (const scope of scopes) {
    const description = `Beskrivning ${scope} ${marker}`
    const ownReference = `REF-${scope}-${marker}`
    const form = entryForm(t, { description, ownReference, ...forms[scope] })
    expect((await reportEntry(t.people.social.client, t.team.id, form)).status, scope).toBe(303)
    const row = await ctx.db
      .selectFrom('situation_entries')
      .select('id')
      .where('idempotency_key', '=', String(form.idempotencyKey))
      .executeTakeFirstOrThrow()
    entries[scope] = { id: row.id, description, ownReference }
  }
})
afterAll(async () => ctx?.destroy())

const client = (kind: ViewerKind) => t.people[kind].client

/** Asserts what `html` holds of the entry of `scope`, for a viewer who should get `shown`. */
function expectShown(
  html: string,
  scope: (typeof scopes)[number],
  shown: Shown,
  where: string,
  viewer: ViewerKind,
) {
  const entry = entries[scope]
  const label = `${viewer} / ${scope} / ${where}`
  expect(html.includes(entry.description), `${label}: description`).toBe(shown === 'full')
  expect(html.includes(`post-${entry.id}`), `${label}: the entry`).toBe(shown !== 'nothing')
  expect(html.includes(entry.ownReference), `${label}: own reference`).toBe(false)
}

describe('the visibility matrix', () => {
  for (const viewer of viewerKinds) {
    for (const scope of scopes) {
      const shown = expected[scope][viewer]
      it(`${viewer} × ${scope}: ${shown} on the entry page and its htmx fragment`, async () => {
        const entry = entries[scope]
        for (const headers of [{}, { 'HX-Request': 'true' }] as Record<string, string>[]) {
          const response = await client(viewer).get(`/poster/${entry.id}`, headers)
          if (shown === 'nothing') {
            expect(response.status, viewer).toBe(404)
            continue
          }
          expect(response.status).toBe(200)
          const html = await response.text()
          expect(html.includes(entry.description), 'description').toBe(shown === 'full')
          expect(html.includes(entry.ownReference), 'own reference').toBe(
            viewer === 'social' && !('HX-Request' in headers),
          )
          // The recipients and the basis are the source agency's business.
          expect(html.includes('<dt>Mottagare</dt>'), 'recipients').toBe(
            viewer === 'social' && scope !== 'team' && !('HX-Request' in headers),
          )
          if (shown === 'stub') expect(html).toContain(t.area.name)
        }
      })
    }
  }

  for (const viewer of viewerKinds) {
    it(`${viewer}: the meeting view, the team page and the entry list (filtered too) show each entry as allowed; own references only for the source`, async () => {
      const meeting = await client(viewer).get(`/moten/${meetingId}`)
      const list = await client(viewer).get(`/team/${t.team.id}/poster`)
      const filtered = await client(viewer).get(
        `/team/${t.team.id}/poster?omrade=${t.area.id}&kategori=${t.plain.id}`,
        { 'HX-Request': 'true' },
      )
      const teamPage = await client(viewer).get(`/team/${t.team.id}`)
      if (!members.includes(viewer)) {
        for (const response of [meeting, list, filtered, teamPage])
          expect(response.status, viewer).toBe(404)
        return
      }
      const html = {
        meeting: await meeting.text(),
        list: await list.text(),
        filtered: await filtered.text(),
        team: await teamPage.text(),
      }
      for (const [where, text] of Object.entries(html)) {
        for (const scope of scopes) expectShown(text, scope, expected[scope][viewer], where, viewer)
      }
      // The meeting view is cached per role and agency: each gets their own CSRF token, never another's.
      expect(html.meeting).toContain(`name="_csrf" value="${client(viewer).csrfToken}"`)
      for (const other of members.filter((m) => m !== viewer))
        expect(html.meeting).not.toContain(client(other).csrfToken!)
      expect(html.list).toContain(
        `Poster som visas: ${scopes.filter((s) => expected[s][viewer] !== 'nothing').length}.`,
      )
    })
  }

  it('sends each member a live update of the picture rendered for them alone', async () => {
    const streams = await Promise.all(
      members.map(async (viewer) => ({
        viewer,
        stream: await listenToMeeting(ctx.app, client(viewer), meetingId),
      })),
    )
    for (const { stream } of streams) await stream.until(/event: connected/)
    // The source agency corrects the team entry: every stream gets a fresh picture.
    const updated = entryForm(t, {
      description: `${entries.team.description} rättad`,
      ownReference: entries.team.ownReference,
      scope: 'team',
    })
    expect((await editEntry(client('social'), entries.team.id, updated)).status).toBe(303)
    entries.team.description = `${entries.team.description} rättad`
    for (const { viewer, stream } of streams) {
      const text = await stream.until(/event: patch\n[\s\S]*?\n\n/)
      const event = text.slice(text.indexOf('event: patch'))
      for (const scope of scopes) expectShown(event, scope, expected[scope][viewer], 'live', viewer)
      await stream.close()
    }
  })

  it('exports only counts: no description, no own reference, and not what the viewer may not see', async () => {
    for (const viewer of viewerKinds) {
      const response = await client(viewer).get(`/team/${t.team.id}/lagesbild.csv`)
      if (!members.includes(viewer)) {
        expect(response.status, viewer).toBe(404)
        continue
      }
      expect(response.status).toBe(200)
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const csv = new TextDecoder().decode(bytes)
      expect(csv).toContain('Vecka;Område;Kategori;Antal poster')
      for (const scope of scopes) {
        expect(csv).not.toContain(entries[scope].description)
        expect(csv).not.toContain(entries[scope].ownReference)
      }
      // Every entry is in the plain category and the same area and week: the count is what the viewer may see.
      const visible = scopes.filter((s) => expected[s][viewer] !== 'nothing').length
      expect(csv).toContain(`;${t.area.name};${t.plain.name};${visible};`)
    }
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'situation.export')
      .execute()
    expect(audit).toHaveLength(members.length)
  })

  it('gives private actors only the stub once the basis no longer allows private recipients', async () => {
    await ctx.db
      .updateTable('legal_bases')
      .set({ allows_private_recipients: 0 })
      .where('code', '=', 'samtycke')
      .execute()
    const html = await (await client('housing').get(`/poster/${entries.agencies.id}`)).text()
    expect(html).not.toContain(entries.agencies.description)
    expect(html).toContain('förenklad form')
    expect(await (await client('police').get(`/poster/${entries.agencies.id}`)).text()).toContain(
      entries.agencies.description,
    )
    await ctx.db
      .updateTable('legal_bases')
      .set({ allows_private_recipients: 1 })
      .where('code', '=', 'samtycke')
      .execute()
  })

  it('shows the picture in the minutes as aggregates only, the same for the whole team', async () => {
    expect(
      (
        await t.people.chair.client.submit(
          `/moten/${meetingId}`,
          {},
          { action: `/moten/${meetingId}/stang` },
        )
      ).status,
    ).toBe(303)
    for (const viewer of viewerKinds) {
      const response = await client(viewer).get(`/moten/${meetingId}/protokoll`)
      if (!members.includes(viewer)) {
        expect(response.status, viewer).toBe(404)
        continue
      }
      const html = await response.text()
      for (const scope of scopes) {
        expect(html, viewer).not.toContain(entries[scope].description)
        expect(html, viewer).not.toContain(entries[scope].ownReference)
        expect(html, viewer).not.toContain(`post-${entries[scope].id}`)
      }
      // The entries every member sees at least as a stub (shared with the team or with named
      // agencies); the one kept to its own agency is not in the team's record, whoever reads it.
      expect(html, viewer).toContain(`<td>${t.area.name}</td><td>${t.plain.name}</td><td>2</td>`)
    }
  })
})
