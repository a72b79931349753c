import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { build } from 'esbuild'
import { pathToFileURL } from 'node:url'
import { AccessLog, findBrokenAccessSeal } from '../../src/audit/access-log'
import { openSqlite } from '../../src/db/connect'
import { aMeeting } from '../support/builders'
import { listenToMeeting } from '../support/live'
import {
  aSituationTeam,
  consentAnswers,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import {
  createTestContext,
  recordingLogger,
  usingPostgres,
  type TestContext,
} from '../support/test-context'

/**
 * The read-access log: every read that reveals restricted content writes one
 * row per object and request — who, agency, role, what, how much, under which
 * basis — never the text; append-only and sealed.
 */
let ctx: TestContext
let t: SituationTeam
let meetingId: string
const ids = {} as Record<'team' | 'agencies', string>
beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  expect(
    (
      await t.people.chair.client.submit(
        `/moten/${meetingId}`,
        {},
        { action: `/moten/${meetingId}/oppna` },
      )
    ).status,
  ).toBe(303)
  const forms = {
    team: entryForm(t, { description: 'Samlingar vid torget kvällstid', scope: 'team' }),
    agencies: entryForm(t, {
      description: 'Oro kring en grupp vid skolan',
      scope: 'agencies',
      recipients: [t.agencies.police.id],
      ...consentAnswers,
      legalBasisId: t.bases['samtycke']!,
    }),
  }
  for (const scope of ['team', 'agencies'] as const) {
    expect((await reportEntry(t.people.social.client, t.team.id, forms[scope])).status).toBe(303)
    ids[scope] = (
      await ctx.db
        .selectFrom('situation_entries')
        .select('id')
        .where('idempotency_key', '=', String(forms[scope].idempotencyKey))
        .executeTakeFirstOrThrow()
    ).id
  }
})
afterAll(async () => ctx?.destroy())

/** Changes an append-only table as only the database's owner can: with its triggers off. */
async function behindTheBack(context: TestContext, table: string, change: () => Promise<unknown>) {
  if (context.kind === 'postgres') {
    await sql.raw(`alter table ${table} disable trigger ${table}_no_change`).execute(context.db)
    await change()
    await sql.raw(`alter table ${table} enable trigger ${table}_no_change`).execute(context.db)
  } else {
    await sql.raw(`drop trigger ${table}_no_update`).execute(context.db)
    await sql.raw(`drop trigger ${table}_no_delete`).execute(context.db)
    await change()
  }
}

/** The rows written for the requests `act` makes, after the queue is flushed. */
async function rowsOf(act: () => Promise<unknown>) {
  await ctx.accessLog.flush()
  const before =
    (
      await ctx.db
        .selectFrom('access_log')
        .select((eb) => eb.fn.max('seq').as('max'))
        .executeTakeFirst()
    )?.max ?? 0
  await act()
  await ctx.accessLog.flush()
  return ctx.db
    .selectFrom('access_log_rows')
    .selectAll()
    .where('seq', '>', Number(before))
    .orderBy('seq')
    .orderBy('position')
    .execute()
}
const brief = (rows: Awaited<ReturnType<typeof rowsOf>>) =>
  rows.map((row) => `${row.via} ${row.object_type} ${row.object_id} ${row.shown}`).sort()

