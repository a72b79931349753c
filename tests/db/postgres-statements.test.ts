import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PreparingClient } from '../../src/db/postgres-statements'
import { usingPostgres } from '../support/test-context'

const prepared = async (client: PreparingClient) =>
  (await client.query('select statement from pg_prepared_statements order by statement')).rows.map(
    (row: { statement: string }) => row.statement,
  )

describe.runIf(usingPostgres())('the PostgreSQL client', () => {
  let client: PreparingClient
  beforeEach(async () => {
    client = new PreparingClient({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
  })
  afterEach(async () => client.end())

  /** A `select *` prepared on the connection, then outdated by a column added to its table. */
  const outdatedSelect = async (table: string) => {
    await client.query(`create temporary table ${table} (a int)`)
    await client.query(`insert into ${table} values (1)`)
    const select = `select * from ${table} where a = $1`
    for (let i = 0; i < 3; i++) await client.query(select, [1])
    await client.query(`alter table ${table} add column b int default 7`)
    return select
  }

  it('prepares a statement once it runs again, and runs it by name from then on', async () => {
    const once = await client.query('select $1::int + 1 as n', [1])
    expect(once.rows).toEqual([{ n: 2 }])
    expect(await prepared(client)).toEqual([])
    for (let i = 2; i <= 5; i++)
      expect((await client.query('select $1::int + 1 as n', [i])).rows).toEqual([{ n: i + 1 }])
    expect(await prepared(client)).toEqual(['select $1::int + 1 as n'])
  })

  it('leaves statements without values unnamed (begin, commit)', async () => {
    for (let i = 0; i < 3; i++) {
      await client.query('begin', [])
      await client.query('commit', [])
    }
    expect(await prepared(client)).toEqual([])
  })

  it('prepares anew a statement whose columns changed under it, unseen outside a transaction', async () => {
    const select = await outdatedSelect('t')
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1, b: 7 }])
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1, b: 7 }])
  })

  it('lets the error stand inside a transaction (it is aborted), and runs anew after', async () => {
    const select = await outdatedSelect('u')
    await client.query('begin', [])
    await expect(client.query(select, [1])).rejects.toMatchObject({ code: '0A000' })
    await client.query('rollback', [])
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1, b: 7 }])
  })
})
