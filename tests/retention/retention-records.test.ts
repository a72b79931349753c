import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { findBrokenMinutes } from '../../src/minutes/minutes-verify'
import { runRetention } from '../../src/retention/retention'
import { saveRetentionSetting } from '../../src/retention/retention-settings'
import { createAction } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { aMeeting, aMembership, aUser, letterMarker } from '../support/builders'
import { TestClient } from '../support/client'
import { inTransaction } from '../support/in-transaction'
import {
  aSituationTeam,
  consentAnswers,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, usingPostgres, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'
import { closeAndApprove } from '../support/minutes-steps'

// The records that outlive the entries they grew from, each with a period of its own:
// the disclosure register, progress notes, the approved minutes.

let ctx: TestContext
let t: SituationTeam
const marker = letterMarker()
const deps = () => ({ db: ctx.db, kind: ctx.kind, live: ctx.live })
const system = { userId: null, agencyId: null }
const monthsOn = (months: number) => new Date(Date.now() + months * 31 * 86_400_000)

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  // The runs below look years ahead, when today's sessions would have ended long ago and gone:
  // kept here, so that the same people can look at what the runs left.
  await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'sessions', '', null))
})
afterAll(async () => ctx?.destroy())

const removedOf = (
  report: { lines: { kind: string; teamId: string | null; removed: number }[] },
  kind: string,
) => report.lines.find((line) => line.kind === kind && line.teamId === t.team.id)?.removed

describe('the disclosure register (24 months by default)', () => {
  it('outlives the entry it records, shows it as removed, and goes after its own period', async () => {
    const description = `Oro kring en ungdom vid stationen ${marker}`
    const form = entryForm(t, {
      scope: 'agencies',
      recipients: [t.agencies.police.id],
      description,
      ...consentAnswers,
      guideConsent: 'no',
      guidePurpose: 'prevent_crime',
      guideUnder21: 'yes',
      legalBasisId: t.bases['osl-10-18a']!,
    })
    expect((await reportEntry(t.people.social.client, t.team.id, form)).status).toBe(303)
    const entry = await ctx.db
      .selectFrom('situation_entries')
      .select('id')
      .where('idempotency_key', '=', String(form.idempotencyKey))
      .executeTakeFirstOrThrow()
    const disclosure = await ctx.db
      .selectFrom('disclosures')
      .select('id')
      .where('entry_id', '=', entry.id)
      .executeTakeFirstOrThrow()

    // Fourteen months on the entry's time is out (13 months after its period), the register's is not.
    const first = await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(14) })
    expect(first.outcome).toBe('done')
    expect(removedOf(first.report, 'entries')).toBeGreaterThanOrEqual(1)
    expect(removedOf(first.report, 'disclosures')).toBe(0)
    const kept = await ctx.db
      .selectFrom('disclosures')
      .select(['entry_id', 'legal_basis_id'])
      .where('id', '=', disclosure.id)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ entry_id: null, legal_basis_id: t.bases['osl-10-18a'] })
    // Sender and recipient still find it, marked as removed, with no link to an entry that is gone.
    for (const who of ['social', 'police'] as const) {
      const html = await (await t.people[who].client.get('/utlamnanden')).text()
      expect(html, who).toContain('Gallrad')
      expect(html, who).not.toContain(`/poster/${entry.id}`)
      expect(html, who).not.toContain(description)
    }
    expect((await t.people.police.client.get(`/poster/${entry.id}`)).status).toBe(404)

    // A dry run at 25 months names it; the run removes it, its recipients with it.
    const dry = await runRetention(deps(), { dryRun: true, actor: system, now: monthsOn(25) })
    expect(removedOf(dry.report, 'disclosures')).toBe(1)
    const second = await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(25) })
    expect(removedOf(second.report, 'disclosures')).toBe(1)
    const left = await ctx.db
      .selectFrom('disclosure_recipients')
      .select('agency_id')
      .where('disclosure_id', '=', disclosure.id)
      .execute()
    expect(left).toEqual([])
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
  })
})

describe('progress notes (by default with their action)', () => {
  it('go after a period the admin sets, from closed actions only', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'closed', startsInDays: -2 })
    const note = async (actionId: string, text: string) => {
      const page = `/atgarder/${actionId}`
      const response = await t.people.housing.client.submit(
        page,
        { text },
        { action: `${page}/anteckningar` },
      )
      expect(response.status, await response.clone().text()).toBe(303)
    }
    const action = (text: string) =>
      inTransaction(ctx.db, async (trx) =>
        createAction(trx, {
          teamId: t.team.id,
          meetingId,
          decisionId: await createDecision(trx, {
            meetingId,
            agendaItemId: null,
            text: `Beslut om ${text}`,
            createdBy: t.people.chair.id,
          }),
          text,
          ownerAgencyId: t.agencies.housing.id,
          ownerUserId: null,
          dueOn: inDays(7),
        }),
      )
    const closed = await action(`Ny belysning ${marker}`)
    const open = await action(`Klotter saneras ${marker}`)
    await note(closed, 'Belysningen är beställd')
    await note(open, 'Saneringen är påbörjad')
    await ctx.db.updateTable('actions').set({ status: 'done' }).where('id', '=', closed).execute()
    const notesOf = async (actionId: string) =>
      (
        await ctx.db
          .selectFrom('action_progress_notes')
          .select('text')
          .where('action_id', '=', actionId)
          .execute()
      ).map((row) => row.text)

    // Kept by default, whatever the time.
    await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(7) })
    expect(await notesOf(closed)).toEqual(['Belysningen är beställd'])

    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'progress_notes', '', 6))
    const inside = await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(5) })
    expect(removedOf(inside.report, 'progress_notes')).toBe(0)
    const outside = await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(7) })
    expect(removedOf(outside.report, 'progress_notes')).toBe(1)
    expect(await notesOf(closed)).toEqual([])
    expect(await notesOf(open)).toEqual(['Saneringen är påbörjad'])
    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'progress_notes', '', null))
  })
})

