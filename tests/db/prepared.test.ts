import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgencyKind } from '../../src/agencies/agency.table'
import { newId, nowIso } from '../../src/db/ids'
import { prepared } from '../../src/db/prepared'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

const agencyByName = prepared((db, p: { name: string; kind: AgencyKind }) =>
  db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('name', '=', p.name)
    .where('kind', '=', p.kind)
    .where('name', '!=', 'never this one'),
)

async function addAgency(name: string) {
  const id = newId()
  const now = nowIso()
  await ctx.db
    .insertInto('agencies')
    .values({ id, name, kind: 'police', is_public_authority: 1, created_at: now, updated_at: now })
    .execute()
  return id
}

describe('a prepared query', () => {
  it('runs with the values of each call, built once', async () => {
    const first = await addAgency('Polisen i Testby')
    const second = await addAgency('Polisen i Provstad')
    expect(await agencyByName(ctx.db, { name: 'Polisen i Testby', kind: 'police' })).toEqual([
      { id: first, name: 'Polisen i Testby' },
    ])
    expect(await agencyByName(ctx.db, { name: 'Polisen i Provstad', kind: 'police' })).toEqual([
      { id: second, name: 'Polisen i Provstad' },
    ])
    expect(await agencyByName(ctx.db, { name: 'Polisen i Provstad', kind: 'school' })).toEqual([])
  })

  it('runs inside a transaction, seeing its uncommitted rows', async () => {
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        const id = newId()
        const now = nowIso()
        await trx
          .insertInto('agencies')
          .values({
            id,
            name: 'Polisen i Ångby',
            kind: 'police',
            is_public_authority: 1,
            created_at: now,
            updated_at: now,
          })
          .execute()
        expect(await agencyByName(trx, { name: 'Polisen i Ångby', kind: 'police' })).toEqual([
          { id, name: 'Polisen i Ångby' },
        ])
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await agencyByName(ctx.db, { name: 'Polisen i Ångby', kind: 'police' })).toEqual([])
  })

  it('refuses a build that does not use a parameter as a value', async () => {
    const unused = prepared((db, p: { name: string }) => {
      void p.name
      return db.selectFrom('agencies').select('id')
    })
    await expect(unused(ctx.db, { name: 'x' })).rejects.toThrow(/name is not a parameter/)
  })
})
