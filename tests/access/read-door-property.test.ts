import { inTransaction } from '../support/in-transaction'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryViewerOf, showEntry } from '../../src/access/entry-policy'
import { createArea } from '../../src/teams/team.repository'
import { createEntry, withdrawEntry } from '../../src/situation/entries/situation-entry.repository'
import {
  findStoredEntry,
  listingViewerOf,
  listStoredOfTeam,
  visibleCounts,
} from '../../src/situation/read/stored-entries'
import { aMembership, anAgency, aTeam, aUser } from '../support/builders'
import { createTestContext, type TestContext } from '../support/test-context'

/**
 * The door's SQL leaves out, before paging, what the policy would show nobody
 * (so pages and counts hold); the pure policy decides what of each row is
 * shown. They must agree exactly: for generated teams, entries and viewers,
 * the SQL returns precisely the entries the policy shows at least as a stub.
 */
let ctx: TestContext
let bases: { allowsPrivate: string; publicOnly: string }
beforeAll(async () => {
  ctx = await createTestContext()
  const rows = await ctx.db
    .selectFrom('legal_bases')
    .select(['id', 'allows_private_recipients'])
    .execute()
  bases = {
    allowsPrivate: rows.find((r) => r.allows_private_recipients === 1)!.id,
    publicOnly: rows.find((r) => r.allows_private_recipients === 0)!.id,
  }
})
afterAll(async () => ctx?.destroy())

const agencyCount = 4
const entryArbitrary = fc.record({
  source: fc.integer({ min: 0, max: agencyCount - 1 }),
  scope: fc.constantFrom('team', 'agencies', 'own'),
  recipients: fc.uniqueArray(fc.integer({ min: 0, max: agencyCount - 1 }), { maxLength: 3 }),
  privateBasis: fc.boolean(),
  withdrawn: fc.boolean(),
})

describe('the read door’s SQL and the policy agree', () => {
  it('for generated entries and every kind of viewer (member, observer, public or private agency)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArbitrary, { minLength: 1, maxLength: 8 }),
        async (generated) => {
          const { db } = ctx
          const team = await aTeam(db)
          const areaId = await inTransaction(db, (trx) => createArea(trx, team.id, 'Centrum'))
          const category = await db
            .selectFrom('categories')
            .select('id')
            .where('team_id', '=', team.id)
            .executeTakeFirstOrThrow()
          // agency 3 is a private actor (a housing company)
          const agencies = await Promise.all(
            [0, 1, 2, 3].map((i) =>
              anAgency(db, { kind: i === 3 ? 'housing' : 'police', isPublicAuthority: i !== 3 }),
            ),
          )
          const people = await Promise.all(
            agencies.map((agency) => aUser(db, { agencyId: agency.id })),
          )
          for (const person of people) await aMembership(db, team.id, person.id, 'member')
          const ids: string[] = []
          for (const [index, entry] of generated.entries()) {
            const id = await db.transaction().execute(async (trx) => {
              const made = await createEntry(trx, {
                teamId: team.id,
                meetingId: null,
                sourceAgencyId: agencies[entry.source]!.id,
                authorUserId: people[entry.source]!.id,
                idempotencyKey: crypto.randomUUID(),
                areaId,
                categoryId: category.id,
                periodFrom: '2026-11-23',
                periodTo: '2026-11-29',
                week: '2026-W48',
                eventCount: 1,
                trend: 'unchanged',
                description: `Post ${index}`,
                ownReference: '',
                scope: entry.scope as 'team' | 'agencies' | 'own',
                recipientAgencyIds:
                  entry.scope === 'team'
                    ? []
                    : entry.recipients
                        .filter((r) => r !== entry.source)
                        .map((r) => agencies[r]!.id),
                legalBasisId:
                  entry.scope === 'team'
                    ? null
                    : entry.privateBasis
                      ? bases.allowsPrivate
                      : bases.publicOnly,
              })
              if (entry.withdrawn) await withdrawEntry(trx, (await findStoredEntry(trx, made))!)
              return made
            })
            ids.push(id)
          }
          const stored = await Promise.all(ids.map((id) => findStoredEntry(db, id)))
          for (const [index, agency] of agencies.entries()) {
            for (const role of ['member', 'observer'] as const) {
              const viewer = { agencyId: agency.id, agencyIsPublicAuthority: index !== 3 }
              const bySql = (
                await listStoredOfTeam(db, team.id, listingViewerOf(viewer, role), {
                  limit: 100,
                  offset: 0,
                })
              )
                .map((e) => e.id)
                .sort()
              const byPolicy = stored
                .filter((entry) => showEntry(entryViewerOf(viewer, role), entry!) !== null)
                .map((entry) => entry!.id)
                .sort()
              expect(bySql, `agency ${index} as ${role}`).toEqual(byPolicy)
              // and the counts (the overview, the analysis, exports) count exactly what the policy shows, withdrawn left out
              const counted = (
                await visibleCounts(
                  db,
                  team.id,
                  listingViewerOf(viewer, role),
                  '2026-W48',
                  '2026-W48',
                  { areaId: null, categoryId: null, sourceKind: null },
                )
              ).reduce((sum, row) => sum + row.count, 0)
              const shown = stored.filter(
                (entry) =>
                  !entry!.withdrawn && showEntry(entryViewerOf(viewer, role), entry!) !== null,
              ).length
              expect(counted, `counts for agency ${index} as ${role}`).toBe(shown)
            }
          }
        },
      ),
      { numRuns: 40 },
    )
  }, 60_000)
})