describe('the read-access log', () => {
  it('writes one row per object for the entry page and for its htmx fragment, with who, agency and role', async () => {
    const police = t.people.police
    const page = await rowsOf(() => police.client.get(`/poster/${ids.team}`))
    expect(brief(page)).toEqual([`entry_page situation_entry ${ids.team} full`])
    expect(page[0]).toMatchObject({
      user_id: police.id,
      agency_id: police.agencyId,
      team_id: t.team.id,
      role: 'member',
      legal_basis_id: null,
    })
    expect(page[0]!.request_id).toBeTruthy()
    const fragment = await rowsOf(() =>
      police.client.get(`/poster/${ids.team}`, { 'HX-Request': 'true' }),
    )
    expect(brief(fragment)).toEqual([`entry_fragment situation_entry ${ids.team} full`])
  })

  it('logs "stub" for a stub, and the legal basis behind a recipient’s full view of an agencies entry', async () => {
    const asSchool = await rowsOf(() => t.people.school.client.get(`/poster/${ids.agencies}`))
    expect(brief(asSchool)).toEqual([`entry_page situation_entry ${ids.agencies} stub`])
    const asPolice = await rowsOf(() => t.people.police.client.get(`/poster/${ids.agencies}`))
    expect(asPolice.map((row) => [row.shown, row.legal_basis_id])).toEqual([
      ['full', t.bases['samtycke']],
    ])
    // the source agency's own view rests on no basis
    const asSocial = await rowsOf(() => t.people.social.client.get(`/poster/${ids.agencies}`))
    expect(asSocial.map((row) => [row.shown, row.legal_basis_id])).toEqual([['full', null]])
  })

  it('writes nothing for a refused read, nor for someone who may see nothing', async () => {
    expect(
      await rowsOf(async () =>
        expect((await t.people.outsider.client.get(`/poster/${ids.team}`)).status).toBe(404),
      ),
    ).toEqual([])
    expect(
      await rowsOf(async () =>
        expect((await t.people.admin.client.get(`/poster/${ids.agencies}`)).status).toBe(404),
      ),
    ).toEqual([])
  })

  it('logs the meeting view — the meeting and each entry — for every viewer, also when the page comes from the cache', async () => {
    for (const person of [t.people.police, t.people.police]) {
      const rows = await rowsOf(() => person.client.get(`/moten/${meetingId}`))
      expect(brief(rows)).toEqual(
        [
          `meeting meeting ${meetingId} full`,
          `meeting situation_entry ${ids.agencies} full`,
          `meeting situation_entry ${ids.team} full`,
        ].sort(),
      )
    }
    const observer = await rowsOf(() => t.people.observer.client.get(`/moten/${meetingId}`))
    expect(brief(observer)).toEqual(
      [
        `meeting meeting ${meetingId} full`,
        `meeting situation_entry ${ids.agencies} stub`,
        `meeting situation_entry ${ids.team} stub`,
      ].sort(),
    )
    expect(observer.every((row) => row.role === 'observer')).toBe(true)
  })

  it('logs the minutes (and their picture as an aggregate), the entry list, the overview, its drill-down and the export', async () => {
    const client = t.people.police.client
    await t.people.chair.client.submit(
      `/moten/${meetingId}`,
      {},
      { action: `/moten/${meetingId}/stang` },
    )
    expect(brief(await rowsOf(() => client.get(`/moten/${meetingId}/protokoll`)))).toEqual([
      `minutes minutes ${meetingId} full`,
      `minutes situation_picture ${meetingId} aggregate`,
    ])
    expect(brief(await rowsOf(() => client.get(`/team/${t.team.id}/poster`)))).toEqual(
      [
        `entry_list situation_entry ${ids.agencies} full`,
        `entry_list situation_entry ${ids.team} full`,
      ].sort(),
    )
    expect(brief(await rowsOf(() => client.get(`/team/${t.team.id}/lagesbild`)))).toEqual([
      `overview situation_picture ${t.team.id} aggregate`,
    ])
    expect(brief(await rowsOf(() => client.get(`/team/${t.team.id}/lagesbild.csv`)))).toEqual([
      `export situation_picture ${t.team.id} aggregate`,
    ])
    const week = (
      await ctx.db
        .selectFrom('situation_entries')
        .select('week')
        .where('id', '=', ids.team)
        .executeTakeFirstOrThrow()
    ).week
    const cell = await rowsOf(() =>
      client.get(`/team/${t.team.id}/lagesbild/cell?omrade=${t.area.id}&vecka=${week}`),
    )
    expect(brief(cell)).toEqual(
      [
        `overview_cell situation_entry ${ids.agencies} full`,
        `overview_cell situation_entry ${ids.team} full`,
        `overview_cell situation_picture ${t.team.id} aggregate`,
      ].sort(),
    )
  })

  it('logs a live stream once per object, not at every update', async () => {
    const open = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const rows = await rowsOf(async () => {
      const stream = await listenToMeeting(ctx.app, t.people.school.client, open)
      await stream.until(/event: connected/)
      for (const text of ['Fler i parken på kvällen', 'Lugnare vid skolan']) {
        expect(
          (
            await reportEntry(
              t.people.social.client,
              t.team.id,
              entryForm(t, { description: text }),
            )
          ).status,
        ).toBe(303)
      }
      await stream.until(/Lugnare vid skolan/)
      await stream.close()
    })
    const live = rows.filter((row) => row.via === 'live')
    expect(live.filter((row) => row.object_type === 'meeting')).toHaveLength(1)
    const entries = live
      .filter((row) => row.object_type === 'situation_entry')
      .map((row) => row.object_id)
    // two updates of the same area: the first entry went out twice, but is logged once
    expect(entries.length).toBe(new Set(entries).size)
    expect(entries.length).toBe(2)
  })

  it('never holds free text', async () => {
    const rows = await ctx.db.selectFrom('access_log_rows').selectAll().execute()
    expect(JSON.stringify(rows)).not.toMatch(
      /Samlingar vid torget|Oro kring en grupp|Fler i parken/,
    )
  })

  it('is append-only, and a changed item of a read set breaks the seal of the batch that names it', async () => {
    await ctx.accessLog.flush()
    expect(await findBrokenAccessSeal(ctx.db)).toBeNull()
    const verify = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/audit/verify-cli.ts'], {
        env: { PATH: process.env.PATH, ...ctx.databaseEnv },
        encoding: 'utf8',
      })
    const whole = verify()
    expect(whole.status, whole.stderr).toBe(0)
    expect(whole.stdout).toContain(
      'Händelseloggen, läsloggen, de justerade protokollen och årsrapporterna är hela.',
    )
    await expect(
      ctx.db.updateTable('access_log').set({ via: 'export' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(ctx.db.deleteFrom('access_log').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(
      ctx.db.updateTable('access_read_set_items').set({ shown: 'stub' }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(ctx.db.deleteFrom('access_read_set_items').execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(ctx.db.deleteFrom('access_log_seals').execute()).rejects.toThrow(/append-only/)
    // Someone with the database owner's rights turns a full view into a stub behind the application's back:
    const row = await ctx.db
      .selectFrom('access_log_rows')
      .select(['batch', 'read_set_id', 'position'])
      .where('shown', '=', 'full')
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    await behindTheBack(ctx, 'access_read_set_items', () =>
      ctx.db
        .updateTable('access_read_set_items')
        .set({ shown: 'stub' })
        .where('set_id', '=', row.read_set_id)
        .where('position', '=', row.position)
        .execute(),
    )
    expect(await findBrokenAccessSeal(ctx.db)).toBe(row.batch)
    const broken = verify()
    expect(broken.status).toBe(1)
    expect(broken.stderr).toContain(`Läsloggen är bruten i sats ${row.batch}.`)
  })

  it('a removed request row breaks its batch’s seal', async () => {
    const own = await createTestContext()
    try {
      for (const user of ['u1', 'u2', 'u3'])
        own.accessLog.loggerFor({ userId: user, agencyId: 'a', requestId: null, via: 'meeting' })([
          { objectType: 'meeting', objectId: 'm', teamId: 't', role: 'member', shown: 'full' },
        ])
      await own.accessLog.flush()
      expect(await findBrokenAccessSeal(own.db)).toBeNull()
      const batch = (
        await own.db
          .selectFrom('access_log')
          .select('batch')
          .where('seq', '=', 2)
          .executeTakeFirstOrThrow()
      ).batch
      await behindTheBack(own, 'access_log', () =>
        own.db.deleteFrom('access_log').where('seq', '=', 2).execute(),
      )
      expect(await findBrokenAccessSeal(own.db)).toBe(batch)
    } finally {
      await own.destroy()
    }
  })
})

describe.skipIf(usingPostgres())(
  'the access log’s writer thread (as npm start runs it on SQLite)',
  () => {
    it('writes and seals batches from its own thread, and everything queued is written on close', async () => {
      // Built as scripts/build-server.mjs builds it, but apart from dist/, which other tests run from.
      const outdir = 'node_modules/.cache/laget-access-log-worker'
      await build({
        entryPoints: { 'access-log-worker': 'src/audit/access-log-worker.ts' },
        outdir,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        packages: 'external',
        logLevel: 'warning',
      })
      const own = await createTestContext()
      const threaded = new AccessLog(own.db, recordingLogger(own.logged), {
        sqlite: openSqlite(own.sqliteFile!),
        worker: {
          script: pathToFileURL(`${outdir}/access-log-worker.mjs`),
          databaseFile: own.sqliteFile!,
        },
      })
      try {
        const log = threaded.loggerFor({
          userId: 'u1',
          agencyId: 'a1',
          requestId: 'r1',
          via: 'meeting',
        })
        log([
          { objectType: 'meeting', objectId: 'm1', teamId: 't1', role: 'member', shown: 'full' },
        ])
        log([
          {
            objectType: 'situation_entry',
            objectId: 'e1',
            teamId: 't1',
            role: 'member',
            shown: 'stub',
          },
        ])
        await threaded.flush()
        threaded.loggerFor({ userId: 'u2', agencyId: 'a2', requestId: 'r2', via: 'live' })([
          { objectType: 'meeting', objectId: 'm1', teamId: 't1', role: 'chair', shown: 'full' },
        ])
        await threaded.close()
        const rows = await own.db
          .selectFrom('access_log_rows')
          .select(['seq', 'user_id', 'object_id', 'shown'])
          .orderBy('seq')
          .orderBy('position')
          .execute()
        expect(rows).toEqual([
          { seq: 1, user_id: 'u1', object_id: 'm1', shown: 'full' },
          { seq: 2, user_id: 'u1', object_id: 'e1', shown: 'stub' },
          { seq: 3, user_id: 'u2', object_id: 'm1', shown: 'full' },
        ])
        expect(await findBrokenAccessSeal(own.db)).toBeNull()
      } finally {
        await own.destroy()
      }
    })
  },
)
