import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, testOrigin, type TestContext } from '../support/test-context'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => ctx.destroy())

/** Runs `npm run admin:reset -- <e-mail>` as an operator would, against this test's database. */
function adminReset(email?: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/auth/admin-reset-cli.ts', ...(email ? [email] : [])],
    {
      env: {
        PATH: process.env.PATH,
        PUBLIC_ORIGIN: testOrigin,
        LOG_LEVEL: 'silent',
        ...ctx.databaseEnv,
      },
      encoding: 'utf8',
    },
  )
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('npm run admin:reset -- <e-mail>', () => {
  it('prints a one-time link with which a locked-out administrator chooses a new password and gets back in', async () => {
    const admin = await aUser(ctx.db, { isAdmin: true, status: 'disabled' })
    const run = adminReset(admin.email.toUpperCase())
    expect(run.status, run.output).toBe(0)
    const link = /http:\/\/localhost(\/aterstall\/[\w-]{40,})/.exec(run.output)?.[1]
    expect(link, run.output).toBeTruthy()

    const browser = new TestClient(ctx.app)
    const saved = await browser.submit(link!, {
      password: 'återställt och långt',
      passwordConfirm: 'återställt och långt',
    })
    // The phone may be what was lost: the second factor is enrolled anew before /admin opens.
    expect(saved.headers.get('location')).toBe('/logga-in/tvastegs')
    expect((await browser.secondStep(admin.email, saved)).status).toBe(200)
    expect((await browser.get('/admin')).status).toBe(200)
    expect((await new TestClient(ctx.app).get(link!)).status).toBe(404)
    const event = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('action', '=', 'admin.password_reset_command')
      .executeTakeFirstOrThrow()
    expect(event.actor_user_id).toBeNull()
  })

  it('refuses an e-mail that is no administrator, and says how to use it', async () => {
    const member = await aUser(ctx.db)
    const refused = adminReset(member.email)
    expect(refused.status).toBe(1)
    expect(refused.output).toContain('Ingen administratör har e-postadressen')
    expect(refused.output).not.toMatch(/aterstall\//)
    const usage = adminReset()
    expect(usage.status).toBe(2)
    expect(usage.output).toContain('npm run admin:reset -- ')
  })
})
