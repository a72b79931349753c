import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrokenAccessSeal } from '../../src/audit/access-log'
import { findBrokenAuditLink } from '../../src/audit/audit.repository'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../../src/i18n/format'
import { findBrokenMinutes } from '../../src/minutes/minutes-verify'
import { runRetention } from '../../src/retention/retention'
import { saveRetentionSetting } from '../../src/retention/retention-settings'
import { createEntry } from '../../src/situation/entries/situation-entry.repository'
import { createAction } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { aMeeting, letterMarker } from '../support/builders'
import { inTransaction } from '../support/in-transaction'
import { aSituationTeam, type SituationTeam } from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let t: SituationTeam
const marker = letterMarker()
const today = todayInStockholm()
const deps = () => ({ db: ctx.db, kind: ctx.kind, live: ctx.live })
const system = { userId: null, agencyId: null }

async function anEntry(periodTo: string, meetingId: string | null = null) {
  const description = `Gammal iakttagelse ${marker} ${letterMarker(6)}`
  await inTransaction(ctx.db, (trx) =>
    createEntry(trx, {
      teamId: t.team.id,
      meetingId,
      areaId: t.area.id,
      categoryId: t.plain.id,
      periodFrom: addDaysToDay(periodTo, -6),
      periodTo,
      week: isoWeekKey(periodTo),
      eventCount: 2,
      trend: 'unchanged',
      description,
      ownReference: '',
      scope: 'team',
      recipientAgencyIds: [],
      legalBasisId: null,
      sourceAgencyId: t.agencies.social.id,
      authorUserId: t.people.social.id,
      idempotencyKey: crypto.randomUUID(),
    }),
  )
  return description
}

const stored = async () =>
  (
    await ctx.db
      .selectFrom('situation_entries')
      .select('description')
      .where('team_id', '=', t.team.id)
      .execute()
  ).map((row) => row.description)

const cells = () =>
  ctx.db
    .selectFrom('situation_cells')
    .selectAll()
    .where('team_id', '=', t.team.id)
    .orderBy(['week', 'area_id', 'category_id', 'source_agency_id'])
    .execute()

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
})
afterAll(async () => ctx?.destroy())

describe('gallring of situation entries (13 months after the period they describe)', () => {
  it('removes what is just outside, keeps what is just inside, and what a meeting or an open action still needs', async () => {
    // The cut-off day: 13 months before the run.
    const cutoff = '2025-10-30'
    const at = new Date('2026-11-30T12:00:00Z')
    const outside = await anEntry(addDaysToDay(cutoff, -1))
    const inside = await anEntry(cutoff)
    const unapproved = await aMeeting(ctx.db, t.team.id, { status: 'closed', startsInDays: -400 })
    const waiting = await anEntry(addDaysToDay(cutoff, -30), unapproved)
    const approved = await aMeeting(ctx.db, t.team.id, { status: 'approved', startsInDays: -420 })
    const needed = await anEntry(addDaysToDay(cutoff, -60), approved)
    await inTransaction(ctx.db, async (trx) => {
      const decisionId = await createDecision(trx, {
        meetingId: approved,
        agendaItemId: null,
        text: 'Följ upp vid torget',
        createdBy: t.people.chair.id,
      })
      await createAction(trx, {
        teamId: t.team.id,
        meetingId: approved,
        decisionId,
        text: 'Öppen åtgärd',
        ownerAgencyId: t.agencies.social.id,
        ownerUserId: null,
        dueOn: today,
      })
    })
    const cellsBefore = await cells()
    const overviewBefore = await overview()

    const dry = await runRetention(deps(), { dryRun: true, actor: system, now: at })
    expect(dry.outcome).toBe('done')
    const dryLine = dry.report.lines.find((l) => l.kind === 'entries' && l.teamId === t.team.id)!
    expect(dryLine.removed).toBe(1)
    expect(await stored()).toEqual(expect.arrayContaining([outside, inside, waiting, needed]))

    const run = await runRetention(deps(), { dryRun: false, actor: system, now: at, batchSize: 1 })
    expect(run.outcome).toBe('done')
    const line = run.report.lines.find((l) => l.kind === 'entries' && l.teamId === t.team.id)!
    expect(line).toMatchObject({ removed: 1, cutoff })
    // The oldest kept is the one the open action needs.
    expect(line.oldestKept).toEqual({ at: addDaysToDay(cutoff, -60), because: 'open_action' })
    const left = await stored()
    expect(left).not.toContain(outside)
    expect(left).toEqual(expect.arrayContaining([inside, waiting, needed]))

    // The weekly counts of the past stay as they were: the overview shows the same.
    expect(await cells()).toEqual(cellsBefore)
    expect(await overview()).toBe(overviewBefore)

    // The run is reported, stored and audited.
    const row = await ctx.db
      .selectFrom('retention_runs')
      .selectAll()
      .where('id', '=', run.runId!)
      .executeTakeFirstOrThrow()
    expect(row.outcome).toBe('done')
    expect(JSON.parse(row.report).lines).toEqual(run.report.lines)
    const event = await ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'retention.run')
      .where('object_id', '=', run.runId!)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(event.details)).toMatchObject({ dryRun: false })
  })
})

