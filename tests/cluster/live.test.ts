import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { aMeeting, aMembership, aTeam, aUser, letterMarker } from '../support/builders'
import { useClusterSchema } from '../support/cluster'
import { listenToMeeting } from '../support/live'
import { clientOf, overHttp, scratchDir, type ServerProcess } from '../support/server-process'
import { usingPostgres } from '../support/test-context'

// Two Läget processes on one PostgreSQL: a change through one reaches the other's live streams and caches.
const url = process.env.TEST_DATABASE_URL ?? ''
const dir = scratchDir('laget-cluster-live-')
let a: ServerProcess
let b: ServerProcess
let meetingId: string
let teamId: string
let coordinator: { email: string; password: string }
let member: { email: string; password: string }

describe.skipIf(!usingPostgres())('live updates and caches across two processes', () => {
  const cluster = useClusterSchema(dir)
  beforeAll(async () => {
    const db = cluster.connection.db
    const team = await aTeam(db)
    teamId = team.id
    const coordinatorUser = await aUser(db)
    const memberUser = await aUser(db)
    coordinator = coordinatorUser
    member = memberUser
    await aMembership(db, team.id, coordinatorUser.id, 'coordinator')
    await aMembership(db, team.id, memberUser.id, 'member')
    meetingId = await aMeeting(db, team.id, { status: 'called', startsInDays: 1 })
    ;[a, b] = await cluster.startTwo()
  })

  async function addAgendaItemThrough(server: ServerProcess, title: string) {
    const client = clientOf(server)
    await client.login(coordinator.email, coordinator.password)
    const page = `/moten/${meetingId}`
    const added = await client.submit(
      page,
      { title, kind: 'other' },
      { action: `${page}/dagordning` },
    )
    expect(added.status).toBe(303)
  }

  it('an agenda item added through A reaches a member’s live stream on B within a second', async () => {
    const viewer = clientOf(b)
    await viewer.login(member.email, member.password)
    const stream = await listenToMeeting(overHttp(b, null), viewer, meetingId)
    await stream.until(/event: connected/)
    const title = `Punkt ${letterMarker()}`
    const sent = Date.now()
    await addAgendaItemThrough(a, title)
    await stream.until(new RegExp(`event: patch[\\s\\S]*${title}`), 1000)
    expect(Date.now() - sent).toBeLessThan(2000)
    await stream.close()
  })

  it('B’s cached meeting page is outdated at once by a change through A', async () => {
    const viewer = clientOf(b)
    await viewer.login(member.email, member.password)
    const before = await (await viewer.get(`/moten/${meetingId}`)).text()
    const title = `Punkt ${letterMarker()}`
    expect(before).not.toContain(title)
    await addAgendaItemThrough(a, title)
    let after = ''
    for (let i = 0; i < 20 && !after.includes(title); i++) {
      after = await (await viewer.get(`/moten/${meetingId}`)).text()
      if (!after.includes(title)) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(after).toContain(title)
    expect((await viewer.get(`/team/${teamId}`)).status).toBe(200)
  })

  it('when B’s listening connection is killed, B says so at /halsa, listens again, and changes arrive again', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const killed = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`,
      [`laget-listener laget_changes_${cluster.schema}`],
    )
    await admin.end()
    expect(killed.rowCount).toBe(2)
    const healthOfB = async () => (await fetch(`http://127.0.0.1:${b.port}/halsa`)).status
    let health = await healthOfB()
    for (let i = 0; i < 100 && health !== 503; i++) health = await healthOfB()
    expect(health).toBe(503)
    for (let i = 0; i < 100 && health !== 200; i++) {
      health = (await fetch(`http://127.0.0.1:${b.port}/halsa`)).status
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(health).toBe(200)
    const viewer = clientOf(b)
    await viewer.login(member.email, member.password)
    const stream = await listenToMeeting(overHttp(b, null), viewer, meetingId)
    await stream.until(/event: connected/)
    const title = `Punkt ${letterMarker()}`
    await addAgendaItemThrough(a, title)
    await stream.until(new RegExp(`event: patch[\\s\\S]*${title}`), 1000)
    await stream.close()
    for (const server of [a, b]) expect(server.log()).not.toMatch(/"level":"error"/)
  })
})
