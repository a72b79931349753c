import { inTransaction } from '../support/in-transaction'
// npm run bench:live — bytes each viewer's live stream carries per change in a busy open meeting:
// 15 agenda items, 80 situation entries, 20 decisions, 30 actions to follow up, 20 viewers.
// In process (app.request), on SQLite. Figures, not assertions: they go in the issues' notes.
import { rmSync } from 'node:fs'
import { createApp } from '../../src/app'
import { LoginThrottle } from '../../src/auth/rate-limit'
import { createSession } from '../../src/auth/session'
import { loadConfig } from '../../src/config'
import { connect } from '../../src/db/connect'
import { MeetingEvents } from '../../src/live/meeting-events'
import { createLogger } from '../../src/logger'
import { addMembership } from '../../src/teams/team.repository'
import { TestClient } from '../support/client'
import { testOrigin } from '../support/test-context'
import { seedLaget } from './seed'
import { seedSituation } from './seed-situation'

const file = `/tmp/laget-live-bytes-${process.pid}.sqlite`
const seeded = await seedLaget(file)
await seedSituation(file, 20 * 80, seeded.meetingId, seeded.teamId)
const config = loadConfig({ DATABASE_FILE: file, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: testOrigin })
const { db, close } = connect(config.database)
const live = new MeetingEvents()
const app = createApp({
  db,
  config,
  logger: createLogger('silent'),
  loginThrottle: new LoginThrottle(),
  live,
})
const meetingId = seeded.meetingId
const page = `/moten/${meetingId}`

// Twenty viewers: the team's fifteen members and five more members from other agencies.
const outsiders = await db
  .selectFrom('users')
  .select('id')
  .where(
    'id',
    'not in',
    db.selectFrom('team_memberships').select('user_id').where('team_id', '=', seeded.teamId),
  )
  .limit(5)
  .execute()
for (const user of outsiders)
  await inTransaction(db, (trx) =>
    addMembership(trx, seeded.teamId, user.id, { role: 'member', endsOn: null }),
  )
const members = await db
  .selectFrom('team_memberships')
  .select(['user_id', 'role'])
  .where('team_id', '=', seeded.teamId)
  .orderBy('role')
  .execute()

async function clientFor(userId: string) {
  const session = await createSession(db, userId)
  const client = new TestClient(app)
  client.cookies.set('__Host-laget', session.token)
  await client.get(page)
  return client
}

type Listener = { role: string; bytes: number; events: Map<string, number> }
const listeners: Listener[] = []
for (const member of members) {
  const client = await clientFor(member.user_id)
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await app.request(`${testOrigin}${page}/live`, { headers: { cookie } })
  const listener: Listener = { role: member.role, bytes: 0, events: new Map() }
  listeners.push(listener)
  const reader = response.body!.getReader()
  void (async () => {
    const decoder = new TextDecoder()
    for (;;) {
      const chunk = await reader.read()
      if (chunk.done) return
      listener.bytes += chunk.value.byteLength
      for (const match of decoder
        .decode(chunk.value, { stream: true })
        .matchAll(/^event: (\S+)/gm)) {
        listener.events.set(match[1]!, (listener.events.get(match[1]!) ?? 0) + 1)
      }
    }
  })()
}

const chairId = members.find((m) => m.role === 'chair')!.user_id
const coordinatorId = members.find((m) => m.role === 'coordinator')!.user_id
const memberId = members.find((m) => m.role === 'member')!.user_id
const chair = await clientFor(chairId)
const coordinator = await clientFor(coordinatorId)
const member = await clientFor(memberId)

const quiet = async () => {
  let last = -1
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 150))
    const now = listeners.reduce((sum, l) => sum + l.bytes, 0)
    if (now === last) return
    last = now
  }
}

const action = await db
  .selectFrom('action_reviews')
  .select('action_id')
  .where('meeting_id', '=', meetingId)
  .executeTakeFirstOrThrow()
const item = await db
  .selectFrom('agenda_items')
  .select('id')
  .where('meeting_id', '=', meetingId)
  .orderBy('position')
  .executeTakeFirstOrThrow()
const area = await db
  .selectFrom('areas')
  .select('id')
  .where('team_id', '=', seeded.teamId)
  .orderBy('name')
  .executeTakeFirstOrThrow()
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const changes: { name: string; run: () => Promise<Response> }[] = [
  {
    name: 'decision recorded',
    run: () =>
      chair.submit(
        page,
        { text: 'Fältarna är ute fredag och lördag' },
        { action: `${page}/beslut`, within: '#beslut' },
      ),
  },
  {
    name: 'action status',
    run: () =>
      chair.submit(
        `/atgarder/${action.action_id}`,
        { status: 'in_progress' },
        { action: `/atgarder/${action.action_id}/status` },
      ),
  },
  {
    name: 'entry reported',
    run: () =>
      member.submit(
        `/team/${seeded.teamId}/poster/ny`,
        {
          areaId: seeded.areaId,
          categoryId: seeded.categoryId,
          periodFrom: day(-6),
          periodTo: day(0),
          eventCount: '2',
          trend: 'increasing',
          description: 'Fler mopeder på gångvägen genom parken',
          scope: 'team',
        },
        { action: `/team/${seeded.teamId}/poster` },
      ),
  },
  {
    name: 'agenda item changed',
    run: () =>
      coordinator.submit(
        `${page}/dagordning/${item.id}`,
        { title: 'Läget i centrum, uppdaterat' },
        { action: `${page}/dagordning/${item.id}` },
      ),
  },
  { name: 'attendance saved', run: () => chair.submit(page, {}, { action: `${page}/narvaro` }) },
  {
    name: 'area assessed',
    run: () =>
      chair.submit(
        page,
        { level: '1', trend: 'unchanged', justification: 'Lugnare än förra veckan' },
        { action: `${page}/bedomningar/${area.id}` },
      ),
  },
]

await quiet()
const rows: string[][] = []
let totalPerViewer = 0
for (const change of changes) {
  const before = listeners.map((l) => l.bytes)
  const response = await change.run()
  if (response.status >= 400)
    throw new Error(`${change.name}: ${response.status}\n${(await response.text()).slice(0, 400)}`)
  await quiet()
  const sent = listeners.map((l, i) => l.bytes - before[i]!)
  const mean = sent.reduce((a, b) => a + b, 0) / sent.length
  totalPerViewer += mean
  const byRole = (role: string) => Math.max(...sent.filter((_, i) => listeners[i]!.role === role))
  rows.push([
    change.name,
    (mean / 1024).toFixed(1),
    (byRole('member') / 1024).toFixed(1),
    (byRole('chair') / 1024).toFixed(1),
    (Math.max(...sent) / 1024).toFixed(1),
  ])
}
console.log(
  `\nLive stream bytes per viewer per change (${listeners.length} viewers; 15 items, 80 entries, 20 decisions, 30 actions)`,
)
console.log(
  ['change', 'mean KB', 'member KB', 'chair KB', 'max KB']
    .map((h, i) => (i ? h.padStart(10) : h.padEnd(22)))
    .join(''),
)
for (const row of rows)
  console.log(row.map((cell, i) => (i ? cell.padStart(10) : cell.padEnd(22))).join(''))
console.log(
  `mean over the ${changes.length} changes: ${(totalPerViewer / changes.length / 1024).toFixed(1)} KB per viewer per change`,
)

live.closeAll()
await close()
rmSync(file, { force: true })
rmSync(`${file}-wal`, { force: true })
rmSync(`${file}-shm`, { force: true })
process.exit(0)