describe('approved minutes (kept by default)', () => {
  let meetingId: string
  let coordinator: TestClient

  beforeAll(async () => {
    meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
    const chair = t.people.chair.client
    const page = `/moten/${meetingId}`
    await chair.submit(page, {}, { action: `${page}/oppna` })
    await chair.submit(
      page,
      { [`present-${t.agencies.social.id}`]: true },
      { action: `${page}/narvaro` },
    )
    await chair.submit(page, { userId: t.people.social.id }, { action: `${page}/justerare` })
    await chair.submit(
      page,
      { text: `Trygghetsvandring ${marker}` },
      { action: `${page}/beslut`, within: '#beslut' },
    )
    await closeAndApprove(meetingId, chair, [t.people.chair.client, t.people.social.client])
    // The team's coordinator, who decides on releasing a copy, sees the release page while the record is there.
    const user = await aUser(ctx.db, { agencyId: t.agencies.safety.id })
    await aMembership(ctx.db, t.team.id, user.id, 'coordinator')
    coordinator = new TestClient(ctx.app)
    await coordinator.login(user.email, user.password)
    expect((await coordinator.get(`${page}/protokoll/utlamnande`)).status).toBe(200)
  })

  it('stay while no period is set, and go whole when one is, leaving their hash and a page that says so', async () => {
    const stored = () =>
      ctx.db
        .selectFrom('minutes_snapshots')
        .select('sha256')
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst()
    const sha256 = (await stored())!.sha256
    await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(120) })
    expect(await stored()).toEqual({ sha256 })

    // Their rows cannot be deleted by hand: only through a disposal.
    await expect(
      ctx.db.deleteFrom('minutes_snapshots').where('meeting_id', '=', meetingId).execute(),
    ).rejects.toThrow(/cannot be changed/)

    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'approved_minutes', '', 60))
    const dry = await runRetention(deps(), { dryRun: true, actor: system, now: monthsOn(61) })
    expect(removedOf(dry.report, 'approved_minutes')).toBe(1)
    expect(await stored()).toEqual({ sha256 })
    const run = await runRetention(deps(), { dryRun: false, actor: system, now: monthsOn(61) })
    expect(removedOf(run.report, 'approved_minutes')).toBe(1)
    expect(await stored()).toBeUndefined()
    for (const table of ['minutes_approvals', 'minutes_addenda', 'minutes_releases'] as const)
      expect(
        await ctx.db
          .selectFrom(table)
          .select('meeting_id')
          .where('meeting_id', '=', meetingId)
          .execute(),
        table,
      ).toEqual([])
    const disposal = await ctx.db
      .selectFrom('minutes_disposals')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    expect(disposal.sha256).toBe(sha256)
    expect(disposal.run_id).toBe(run.runId)
    // The hash left behind is still the one the approval's event names: the records verify.
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()

    const page = await t.people.police.client.get(`/moten/${meetingId}/protokoll`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Protokollet är gallrat')
    expect(html).toContain(sha256)
    expect(html).not.toContain(`Trygghetsvandring ${marker}`)
    expect((await t.people.police.client.get(`/moten/${meetingId}/protokoll.pdf`)).status).toBe(410)
    expect((await coordinator.get(`/moten/${meetingId}/protokoll/utlamnande`)).status).toBe(410)
    // The addendum form is gone from the page; one sent from a page still open is refused.
    const addendum = await t.people.chair.client.post(
      `/moten/${meetingId}/protokoll/tillagg`,
      { text: 'Ett tillägg' },
      { forged: true },
    )
    expect(addendum.status).toBe(410)
    expect(await addendum.text()).toContain('Protokollet är gallrat och finns inte längre.')

    // A disposal row, once written, is never changed: its hash can no longer be swapped.
    await expect(
      ctx.db
        .updateTable('minutes_disposals')
        .set({ sha256: 'x' })
        .where('meeting_id', '=', meetingId)
        .execute(),
    ).rejects.toThrow(/append-only/)
    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'approved_minutes', '', null))
  })
})

describe.skipIf(!usingPostgres())('two instances on one PostgreSQL database', () => {
  it('never run gallring at once: a run while another holds the lock is skipped; a lost holder frees it', async () => {
    // Another Läget process, as far as PostgreSQL can tell: a session of its own holding the lock.
    const { rows } = await sql<{
      schema: string
    }>`select current_schema() as schema`.execute(ctx.db)
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await other.connect()
    await other.query('select pg_advisory_lock(7430001, hashtext($1))', [rows[0]!.schema])
    const skipped = await runRetention(deps(), { dryRun: false, actor: system })
    expect(skipped).toMatchObject({ runId: null, outcome: 'skipped' })
    // The other process dies holding it: PostgreSQL ends its session, and the lock with it.
    const pid = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
    other.on('error', () => {})
    await sql`select pg_terminate_backend(${pid})`.execute(ctx.db)
    // Terminating is a signal: the session is gone a moment later.
    for (let i = 0; i < 100; i++) {
      const alive = await sql<{
        n: number
      }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(ctx.db)
      if (alive.rows[0]!.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const ran = await runRetention(deps(), { dryRun: false, actor: system })
    expect(ran.outcome).toBe('done')
    await other.end().catch(() => {})
  })
})
