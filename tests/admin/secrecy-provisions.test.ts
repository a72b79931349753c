import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let admin: TestClient
beforeAll(async () => {
  ctx = await createTestContext()
  const user = await aUser(ctx.db, { isAdmin: true })
  admin = new TestClient(ctx.app)
  await admin.login(user.email, user.password)
})
afterAll(async () => ctx.destroy())

const page = '/admin/sekretess'

describe('/admin/sekretess', () => {
  it('starts with the common provisions, takes a new one through its form, and retires without deleting', async () => {
    const first = await (await admin.get(page)).text()
    expect(first).toContain('26 kap. 1 § OSL')
    const added = await admin.submit(page, {
      reference: '21 kap. 3 § OSL',
      title: 'Uppgift om enskild som behöver skyddas',
    })
    expect(added.status).toBe(303)
    const listed = await (await admin.get(page)).text()
    expect(listed).toContain('21 kap. 3 § OSL')
    const row = await ctx.db
      .selectFrom('secrecy_provisions')
      .select('id')
      .where('reference', '=', '21 kap. 3 § OSL')
      .executeTakeFirstOrThrow()
    expect((await admin.submit(page, {}, { action: `${page}/${row.id}/avveckla` })).status).toBe(
      303,
    )
    const retired = await ctx.db
      .selectFrom('secrecy_provisions')
      .select('retired_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(retired.retired_at).not.toBeNull()
    expect((await admin.get(page)).status).toBe(200)
  })

  it('answers an empty or taken reference with 422, keeping what was typed', async () => {
    const empty = await admin.post(page, { reference: ' ', title: 'Något' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('value="Något"')
    const taken = await admin.post(page, { reference: '26 kap. 1 § OSL', title: 'Igen' })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('value="Igen"')
  })

  it('is for the administrator only', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    expect((await client.get(page)).status).toBe(403)
    expect((await client.post(page, { reference: 'x', title: 'y' }, { forged: true })).status).toBe(
      403,
    )
  })
})
