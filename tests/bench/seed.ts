import type { Spec } from './load'
import { inTransaction } from '../support/in-transaction'
// Seeds for the benchmark: invented agencies, users and teams of a realistic size.
import SqliteDatabase from 'better-sqlite3'
import { createAgency } from '../../src/agencies/agency.repository'
import { agencyKinds } from '../../src/agencies/agency.table'
import { hashPassword } from '../../src/auth/password'
import { createSession } from '../../src/auth/session'
import { loadConfig } from '../../src/config'
import { connect, type Db } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { addMembership, createArea, createTeam } from '../../src/teams/team.repository'
import { teamRoles } from '../../src/teams/team.table'
import { createUser } from '../../src/users/user.repository'
import { createAction, recordReviews } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { addAgendaItem, createMeeting } from '../../src/meetings/meeting.repository'
import { agendaTemplates } from '../../src/agenda/agenda-templates'

export async function seedLaget(file: string) {
  const config = loadConfig({ DATABASE_FILE: file, LOG_LEVEL: 'silent' })
  const { db, close } = connect(config.database)
  await migrateToLatest(db)
  const hash = await hashPassword('bench password that nobody uses')
  const agencies: string[] = []
  for (let i = 0; i < 40; i++) {
    const kind = agencyKinds[i % agencyKinds.length]!
    agencies.push(
      await inTransaction(db, (trx) =>
        createAgency(trx, {
          name: `Aktör ${i + 1}`,
          kind,
          isPublicAuthority: kind !== 'housing' && kind !== 'security_company',
        }),
      ),
    )
  }
  const users: string[] = []
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 300; i++) {
      users.push(
        await createUser(trx, {
          email: `person${i}@bench.example`,
          name: `Person ${i}`,
          agencyId: agencies[i % agencies.length]!,
          status: 'active',
          passwordHash: hash,
          isAdmin: i === 0,
        }),
      )
    }
    for (let t = 0; t < 20; t++) {
      const teamId = await createTeam(trx, {
        name: `Team ${t + 1}`,
        kind: t % 2 ? 'vbe' : 'est',
        description: 'Benchmark',
      })
      for (let a = 0; a < 8; a++) await createArea(trx, teamId, `Område ${t + 1}.${a + 1}`)
      for (let m = 0; m < 15; m++) {
        await addMembership(trx, teamId, users[(t * 15 + m + 1) % users.length]!, {
          role: teamRoles[m % 4]!,
          endsOn: null,
        })
      }
    }
  })
  const member = users[1]!
  const team = await db
    .selectFrom('team_memberships')
    .select('team_id')
    .where('user_id', '=', member)
    .executeTakeFirstOrThrow()
  const meetingId = await seedMeeting(db, team.team_id, member)
  const memberSession = await createSession(db, member)
  const adminSession = await createSession(db, users[0]!)
  const areas = await db
    .selectFrom('areas')
    .select('id')
    .where('team_id', '=', team.team_id)
    .orderBy('name')
    .execute()
  const categories = await db
    .selectFrom('categories')
    .select('id')
    .where('team_id', '=', team.team_id)
    .where('is_sensitive', '=', 0)
    .orderBy('name')
    .execute()
  const [area, category] = [areas[0]!, categories[0]!]
  await close()
  return {
    teamId: team.team_id,
    meetingId,
    areaId: area.id,
    categoryId: category.id,
    areaIds: areas.map((row) => row.id),
    categoryIds: categories.map((row) => row.id),
    memberCookie: `__Host-laget=${memberSession.token}`,
    memberCsrf: memberSession.csrfToken,
    adminCookie: `__Host-laget=${adminSession.token}`,
    adminCsrf: adminSession.csrfToken,
  }
}

export function seedReference(file: string) {
  const sqlite = new SqliteDatabase(file)
  sqlite.exec(
    'create table reference_rows (id integer primary key, bucket integer not null, title text not null, note text not null)',
  )
  sqlite.exec('create index reference_rows_bucket on reference_rows (bucket, id)')
  const insert = sqlite.prepare('insert into reference_rows (bucket, title, note) values (?, ?, ?)')
  sqlite.transaction(() => {
    for (let i = 0; i < 100_000; i++)
      insert.run(i % 500, `Rad ${i}`, `Anteckning om rad ${i} i referenstabellen`)
  })()
  sqlite.close()
}

