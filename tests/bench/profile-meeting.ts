// npm run bench:profile — where the time of one meeting-page request goes (data vs. rendering), in process.
import { createApp } from '../../src/app'
import { LoginThrottle } from '../../src/auth/rate-limit'
import { loadConfig } from '../../src/config'
import { connect } from '../../src/db/connect'
import { MeetingEvents } from '../../src/live/meeting-events'
import { createLogger } from '../../src/logger'
import { requireMeetingAccess } from '../../src/access/team-access'
import { agendaSectionData } from '../../src/agenda/agenda-data'
import { meetingRecordData } from '../../src/meetings/meeting-record-data'
import { findViewer } from '../../src/users/user.repository'
import { seedLaget } from './seed'

const file = `/tmp/profile-${Date.now()}.sqlite`
const seeded = await seedLaget(file)
const config = loadConfig({
  DATABASE_FILE: file,
  LOG_LEVEL: 'silent',
  PUBLIC_ORIGIN: 'http://localhost',
})
const { db } = connect(config.database)
const app = createApp({
  db,
  config,
  logger: createLogger('silent'),
  loginThrottle: new LoginThrottle(),
  live: new MeetingEvents(),
})
const headers = { cookie: seeded.memberCookie }
const time = async (label: string, n: number, f: () => Promise<unknown>) => {
  for (let i = 0; i < 20; i++) await f()
  const start = performance.now()
  for (let i = 0; i < n; i++) await f()
  console.log(label.padEnd(28), ((performance.now() - start) / n).toFixed(2), 'ms')
}
const userId = (
  await db
    .selectFrom('sessions')
    .select('user_id')
    .where('id', '=', seeded.memberCookie.split('=')[1]!.split('.')[0]!)
    .executeTakeFirstOrThrow()
).user_id
const viewer = (await findViewer(db, userId))!
const access = await requireMeetingAccess(db, viewer, seeded.meetingId)
await time('whole request', 200, () =>
  Promise.resolve(app.request(`http://localhost/moten/${seeded.meetingId}`, { headers })).then(
    (r) => r.text(),
  ),
)
await time('requireMeetingAccess', 200, () => requireMeetingAccess(db, viewer, seeded.meetingId))
await time('agendaSectionData', 200, () => agendaSectionData(db, access))
await time('meetingRecordData', 200, () => meetingRecordData(db, access, viewer))
await time('start page', 200, () =>
  Promise.resolve(app.request(`http://localhost/`, { headers })).then((r) => r.text()),
)
const html = await Promise.resolve(
  app.request(`http://localhost/moten/${seeded.meetingId}`, { headers }),
).then((r) => r.text())
console.log('meeting page bytes', html.length)

// Render cost of each section of the meeting page, for this viewer.
{
  const { renderToString } = await import('../../src/http/render')
  const { AgendaSection } = await import('../../views/meetings/agenda.partial')
  const { AttendanceSection, DecisionsSection, FollowUpSection } =
    await import('../../views/meetings/meeting-record')
  const { translator } = await import('../../src/i18n/t')
  const agenda = await agendaSectionData(db, access)
  const record = await meetingRecordData(db, access, viewer)
  const c = {
    var: {
      t: translator('sv'),
      locale: 'sv',
      viewer,
      session: { id: 'x', csrfToken: 'y'.repeat(43) },
    },
    req: { path: '/' },
  } as never
  const sections = {
    agenda: () => renderToString(c, AgendaSection({ data: agenda, failed: null })),
    attendance: () =>
      renderToString(c, AttendanceSection({ meeting: access.meeting, record, forms: {} })),
    'follow-up': () => renderToString(c, FollowUpSection({ meeting: access.meeting, record })),
    decisions: () =>
      renderToString(
        c,
        DecisionsSection({
          meeting: access.meeting,
          items: agenda.items,
          record,
          forms: {},
          entries: [],
        }),
      ),
  }
  for (const [name, render] of Object.entries(sections)) {
    await time(`render ${name} (${(await render()).length} B)`, 200, render)
  }
}
