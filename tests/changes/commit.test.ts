import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { commitAs } from '../../src/changes/commit'
import { MeetingEvents, type MeetingChange } from '../../src/live/meeting-events'
import { createAgency } from '../../src/agencies/agency.repository'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const actor = { userId: null, agencyId: null }
const countOf = async (table: 'audit_events' | 'agencies') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

function listening(live: MeetingEvents, meetingId: string) {
  const heard: MeetingChange[] = []
  live.subscribe(meetingId, (change) => heard.push(change))
  return heard
}

describe('the write door', () => {
  it('commits the write with its audit events, then moves the content version and tells the meeting', async () => {
    const live = new MeetingEvents()
    const heard = listening(live, 'm1')
    const events = await countOf('audit_events')
    const version = live.contentVersion
    const id = await commitAs({ db: ctx.db, live }, actor, async (trx, change) => {
      const made = await createAgency(trx, {
        name: `Dörrprovet ${Date.now()}`,
        kind: 'police',
        isPublicAuthority: true,
      })
      change.audit({ action: 'agency.create', objectType: 'agency', objectId: made })
      change.publish('m1', { kind: 'meeting' })
      // Nothing is told before the commit.
      expect(heard).toEqual([])
      return made
    })
    expect(await countOf('audit_events')).toBe(events + 1)
    const event = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ action: 'agency.create', object_id: id })
    expect(heard).toEqual([{ kind: 'meeting' }])
    expect(live.contentVersion).toBe(version + 1)
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })

  it('rolls back the write and its events together, and tells nobody', async () => {
    const live = new MeetingEvents()
    const heard = listening(live, 'm2')
    const [events, agencies, version] = [
      await countOf('audit_events'),
      await countOf('agencies'),
      live.contentVersion,
    ]
    await expect(
      commitAs({ db: ctx.db, live }, actor, async (trx, change) => {
        await createAgency(trx, {
          name: `Rullas tillbaka ${Date.now()}`,
          kind: 'school',
          isPublicAuthority: true,
        })
        change.audit({ action: 'agency.create' })
        change.publish('m2', { kind: 'meeting' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await countOf('audit_events')).toBe(events)
    expect(await countOf('agencies')).toBe(agencies)
    expect(heard).toEqual([])
    expect(live.contentVersion).toBe(version)
  })

  it('refuses a change that records no audit event, writing nothing', async () => {
    const agencies = await countOf('agencies')
    await expect(
      commitAs({ db: ctx.db }, actor, async (trx) => {
        await createAgency(trx, {
          name: `Ohörd ${Date.now()}`,
          kind: 'school',
          isPublicAuthority: true,
        })
      }),
    ).rejects.toThrow(/audit event/)
    expect(await countOf('agencies')).toBe(agencies)
  })

  it('lets a write that found nothing to do say so, without an event or a new version', async () => {
    const live = new MeetingEvents()
    const events = await countOf('audit_events')
    await commitAs({ db: ctx.db, live }, actor, async (_trx, change) => change.nothingChanged())
    expect(await countOf('audit_events')).toBe(events)
    expect(live.contentVersion).toBe(0)
  })
})
