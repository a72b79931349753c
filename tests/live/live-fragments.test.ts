import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aMeeting } from '../support/builders'
import { listenToMeeting } from '../support/live'
import {
  aSituationTeam,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

/**
 * A change in an open meeting sends each viewer the fragment that changed —
 * keyed by id for an out-of-band swap — not the sections around it.
 */
let ctx: TestContext
let t: SituationTeam
let meetingId: string
let page: string
beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  page = `/moten/${meetingId}`
  expect((await t.people.chair.client.submit(page, {}, { action: `${page}/oppna` })).status).toBe(
    303,
  )
})
afterAll(async () => ctx?.destroy())

const chair = () => t.people.chair.client
const lastEvent = (text: string) => text.slice(text.lastIndexOf('event: '))
/** True when the event replaces the element with this id, out of band. */
const replaces = (event: string, id: string) =>
  new RegExp(`<[a-z0-9]+ hx-swap-oob="true"[^>]*\\bid="${id}"`).test(event)

async function memberStream() {
  const stream = await listenToMeeting(ctx.app, t.people.police.client, meetingId)
  await stream.until(/event: connected/)
  return stream
}

describe('live fragments', () => {
  it('a new decision is appended alone; an action under a decision sends that decision alone', async () => {
    for (const text of ['Första beslutet om torget', 'Andra beslutet om parken']) {
      expect(
        (await chair().submit(page, { text }, { action: `${page}/beslut`, within: '#beslut' }))
          .status,
      ).toBe(303)
    }
    const stream = await memberStream()
    expect(
      (
        await chair().submit(
          page,
          { text: 'Tredje beslutet om skolgården' },
          { action: `${page}/beslut`, within: '#beslut' },
        )
      ).status,
    ).toBe(303)
    const added = lastEvent(await stream.until(/event: patch[\s\S]*Tredje beslutet[\s\S]*\n\n/))
    expect(added).toContain('hx-swap-oob="beforeend:#decision-list"')
    expect(added).not.toContain('Första beslutet')
    expect(added).not.toContain('id="beslut"')

    const first = await ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('text', '=', 'Första beslutet om torget')
      .executeTakeFirstOrThrow()
    const dueOn = inDays(14)
    const made = await chair().submit(`${page}/beslut/${first.id}/atgarder/ny`, {
      text: 'Fältarna går extra rundor',
      ownerAgencyId: t.agencies.police.id,
      dueOn,
    })
    expect(made.status).toBe(303)
    const changed = lastEvent(
      await stream.until(/event: patch[\s\S]*Fältarna går extra rundor[\s\S]*\n\n/),
    )
    expect(replaces(changed, `decision-${first.id}`)).toBe(true)
    expect(changed).not.toContain('Andra beslutet')
    expect(changed).not.toContain('Tredje beslutet')
    await stream.close()
  })

  it('an agenda item changed sends that item (and the sum), not the other items', async () => {
    const items = await ctx.db
      .selectFrom('agenda_items')
      .select(['id', 'title'])
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute()
    expect(items.length).toBeGreaterThan(2)
    const [changedItem, otherItem] = [items[1]!, items[2]!]
    const stream = await memberStream()
    const edited = await t.people.chair.client.submit(
      `${page}/dagordning/${changedItem.id}`,
      { title: 'Skolgården efter skoltid' },
      { action: `${page}/dagordning/${changedItem.id}` },
    )
    expect(edited.status, await edited.clone().text()).toBeLessThan(400)
    const event = lastEvent(
      await stream.until(/event: patch[\s\S]*Skolgården efter skoltid[\s\S]*\n\n/),
    )
    expect(replaces(event, `agenda-item-${changedItem.id}`)).toBe(true)
    expect(replaces(event, 'agenda-sum')).toBe(true)
    expect(event).not.toContain(`agenda-item-${otherItem.id}`)
    await stream.close()
  })

  it('an entry sends its area group alone, rendered for each viewer', async () => {
    const other = 'I norra delen är det lugnare än förra veckan'
    expect(
      (
        await reportEntry(
          t.people.social.client,
          t.team.id,
          entryForm(t, { areaId: t.otherArea.id, description: other }),
        )
      ).status,
    ).toBe(303)
    const stream = await memberStream()
    const text = 'Vid centrumtorget samlas fler på kvällarna'
    expect(
      (await reportEntry(t.people.social.client, t.team.id, entryForm(t, { description: text })))
        .status,
    ).toBe(303)
    const event = lastEvent(
      await stream.until(new RegExp(`event: patch[\\s\\S]*${text}[\\s\\S]*\\n\\n`)),
    )
    expect(replaces(event, `situation-area-${t.area.id}`)).toBe(true)
    expect(replaces(event, 'situation-count')).toBe(true)
    expect(event).not.toContain(other)
    expect(event).not.toContain('id="lagesbild"')
    await stream.close()
  })

  it('an area assessed sends that area alone', async () => {
    const stream = await memberStream()
    const saved = await chair().submit(
      page,
      { level: '1', trend: 'unchanged', justification: 'Lugnt i centrum' },
      { action: `${page}/bedomningar/${t.area.id}` },
    )
    expect(saved.status).toBe(303)
    const event = lastEvent(await stream.until(/event: patch[\s\S]*Lugnt i centrum[\s\S]*\n\n/))
    expect(replaces(event, `bedomning-${t.area.id}`)).toBe(true)
    expect(event).not.toContain(`id="bedomning-${t.otherArea.id}"`)
    await stream.close()
  })
})