async function overview() {
  const html = await (
    await t.people.social.client.get(`/team/${t.team.id}/lagesbild?veckor=104`)
  ).text()
  const row = html.slice(html.indexOf(`<th scope="row">${t.area.name}</th>`))
  return row.slice(0, row.indexOf('</tr>'))
}

describe('gallring of decisions and actions, when the admin sets a period', () => {
  it('removes closed actions of long-approved meetings, never open ones, then the decisions left bare', async () => {
    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'decisions_actions', '', 12))
    const meeting = await aMeeting(ctx.db, t.team.id, { status: 'approved', startsInDays: -800 })
    await ctx.db
      .updateTable('meetings')
      .set({ approved_at: new Date(Date.now() - 790 * 86_400_000).toISOString() })
      .where('id', '=', meeting)
      .execute()
    const ids = await inTransaction(ctx.db, async (trx) => {
      const decisionId = await createDecision(trx, {
        meetingId: meeting,
        agendaItemId: null,
        text: 'Ett gammalt beslut',
        createdBy: t.people.chair.id,
      })
      const action = (text: string) =>
        createAction(trx, {
          teamId: t.team.id,
          meetingId: meeting,
          decisionId,
          text,
          ownerAgencyId: t.agencies.social.id,
          ownerUserId: null,
          dueOn: today,
        })
      const done = await action('Klar sedan länge')
      const open = await action('Fortfarande öppen')
      await trx.updateTable('actions').set({ status: 'done' }).where('id', '=', done).execute()
      return { decisionId, done, open }
    })
    const exists = async (table: 'actions' | 'decisions', id: string) =>
      (await ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined
    await runRetention(deps(), { dryRun: false, actor: system })
    expect(await exists('actions', ids.done)).toBe(false)
    expect(await exists('actions', ids.open)).toBe(true)
    expect(await exists('decisions', ids.decisionId)).toBe(true)
    await ctx.db.updateTable('actions').set({ status: 'done' }).where('id', '=', ids.open).execute()
    await runRetention(deps(), { dryRun: false, actor: system })
    expect(await exists('actions', ids.open)).toBe(false)
    expect(await exists('decisions', ids.decisionId)).toBe(false)
    await inTransaction(ctx.db, (trx) => saveRetentionSetting(trx, 'decisions_actions', '', null))
  })
})

describe('gallring of ended sessions', () => {
  it('counts them in a dry run and removes them in a run, leaving the live ones', async () => {
    const ended = new Date(Date.now() - 86_400_000).toISOString()
    await ctx.db
      .insertInto('sessions')
      .values({
        id: crypto.randomUUID(),
        secret_hash: 'x',
        user_id: t.people.social.id,
        csrf_token: 'x',
        created_at: ended,
        last_seen_at: ended,
        expires_at: ended,
      })
      .execute()
    const line = (report: { lines: { kind: string; removed: number }[] }) =>
      report.lines.find((l) => l.kind === 'sessions')!.removed
    const dry = await runRetention(deps(), { dryRun: true, actor: system })
    expect(line(dry.report)).toBe(1)
    const run = await runRetention(deps(), { dryRun: false, actor: system })
    expect(line(run.report)).toBe(1)
    // Everyone signed in is still signed in.
    expect((await t.people.police.client.get(`/team/${t.team.id}`)).status).toBe(200)
  })
})

describe('gallring of the audit log and the access log (2 years)', () => {
  it('removes the oldest events up to a checkpoint, and both logs still verify', async () => {
    // Some reads to log, and some events.
    await t.people.social.client.get(`/team/${t.team.id}`)
    await t.people.police.client.get(`/team/${t.team.id}`)
    await ctx.accessLog.flush()
    const eventsBefore = await ctx.db.selectFrom('audit_events').select('seq').execute()
    const readsBefore = await ctx.db.selectFrom('access_log').select('seq').execute()
    expect(readsBefore.length).toBeGreaterThan(0)
    // Two years and a day on, everything so far is old.
    const later = new Date(Date.now() + (2 * 366 + 1) * 86_400_000)
    const run = await runRetention(deps(), {
      dryRun: false,
      actor: system,
      now: later,
      batchSize: 7,
    })
    expect(run.outcome).toBe('done')
    const audit = run.report.lines.find((l) => l.kind === 'audit_events')!
    const reads = run.report.lines.find((l) => l.kind === 'access_log')!
    expect(audit.removed).toBeGreaterThanOrEqual(eventsBefore.length)
    expect(reads.removed).toBe(readsBefore.length)
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
    expect(await findBrokenAccessSeal(ctx.db)).toBeNull()
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
    // New events and reads chain on from the checkpoint.
    await t.people.social.client.get(`/team/${t.team.id}`)
    await ctx.accessLog.flush()
    expect(await findBrokenAuditLink(ctx.db)).toBeNull()
    expect(await findBrokenAccessSeal(ctx.db)).toBeNull()
    // Past a checkpoint, nothing more may go: the triggers refuse.
    await expect(ctx.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/)
  })
})
