import { describe, expect, it } from 'vitest'
import { aMeeting, useTeamWithRoles } from '../support/builders'
import { listenToMeeting } from '../support/live'
import { testOrigin } from '../support/test-context'

const s = useTeamWithRoles()

const listen = (client: Parameters<typeof listenToMeeting>[1], meetingId: string) =>
  listenToMeeting(s.ctx.app, client, meetingId)

describe('GET /moten/:meetingId/live', () => {
  it('delivers a decision recorded by the chair to a member within a second, rendered for the member', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const stream = await listen(s.t.member.client, meetingId)
    await stream.until(/event: connected/)
    const started = Date.now()
    expect(
      (
        await s.t.chair.client.submit(
          `/moten/${meetingId}`,
          { text: 'Polisen förstärker närvaron vid torget' },
          { action: `/moten/${meetingId}/beslut`, within: '#beslut' },
        )
      ).status,
    ).toBe(303)
    const text = await stream.until(/event: patch[\s\S]*Polisen förstärker närvaron vid torget/)
    expect(Date.now() - started).toBeLessThan(1000)
    // rendered for the member: no recording forms, and the member's own CSRF token only
    const decisions = text.slice(text.indexOf('event: patch'))
    expect(decisions).not.toContain('action="/moten/' + meetingId + '/beslut"')
    expect(decisions).not.toContain(s.t.chair.client.csrfToken!)
    await stream.close()
  })

  it('sends agenda changes and the whole meeting after a status change', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called' })
    const stream = await listen(s.t.observer.client, meetingId)
    await stream.until(/event: connected/)
    await s.t.coordinator.client.submit(
      `/moten/${meetingId}`,
      { title: 'Nytt om skolavslutningen', kind: 'information' },
      { action: `/moten/${meetingId}/dagordning` },
    )
    await stream.until(/event: patch[\s\S]*Nytt om skolavslutningen/)
    await s.t.chair.client.submit(
      `/moten/${meetingId}`,
      {},
      { action: `/moten/${meetingId}/oppna` },
    )
    await stream.until(/event: meeting[\s\S]*Pågår/)
    await stream.close()
  })

  it('is refused to non-members (404) and to visitors without a session', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const cookie = [...s.t.outsider.client.cookies].map(([n, v]) => `${n}=${v}`).join('; ')
    expect(
      (await s.ctx.app.request(`${testOrigin}/moten/${meetingId}/live`, { headers: { cookie } }))
        .status,
    ).toBe(404)
    expect((await s.ctx.app.request(`${testOrigin}/moten/${meetingId}/live`)).status).toBe(303)
  })

  it('stops sending to a viewer who signed out, and ends every stream on shutdown', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'open' })
    const { TestClient } = await import('../support/client')
    const { aUser, aMembership } = await import('../support/builders')
    const leaver = await aUser(s.ctx.db)
    await aMembership(s.ctx.db, s.t.team.id, leaver.id, 'member')
    const client = new TestClient(s.ctx.app)
    await client.login(leaver.email, leaver.password)
    const stream = await listen(client, meetingId)
    await stream.until(/event: connected/)
    await client.post('/logga-ut', {})
    await s.t.chair.client.post(`/moten/${meetingId}/beslut`, {
      text: 'Ska inte nå den som loggat ut',
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(stream.text).not.toContain('Ska inte nå den som loggat ut')

    const other = await listen(s.t.member.client, meetingId)
    await other.until(/event: connected/)
    expect(s.ctx.live.openStreams).toBeGreaterThan(0)
    s.ctx.live.closeAll()
    await expect(other.until(/never arrives/)).rejects.toThrow(/stream ended/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(s.ctx.live.openStreams).toBe(0)
  })
})