/** An open meeting the size of a busy EST meeting: 15 agenda items, 20 decisions, 30 open actions. */
async function seedMeeting(db: Db, teamId: string, userId: string): Promise<string> {
  const agencies = await db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .select('users.agency_id')
    .where('team_memberships.team_id', '=', teamId)
    .execute()
  const start = new Date(Date.now() + 3_600_000)
  const earlier = await inTransaction(db, (trx) =>
    createMeeting(
      trx,
      {
        teamId,
        seriesId: null,
        seriesDay: null,
        title: 'Förra mötet',
        startsAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() - 7 * 86_400_000 + 3_600_000).toISOString(),
        location: '',
        videoLink: '',
      },
      [],
    ),
  )
  const meetingId = await inTransaction(db, (trx) =>
    createMeeting(
      trx,
      {
        teamId,
        seriesId: null,
        seriesDay: null,
        title: 'Lägesbildsmöte',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        location: 'Stadshuset',
        videoLink: '',
      },
      agendaTemplates.est,
    ),
  )
  for (let i = 0; i < 9; i++)
    await inTransaction(db, (trx) =>
      addAgendaItem(trx, meetingId, {
        title: `Område ${i + 1}: läget just nu`,
        kind: 'situation_review',
        presenterAgencyId: agencies[i % agencies.length]!.agency_id,
        minutes: 5,
        notes: 'Kort genomgång runt bordet.',
      }),
    )
  const earlierDecision = await inTransaction(db, (trx) =>
    createDecision(trx, {
      meetingId: earlier,
      agendaItemId: null,
      text: 'Åtgärder från förra mötet',
      createdBy: userId,
    }),
  )
  for (let i = 0; i < 30; i++) {
    await inTransaction(db, (trx) =>
      createAction(trx, {
        teamId,
        meetingId: earlier,
        decisionId: earlierDecision,
        text: `Öppen åtgärd ${i + 1}: ordna belysning och röjning vid gångstråket`,
        ownerAgencyId: agencies[i % agencies.length]!.agency_id,
        ownerUserId: null,
        dueOn: new Date(Date.now() + (i - 10) * 86_400_000).toISOString().slice(0, 10),
      }),
    )
  }
  await db
    .updateTable('meetings')
    .set({ status: 'open', opened_at: new Date().toISOString() })
    .where('id', '=', meetingId)
    .execute()
  await inTransaction(db, (trx) => recordReviews(trx, meetingId, teamId))
  for (let i = 0; i < 20; i++)
    await inTransaction(db, (trx) =>
      createDecision(trx, {
        meetingId,
        agendaItemId: null,
        text: `Beslut ${i + 1}: extra vuxennärvaro vid centrum fredagskvällar`,
        createdBy: userId,
      }),
    )
  return meetingId
}

/** A new situation entry's form as the member posts it, with a fresh idempotency key each time. */
// BENCH_SAVE_CELLS=1: every save in one cell (one area, category and week), the worst case for
// PostgreSQL, where concurrent saves to a cell queue on its row. Otherwise each save picks one of
// the team's areas and categories, as a meeting's entries spread.
const oneCell = process.env.BENCH_SAVE_CELLS === '1'
const pick = <T>(values: T[]): T => values[Math.floor(Math.random() * values.length)]!

export const newEntryForm = (seeded: {
  memberCsrf: string
  areaId: string
  categoryId: string
  areaIds: string[]
  categoryIds: string[]
}): string =>
  new URLSearchParams({
    _csrf: seeded.memberCsrf,
    idempotencyKey: crypto.randomUUID(),
    areaId: oneCell ? seeded.areaId : pick(seeded.areaIds),
    categoryId: oneCell ? seeded.categoryId : pick(seeded.categoryIds),
    periodFrom: new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10),
    periodTo: new Date().toISOString().slice(0, 10),
    eventCount: '3',
    trend: 'increasing',
    description:
      'Grupp om sex ungdomar samlas vid cykelgaraget fredagar efter 21, högljutt men utan våld. Fältgruppen har varit på plats två kvällar.',
    scope: 'team',
  }).toString()

/** The pages the profilers (npm run bench:cpu, bench:sql) can load, by name. */
export function profiledPages(seeded: Awaited<ReturnType<typeof seedLaget>>): Record<string, Spec> {
  const member = { cookie: seeded.memberCookie }
  return {
    team: { path: `/team/${seeded.teamId}`, headers: member },
    meeting: { path: `/moten/${seeded.meetingId}`, headers: member },
    admin: { path: '/admin/anvandare', headers: { cookie: seeded.adminCookie } },
    save: {
      path: `/team/${seeded.teamId}/poster`,
      headers: { ...member, 'sec-fetch-site': 'same-origin' },
      body: () => newEntryForm(seeded),
    },
  }
}
