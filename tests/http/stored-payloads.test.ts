import { inTransaction } from '../support/in-transaction'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCategory } from '../../src/teams/team.repository'
import { aMeeting, aMembership, anAgency, anArea, aTeam, aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { listenToMeeting } from '../support/live'
import { expectInert, storedPayloads } from '../support/sweep'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

/**
 * Stored XSS: each payload saved in every field a person fills — through the
 * forms where people save it, names through the builders — then every page,
 * fragment and live update that shows it is run through expectInert. A new
 * view that shows saved text belongs in `surfaces` below.
 */
let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx?.destroy())

const day = (offset: number) => inDays(offset)

async function signedIn(user: { email: string; password: string }) {
  const client = new TestClient(ctx.app)
  await client.login(user.email, user.password)
  return client
}

/** A team, its people and an open meeting, every text in them carrying `payload`. */
async function aWorldWith(payload: string) {
  const { db } = ctx
  const team = await aTeam(db, { name: `Team ${payload}` })
  await db
    .updateTable('teams')
    .set({ description: `Om teamet ${payload}` })
    .where('id', '=', team.id)
    .execute()
  const area = await anArea(db, team.id, `Område ${payload}`)
  const categoryId = await inTransaction(db, (trx) =>
    createCategory(trx, team.id, {
      name: `Kategori ${payload}`,
      isSensitive: false,
      defaultScope: 'team',
    }),
  )
  const chairAgency = await anAgency(db, {
    name: `Trygghetsenheten ${payload}`,
    kind: 'municipal_safety',
  })
  const ownerAgency = await anAgency(db, {
    name: `Socialtjänsten ${payload}`,
    kind: 'social_services',
  })
  const chairUser = await aUser(db, { agencyId: chairAgency.id, name: `Ordförande ${payload}` })
  const ownerUser = await aUser(db, { agencyId: ownerAgency.id, name: `Medlem ${payload}` })
  const adminUser = await aUser(db, { isAdmin: true })
  await aMembership(db, team.id, chairUser.id, 'chair')
  await aMembership(db, team.id, ownerUser.id, 'member')
  const chair = await signedIn(chairUser)
  const member = await signedIn(ownerUser)
  const admin = await signedIn(adminUser)

  const meetingId = await aMeeting(db, team.id, { status: 'called', startsInDays: 0 })
  await db
    .updateTable('meetings')
    .set({ title: `Möte ${payload}`, location: `Rum ${payload}` })
    .where('id', '=', meetingId)
    .execute()
  const page = `/moten/${meetingId}`
  const ok = (response: Response, what: string) => expect(response.status, what).toBeLessThan(400)
  ok(await chair.submit(page, {}, { action: `${page}/oppna` }), 'open')
  ok(
    await chair.submit(
      page,
      { title: `Punkt ${payload}`, kind: 'other', notes: `Anteckning ${payload}` },
      { action: `${page}/dagordning` },
    ),
    'agenda item',
  )
  ok(
    await chair.submit(
      page,
      { text: `Beslut ${payload}` },
      { action: `${page}/beslut`, within: '#beslut' },
    ),
    'decision',
  )
  ok(
    await chair.submit(page, { organisation: `Gäst ${payload}` }, { action: `${page}/gaster` }),
    'guest',
  )
  ok(
    await chair.submit(
      page,
      { level: '1', trend: 'unchanged', justification: `Motivering ${payload}` },
      { action: `${page}/bedomningar/${area.id}` },
    ),
    'assessment',
  )
  const decision = await db
    .selectFrom('decisions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow()
  ok(
    await chair.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
      text: `Åtgärd ${payload}`,
      ownerAgencyId: ownerAgency.id,
      dueOn: day(14),
    }),
    'action',
  )
  const action = await db
    .selectFrom('actions')
    .select('id')
    .where('decision_id', '=', decision.id)
    .executeTakeFirstOrThrow()
  ok(
    await member.submit(
      `/atgarder/${action.id}`,
      { text: `Lägesrapport ${payload}` },
      { action: `/atgarder/${action.id}/anteckningar` },
    ),
    'progress note',
  )
  const entry = {
    idempotencyKey: crypto.randomUUID(),
    areaId: area.id,
    categoryId,
    periodFrom: day(-6),
    periodTo: day(0),
    eventCount: '2',
    trend: 'increasing',
    description: `Iakttagelse ${payload}`,
    scope: 'team',
  }
  ok(
    await member.submit(`/team/${team.id}/poster/ny`, entry, { action: `/team/${team.id}/poster` }),
    'entry',
  )
  const entryRow = await db
    .selectFrom('situation_entries')
    .select('id')
    .where('idempotency_key', '=', entry.idempotencyKey)
    .executeTakeFirstOrThrow()
  const item = await db
    .selectFrom('agenda_items')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('title', '=', `Punkt ${payload}`)
    .executeTakeFirstOrThrow()
  return {
    team,
    area,
    ownerAgency,
    ownerUser,
    chair,
    member,
    admin,
    meetingId,
    actionId: action.id,
    entryId: entryRow.id,
    itemId: item.id,
  }
}

