import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionIdleMs } from '../../src/auth/session'
import {
  aMeeting,
  aMembership,
  aTeamWithRoles,
  aUser,
  type TeamWithRoles,
} from '../support/builders'
import { TestClient } from '../support/client'
import { listenToMeeting } from '../support/live'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

// A short heartbeat, so the checks made at each heartbeat show within a test.
let ctx: TestContext
let t: TeamWithRoles
beforeAll(async () => {
  ctx = await createTestContext({ liveHeartbeatMs: 200 })
  t = await aTeamWithRoles(ctx.db, ctx.app)
})
afterAll(async () => ctx.destroy())

/** A member of the team with a session of their own, signed in through the login page. */
async function aMemberSignedIn() {
  const user = await aUser(ctx.db)
  await aMembership(ctx.db, t.team.id, user.id, 'member')
  const client = new TestClient(ctx.app)
  await client.login(user.email, user.password)
  const sessionId = client.sessionToken!.split('.')[0]!
  return { user, client, sessionId }
}

const recordDecision = (meetingId: string, text: string) =>
  t.chair.client.submit(
    `/moten/${meetingId}`,
    { text },
    { action: `/moten/${meetingId}/beslut`, within: '#beslut' },
  )

describe('a live stream keeps to its session', () => {
  it('ends at the next change once the session is past its idle limit, and sends that change to no one signed out', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const { client, sessionId } = await aMemberSignedIn()
    const stream = await listenToMeeting(ctx.app, client, meetingId)
    await stream.until(/event: connected/)
    const idleSince = new Date(Date.now() - sessionIdleMs - 60_000).toISOString()
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: idleSince })
      .where('id', '=', sessionId)
      .execute()
    expect((await recordDecision(meetingId, 'Når inte den som varit borta för länge')).status).toBe(
      303,
    )
    await expect(stream.until(/never arrives/, 2000)).rejects.toThrow(/stream ended/)
    expect(stream.text).toContain('event: ended')
    expect(stream.text).toContain('Du är inte längre inloggad')
    expect(stream.text).not.toContain('Når inte den som varit borta för länge')
  })

  it('ends by itself when the session reaches its absolute limit, with no change and no heartbeat needed', async () => {
    const slow = await createTestContext({ liveHeartbeatMs: 60_000 })
    try {
      const team = await aTeamWithRoles(slow.db, slow.app)
      const meetingId = await aMeeting(slow.db, team.team.id, { status: 'open' })
      const sessionId = team.member.client.sessionToken!.split('.')[0]!
      await slow.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() + 800).toISOString() })
        .where('id', '=', sessionId)
        .execute()
      const started = Date.now()
      const stream = await listenToMeeting(slow.app, team.member.client, meetingId)
      await stream.until(/event: connected/)
      await expect(stream.until(/never arrives/, 3000)).rejects.toThrow(/stream ended/)
      expect(Date.now() - started).toBeLessThan(2500)
      expect(stream.text).toContain('event: ended')
    } finally {
      await slow.destroy()
    }
  })

  it('ends at a heartbeat, without any change, when the session is deleted or the account disabled', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const deleted = await aMemberSignedIn()
    const disabled = await aMemberSignedIn()
    const streams = [
      await listenToMeeting(ctx.app, deleted.client, meetingId),
      await listenToMeeting(ctx.app, disabled.client, meetingId),
    ]
    for (const stream of streams) await stream.until(/event: connected/)
    await ctx.db.deleteFrom('sessions').where('id', '=', deleted.sessionId).execute()
    await ctx.db
      .updateTable('users')
      .set({ status: 'disabled' })
      .where('id', '=', disabled.user.id)
      .execute()
    for (const stream of streams) {
      await expect(stream.until(/never arrives/, 2000)).rejects.toThrow(/stream ended/)
      expect(stream.text).toContain('event: ended')
    }
  })

  it('ends at a heartbeat when the membership ends, and keeps going (heartbeats) while all is well', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const leaver = await aMemberSignedIn()
    const stayer = await listenToMeeting(ctx.app, t.observer.client, meetingId)
    const stream = await listenToMeeting(ctx.app, leaver.client, meetingId)
    await stream.until(/event: connected/)
    await stayer.until(/event: connected/)
    await stream.until(/: keepalive/)
    const yesterday = inDays(-1)
    await ctx.db
      .updateTable('team_memberships')
      .set({ ends_on: yesterday })
      .where('user_id', '=', leaver.user.id)
      .execute()
    await expect(stream.until(/never arrives/, 2000)).rejects.toThrow(/stream ended/)
    expect(stream.text).toContain('event: ended')
    const kept = await stayer.until(/(: keepalive[\s\S]*){3}/)
    expect(kept).not.toContain('event: ended')
    await stayer.close()
  })

  it('refuses to open for a session past its limits', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const { client, sessionId } = await aMemberSignedIn()
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sessionId)
      .execute()
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await ctx.app.request(`http://localhost/moten/${meetingId}/live`, {
      headers: { cookie },
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toMatch(/^\/logga-in\?nasta=/)
  })
})
