import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEntry } from '../../src/situation/entries/situation-entry.repository'
import { rebuildCells } from '../../src/situation/situation-cells'
import type { Trend } from '../../src/situation/situation-entry.table'
import { createCategory } from '../../src/teams/team.repository'
import { anAgency, anArea, aTeam, aUser } from '../support/builders'
import { inTransaction } from '../support/in-transaction'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const cellsOf = (teamId: string) =>
  ctx.db
    .selectFrom('situation_cells')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy(['week', 'area_id', 'category_id', 'source_agency_id'])
    .execute()

describe('the weekly cells', () => {
  it('count each saved entry as counting them all anew would (on PostgreSQL in the insert itself)', async () => {
    const team = await aTeam(ctx.db)
    const areas = [await anArea(ctx.db, team.id), await anArea(ctx.db, team.id)]
    const categories = await inTransaction(ctx.db, async (trx) => [
      await createCategory(trx, team.id, {
        name: 'Skadegörelse',
        isSensitive: false,
        defaultScope: 'team',
      }),
      await createCategory(trx, team.id, {
        name: 'Narkotika',
        isSensitive: true,
        defaultScope: 'own',
      }),
    ])
    const agencies = [
      await anAgency(ctx.db, { kind: 'police' }),
      await anAgency(ctx.db, { kind: 'housing', isPublicAuthority: false }),
    ]
    const author = await aUser(ctx.db, { agencyId: agencies[0]!.id })
    const trends: Trend[] = ['increasing', 'unchanged', 'decreasing', 'uncertain']
    await inTransaction(ctx.db, async (trx) => {
      for (let i = 0; i < 24; i++)
        await createEntry(trx, {
          teamId: team.id,
          meetingId: null,
          sourceAgencyId: agencies[i % 2]!.id,
          authorUserId: author.id,
          idempotencyKey: crypto.randomUUID(),
          areaId: areas[i % 2]!.id,
          categoryId: categories[Math.floor(i / 2) % 2]!,
          periodFrom: '2026-11-23',
          periodTo: '2026-11-29',
          week: i < 12 ? '2026-W48' : '2026-W49',
          eventCount: i % 5 === 0 ? null : i,
          trend: trends[i % 4]!,
          description: `Händelse ${i}`,
          ownReference: '',
          scope: i % 3 === 0 ? 'own' : 'team',
          recipientAgencyIds: [],
          legalBasisId: null,
        })
    })
    const saved = await cellsOf(team.id)
    expect(saved.length).toBeGreaterThan(4)
    await inTransaction(ctx.db, (trx) => rebuildCells(trx))
    expect(await cellsOf(team.id)).toEqual(saved)
  })
})
