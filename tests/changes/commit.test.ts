import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { commitAs } from '../../src/changes/commit'
import { GroupCommit } from '../../src/changes/group-commit'
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

  it('lets concurrent changes share one commit, a failing one failing alone', async () => {
    const live = new MeetingEvents()
    const groupCommit = new GroupCommit(ctx.db)
    const [events, agencies] = [await countOf('audit_events'), await countOf('agencies')]
    const stamp = Date.now()
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        commitAs({ db: ctx.db, live, groupCommit }, actor, async (trx, change) => {
          const id = await createAgency(trx, {
            name: `Samtidig ${stamp} ${i}`,
            kind: 'school',
            isPublicAuthority: true,
          })
          change.audit({ action: 'agency.create', objectType: 'agency', objectId: id })
          if (i === 7) throw new Error('this one fails')
          return id
        }),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1)
    expect(outcomes[7]).toMatchObject({ status: 'rejected' })
    expect(await countOf('agencies')).toBe(agencies + 19)
    expect(await countOf('audit_events')).toBe(events + 19)
    expect(
      await ctx.db
        .selectFrom('agencies')
        .select('id')
        .where('name', '=', `Samtidig ${stamp} 7`)
        .execute(),
    ).toEqual([])
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
    expect(live.contentVersion).toBe(19)
    // All twenty came together, so they shared one transaction and one commit.
    expect(groupCommit.commits).toBe(1)
  })

  it('waits one turn of the event loop so that requests read together share the commit', async () => {
    const groupCommit = new GroupCommit(ctx.db)
    const stamp = Date.now()
    const change = (i: number) =>
      commitAs({ db: ctx.db, groupCommit }, actor, async (trx, record) => {
        const id = await createAgency(trx, {
          name: `Turvis ${stamp} ${i}`,
          kind: 'school',
          isPublicAuthority: true,
        })
        record.audit({ action: 'agency.create', objectType: 'agency', objectId: id })
      })
    // As the server sees it: requests read in one turn are handled in callbacks of their own.
    const inCallback = (i: number) =>
      new Promise<void>((resolve, reject) => setImmediate(() => change(i).then(resolve, reject)))
    await Promise.all([inCallback(1), inCallback(2), inCallback(3)])
    expect(groupCommit.commits).toBe(1)
  })

  it('appends an event that changes nothing else without outdating cached pages', async () => {
    const live = new MeetingEvents()
    const events = await countOf('audit_events')
    await commitAs({ db: ctx.db, live }, actor, async (_trx, change) => {
      change.audit({ action: 'situation.export', objectType: 'team', objectId: 't' })
      change.nothingChanged()
    })
    expect(await countOf('audit_events')).toBe(events + 1)
    expect(live.contentVersion).toBe(0)
  })

  it('chains events whose fields hold any character, and concurrent changes in one order', async () => {
    // PostgreSQL's text holds no NUL; inside the JSON details it travels escaped.
    const odd = 'Å ä ö "citat" \\ bakstreck \u2028 ✓ 𝄞 \n'
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        commitAs(
          { db: ctx.db },
          { userId: null, agencyId: null, requestId: odd },
          async (_trx, change) => {
            change.audit({
              action: `prov.${i}`,
              objectType: 'agency',
              objectId: odd,
              details: { text: `${odd}\u0000`, n: i, nested: { list: [odd, null, 1.5] } },
            })
            change.nothingChanged()
          },
        ),
      ),
    )
    const last = await ctx.db
      .selectFrom('audit_events')
      .select(['seq', 'object_id', 'details'])
      .orderBy('seq', 'desc')
      .limit(12)
      .execute()
    expect(last.map((row) => row.object_id)).toEqual(Array(12).fill(odd))
    expect(new Set(last.map((row) => row.seq)).size).toBe(12)
    // The hashes the database made (PostgreSQL) are the ones Läget checks them against.
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })
})