type World = Awaited<ReturnType<typeof aWorldWith>>
const htmx = { 'HX-Request': 'true' }

/** Every page and fragment that shows text a person saved, as the people who see it. */
const surfaces = (
  w: World,
): [string, TestClient, string, Record<string, string>?, { shownUpTo?: number }?][] => [
  ['start page', w.chair, '/'],
  ['team page', w.chair, `/team/${w.team.id}`],
  ['team meetings', w.chair, `/team/${w.team.id}/moten`],
  ['meeting (chair)', w.chair, `/moten/${w.meetingId}`],
  ['meeting (member)', w.member, `/moten/${w.meetingId}`],
  ['agenda item form (htmx)', w.chair, `/moten/${w.meetingId}/dagordning/${w.itemId}`, htmx],
  ['actions list', w.member, '/atgarder'],
  ['action page', w.member, `/atgarder/${w.actionId}`],
  // its label shows the first 40 characters of the action's text
  [
    'action status form (htmx)',
    w.member,
    `/atgarder/${w.actionId}/status`,
    htmx,
    { shownUpTo: 30 },
  ],
  ['entry page', w.member, `/poster/${w.entryId}`],
  ['entry edit form', w.member, `/poster/${w.entryId}/andra`],
  ['entry list', w.chair, `/team/${w.team.id}/poster`],
  ['entry list (htmx)', w.chair, `/team/${w.team.id}/poster`, htmx],
  ['situation overview', w.chair, `/team/${w.team.id}/lagesbild`],
  ['admin: teams', w.admin, '/admin/team'],
  ['admin: team', w.admin, `/admin/team/${w.team.id}`],
  ['admin: users', w.admin, '/admin/anvandare'],
  ['admin: user', w.admin, `/admin/anvandare/${w.ownerUser.id}`],
  ['admin: agencies', w.admin, '/admin/aktorer'],
  ['admin: agency', w.admin, `/admin/aktorer/${w.ownerAgency.id}`],
]

describe('stored payloads are shown as text on every surface', () => {
  for (const payload of storedPayloads) {
    it(`${JSON.stringify(payload)}`, async () => {
      const world = await aWorldWith(payload)
      for (const [where, client, path, headers, options] of surfaces(world)) {
        const response = await client.get(path, headers)
        expect(response.status, where).toBe(200)
        expectInert(await response.text(), payload, where, options)
      }
      // and in a live update, as the member's open meeting page receives it
      const stream = await listenToMeeting(ctx.app, world.member, world.meetingId)
      await stream.until(/event: connected/)
      const page = `/moten/${world.meetingId}`
      expect(
        (
          await world.chair.submit(
            page,
            { text: `Nytt beslut ${payload}` },
            { action: `${page}/beslut`, within: '#beslut' },
          )
        ).status,
      ).toBe(303)
      const text = await stream.until(/event: patch\n[\s\S]*?\n\n/)
      const data = text
        .slice(text.indexOf('event: patch'))
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      expectInert(data, payload, 'live update')
      await stream.close()
      // the minutes, once the meeting is closed, and the running head of their printout (a CSS string)
      expect((await world.chair.submit(page, {}, { action: `${page}/stang` })).status).toBe(303)
      for (const client of [world.chair, world.member]) {
        const minutes = await client.get(`${page}/protokoll`)
        expect(minutes.status).toBe(200)
        expectInert(await minutes.text(), payload, 'minutes')
      }
      const css = await (await world.chair.get(`${page}/protokoll/utskrift.css`)).text()
      expect(css).toMatch(
        /^@page \{ @top-left \{ content: "(?:[^"\\\n\r<>]|\\[0-9a-f]+ )*"; font-size: 9pt; \} \}\n$/,
      )
    })
  }
})
