import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { todayInStockholm } from '../../src/i18n/format'
import { aMembership, aTeam, aUser, anArea } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const signedIn = async (user: { email: string; password: string }) => {
  const client = new TestClient(ctx.app)
  await client.login(user.email, user.password)
  return client
}

const dayOffset = (days: number) => {
  const [y, m, d] = todayInStockholm().split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}

describe('GET /team/:teamId', () => {
  it('shows the team to a member, with their role, areas and agencies', async () => {
    const team = await aTeam(ctx.db, { name: 'EST Söder' })
    const area = await anArea(ctx.db, team.id, 'Torget i Söder')
    const user = await aUser(ctx.db)
    await aMembership(ctx.db, team.id, user.id, 'coordinator')
    const response = await (await signedIn(user)).get(`/team/${team.id}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('EST Söder')
    expect(html).toContain('Din roll: Samordnare')
    expect(html).toContain(area.name)
  })

  it('answers 404, not 403, to a signed-in non-member, so the team cannot be discovered', async () => {
    const team = await aTeam(ctx.db, { name: 'Hemligt team' })
    const outsider = await aUser(ctx.db)
    const response = await (await signedIn(outsider)).get(`/team/${team.id}`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('Hemligt team')
  })

  it('answers a member of another team 404 too, and the same for a made-up id', async () => {
    const mine = await aTeam(ctx.db)
    const theirs = await aTeam(ctx.db)
    const user = await aUser(ctx.db)
    await aMembership(ctx.db, mine.id, user.id)
    const client = await signedIn(user)
    const guessed = await client.get(`/team/${crypto.randomUUID()}`)
    const other = await client.get(`/team/${theirs.id}`)
    expect(other.status).toBe(404)
    expect(guessed.status).toBe(404)
    const withoutIds = (html: string) =>
      html.replaceAll(theirs.id, 'ID').replace(/\/team\/[0-9a-f-]{36}/g, '/team/ID')
    expect(withoutIds(await other.text())).toBe(withoutIds(await guessed.text()))
  })

  it('gives access up to and including the last day of a membership, and none after it', async () => {
    const team = await aTeam(ctx.db, { name: 'Tidsbegränsat team' })
    const lastDayToday = await aUser(ctx.db)
    const ended = await aUser(ctx.db)
    await aMembership(ctx.db, team.id, lastDayToday.id, 'member', dayOffset(0))
    await aMembership(ctx.db, team.id, ended.id, 'member', dayOffset(-1))
    expect((await (await signedIn(lastDayToday)).get(`/team/${team.id}`)).status).toBe(200)
    const former = await signedIn(ended)
    expect((await former.get(`/team/${team.id}`)).status).toBe(404)
    expect(await (await former.get('/')).text()).not.toContain('Tidsbegränsat team')
  })

  it('lets an observer see the team page', async () => {
    const team = await aTeam(ctx.db)
    const observer = await aUser(ctx.db)
    await aMembership(ctx.db, team.id, observer.id, 'observer')
    const html = await (await (await signedIn(observer)).get(`/team/${team.id}`)).text()
    expect(html).toContain('Din roll: Observatör')
  })
})

describe('GET /', () => {
  it("lists the person's active teams and the places for meetings and the agency's open actions", async () => {
    const team = await aTeam(ctx.db, { name: 'Trygghetsgruppen Väster', kind: 'est' })
    const user = await aUser(ctx.db)
    await aMembership(ctx.db, team.id, user.id, 'chair')
    const html = await (await (await signedIn(user)).get('/')).text()
    expect(html).toContain(`href="/team/${team.id}"`)
    expect(html).toContain('Trygghetsgruppen Väster')
    expect(html).toContain('Ordförande')
    expect(html).toContain('Mina nästa möten')
    expect(html).toContain('Öppna åtgärder för')
  })
})
