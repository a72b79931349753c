import { subMonths } from 'date-fns'
import { sql } from 'kysely'
import { closedActionIdsBefore, closedActionNoteIdsBefore } from '../actions/action.repository'
import type { AuditActor } from '../audit/audit.repository'
import { decisionIdsWithoutActionsBefore } from '../decisions/decision.repository'
import { deleteByIds } from '../db/delete-by-ids'
import { countSpentTokens, deleteSpentTokens } from '../auth/one-time-token.repository'
import { countEndedSessions, deleteEndedSessions } from '../auth/session'
import { commitAs, type Committer } from '../changes/commit'
import type { Db, DatabaseKind, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import { localDayAndTime } from '../i18n/format'
import { disposeMinutes, minutesDueForDisposal } from '../minutes/minutes-disposal'
import { blankGuideAnswers, disclosureIdsBefore } from '../situation/entries/disclosure.repository'
import {
  deleteExpiredEntries,
  forgetIdempotencyKeys,
} from '../situation/entries/situation-entry.repository'
import {
  countExpiredEntries,
  entryIdsWithKeyBefore,
  expiredEntryIds,
  reportIdsBefore,
  oldestEntryKept,
} from '../situation/read'
import { deleteReports } from '../reports/report.repository'
import { listTeams } from '../teams/team.repository'
import { loadRetentionSettings, monthsFor, type RetentionSettings } from './retention-settings'
import type { RetentionLine, RetentionReport } from './retention.table'

/** `sessionIdleMs`: the configured idle limit (a session unused for less is still alive). */
export type RetentionDeps = Committer & { kind: DatabaseKind; sessionIdleMs?: number }

export type RetentionOptions = {
  dryRun: boolean
  /** Who started it: a person from the admin page, or nobody (the daily run). */
  actor: AuditActor
  now?: Date
  /** Rows per transaction: small enough that requests never wait long for the writer. */
  batchSize?: number
  /** The run's id, when the caller shows its report before it ends. */
  runId?: string
}

let runningHere = false
/**
 * Any number, the same in every Läget process; with the schema's name, so that
 * installations in schemas of their own in one database do not wait for each other.
 */
const advisoryLockKey = 7_430_001

/**
 * One run of gallring: each kind of record older than its period goes, in
 * small transactions (each through the write door, with its audit event), the
 * event loop given a turn between them. Returns the run's report, which is
 * stored and audited too. A dry run reports what would go and removes nothing.
 * Never two at once: a process flag, and on PostgreSQL an advisory lock held
 * by one connection for the whole run.
 */
export async function runRetention(deps: RetentionDeps, options: RetentionOptions) {
  if (runningHere) return { runId: null, outcome: 'skipped' as const, report: { lines: [] } }
  runningHere = true
  try {
    if (deps.kind !== 'postgres') return await runLocked(deps, options)
    return await deps.db.connection().execute(async (connection) => {
      const locked = await sql<{
        ok: boolean
      }>`select pg_try_advisory_lock(${advisoryLockKey}, hashtext(current_schema())) as ok`.execute(
        connection,
      )
      if (!locked.rows[0]?.ok)
        return { runId: null, outcome: 'skipped' as const, report: { lines: [] } }
      try {
        return await runLocked(deps, options)
      } finally {
        await sql`select pg_advisory_unlock(${advisoryLockKey}, hashtext(current_schema()))`.execute(
          connection,
        )
      }
    })
  } finally {
    runningHere = false
  }
}

async function runLocked(deps: RetentionDeps, options: RetentionOptions) {
  const now = options.now ?? new Date()
  const runId = options.runId ?? newId()
  const startedAt = now.toISOString()
  await commitAs(deps, options.actor, async (trx, change) => {
    await trx
      .insertInto('retention_runs')
      .values({
        id: runId,
        started_at: startedAt,
        ended_at: null,
        started_by: options.actor.userId,
        dry_run: options.dryRun ? 1 : 0,
        outcome: 'running',
        report: JSON.stringify({ lines: [] }),
      })
      .execute()
    change.audit({ action: 'retention.start', objectType: 'retention_run', objectId: runId })
    change.nothingChanged()
  })
  const report: RetentionReport = { lines: [] }
  let outcome: 'done' | 'failed' = 'done'
  try {
    const settings = await loadRetentionSettings(deps.db)
    const run = new Run(deps, options, settings, now, report, runId)
    await run.entries()
    await run.reports()
    await run.disclosures()
    await run.guideAnswers()
    await run.progressNotes()
    await run.decisionsAndActions()
    await run.approvedMinutes()
    await run.idempotencyKeys()
    await run.sessionsAndTokens()
    await run.auditEvents()
    await run.accessLog()
  } catch (error) {
    outcome = 'failed'
    report.error = String(error)
  }
  const removed = report.lines.reduce((sum, line) => sum + line.removed, 0)
  await commitAs(deps, options.actor, async (trx, change) => {
    await trx
      .updateTable('retention_runs')
      .set({ ended_at: nowIso(), outcome, report: JSON.stringify(report) })
      .where('id', '=', runId)
      .execute()
    change.audit({
      action: 'retention.run',
      objectType: 'retention_run',
      objectId: runId,
      outcome: outcome === 'done' ? 'success' : 'failure',
      details: { dryRun: options.dryRun, removed, lines: report.lines.length },
    })
    change.nothingChanged()
  })
  return { runId, outcome, report }
}

/** Between two batches: the requests that came in meanwhile go first. */
const yieldTurn = () => new Promise((resolve) => setTimeout(resolve, 2))

class Run {
  private readonly batch: number

  constructor(
    private readonly deps: RetentionDeps,
    private readonly options: RetentionOptions,
    private readonly settings: RetentionSettings,
    private readonly now: Date,
    private readonly report: RetentionReport,
    private readonly runId: string,
  ) {
    this.batch = options.batchSize ?? 100
  }

  private get db(): Db {
    return this.deps.db
  }

  /** The moment before which a kind's rows go, or null when they are kept. */
  private cutoff(kind: RetentionLine['kind'], teamId: string | null): Date | null {
    const months = monthsFor(this.settings, kind, teamId)
    return months === null ? null : subMonths(this.now, months)
  }

  /** Removes in batches until `next` finds no more; each batch one change with its audit event. */
  private async inBatches(
    objectType: string,
    details: Record<string, unknown>,
    next: () => Promise<readonly string[]>,
    remove: (trx: Trx, ids: readonly string[]) => Promise<number>,
  ): Promise<number> {
    let removed = 0
    for (;;) {
      const ids = await next()
      if (ids.length === 0) break
      removed += await commitAs(this.deps, this.options.actor, async (trx, change) => {
        const count = await remove(trx, ids)
        change.audit({ action: 'retention.remove', objectType, details: { ...details, count } })
        // Cached pages are refreshed once, when the kind is done (below), not after every batch:
        // what goes is old, and re-rendering every page every few milliseconds would slow everyone.
        change.nothingChanged()
        return count
      })
      await yieldTurn()
    }
    if (removed > 0)
      await commitAs(this.deps, this.options.actor, async (_trx, change) => {
        change.audit({ action: 'retention.removed', objectType, details: { ...details, removed } })
      })
    return removed
  }

  /** The installation's teams, read once per run. */
  private teamIds: Promise<string[]> | null = null
  private teams(): Promise<string[]> {
    this.teamIds ??= listTeams(this.db).then((teams) => teams.map((team) => team.id))
    return this.teamIds
  }

  async entries() {
    for (const teamId of await this.teams()) {
      const cutoff = this.cutoff('entries', teamId)
      if (!cutoff) continue
      const day = localDayAndTime(cutoff.toISOString()).day
      const removed = this.options.dryRun
        ? await countExpiredEntries(this.db, teamId, day)
        : await this.inBatches(
            'situation_entry',
            { teamId },
            () => expiredEntryIds(this.db, teamId, day, this.batch),
            deleteExpiredEntries,
          )
      this.report.lines.push({
        kind: 'entries',
        teamId,
        removed,
        cutoff: day,
        oldestKept: await oldestEntryKept(this.db, teamId, day),
      })
    }
  }

  /**
   * A kind kept per team and removed by the time of its rows: for every team
   * with a period, the ids older than the cut-off (`idsBefore`), in batches.
   */
  private async perTeam(
    kind: RetentionLine['kind'],
    objectType: string,
    idsBefore: (db: Db, teamId: string, before: string, limit: number) => Promise<string[]>,
    remove: (trx: Trx, ids: readonly string[]) => Promise<number>,
  ) {
    for (const teamId of await this.teams()) {
      const cutoff = this.cutoff(kind, teamId)
      if (!cutoff) continue
      const before = cutoff.toISOString()
      const removed = this.options.dryRun
        ? (await idsBefore(this.db, teamId, before, 1_000_000_000)).length
        : await this.inBatches(
            objectType,
            { teamId, what: kind },
            () => idsBefore(this.db, teamId, before, this.batch),
            remove,
          )
      this.report.lines.push({ kind, teamId, removed, cutoff: before, oldestKept: null })
    }
  }

  reports() {
    return this.perTeam('reports', 'situation_report', reportIdsBefore, deleteReports)
  }

  disclosures() {
    return this.perTeam('disclosures', 'disclosure', disclosureIdsBefore, (trx, ids) =>
      deleteByIds(trx, 'disclosures', ids),
    )
  }

  guideAnswers() {
    return this.perTeam(
      'guide_answers',
      'disclosure',
      (db, teamId, before, limit) => disclosureIdsBefore(db, teamId, before, limit, true),
      blankGuideAnswers,
    )
  }

  progressNotes() {
    return this.perTeam(
      'progress_notes',
      'action_progress_note',
      closedActionNoteIdsBefore,
      (trx, ids) => deleteByIds(trx, 'action_progress_notes', ids),
    )
  }

  approvedMinutes() {
    const runId = this.runId
    return this.perTeam('approved_minutes', 'minutes', minutesDueForDisposal, (trx, ids) =>
      disposeMinutes(trx, runId, ids),
    )
  }

  /** Closed actions of meetings approved before the cut-off, then the decisions no action refers to. */
  async decisionsAndActions() {
    for (const teamId of await this.teams()) {
      const cutoff = this.cutoff('decisions_actions', teamId)
      if (!cutoff) continue
      const before = cutoff.toISOString()
      let removed: number
      if (this.options.dryRun) {
        removed = (await closedActionIdsBefore(this.db, teamId, before, 1_000_000_000)).length
      } else {
        removed = await this.inBatches(
          'action',
          { teamId },
          () => closedActionIdsBefore(this.db, teamId, before, this.batch),
          (trx, ids) => deleteByIds(trx, 'actions', ids),
        )
        removed += await this.inBatches(
          'decision',
          { teamId },
          () => decisionIdsWithoutActionsBefore(this.db, teamId, before, this.batch),
          (trx, ids) => deleteByIds(trx, 'decisions', ids),
        )
      }
      this.report.lines.push({
        kind: 'decisions_actions',
        teamId,
        removed,
        cutoff: before,
        oldestKept: null,
      })
    }
  }

  async idempotencyKeys() {
    const cutoff = this.cutoff('idempotency_keys', null)
    if (!cutoff) return
    const before = cutoff.toISOString()
    const removed = this.options.dryRun
      ? (await entryIdsWithKeyBefore(this.db, before, 1_000_000_000)).length
      : await this.inBatches(
          'situation_entry',
          { what: 'idempotency_keys' },
          () => entryIdsWithKeyBefore(this.db, before, this.batch),
          forgetIdempotencyKeys,
        )
    this.report.lines.push({
      kind: 'idempotency_keys',
      teamId: null,
      removed,
      cutoff: before,
      oldestKept: null,
    })
  }

  async sessionsAndTokens() {
    for (const kind of ['sessions', 'one_time_tokens'] as const) {
      const cutoff = this.cutoff(kind, null)
      if (!cutoff) continue
      const removed = this.options.dryRun
        ? kind === 'sessions'
          ? await countEndedSessions(this.db, cutoff, this.deps.sessionIdleMs)
          : await countSpentTokens(this.db, cutoff)
        : await commitAs(this.deps, this.options.actor, async (trx, change) => {
            const count =
              kind === 'sessions'
                ? await deleteEndedSessions(trx, cutoff, this.deps.sessionIdleMs)
                : await deleteSpentTokens(trx, cutoff)
            change.audit({ action: 'retention.remove', objectType: kind, details: { count } })
            return count
          })
      this.report.lines.push({
        kind,
        teamId: null,
        removed,
        cutoff: cutoff.toISOString(),
        oldestKept: null,
      })
    }
  }

  /**
   * The oldest audit events: a checkpoint first (the hash the removed prefix
   * ends with, and the approved minutes' hashes it held), confirmed by an event
   * of the chain itself; then the prefix goes, which the triggers allow up to a checkpoint only.
   */
  async auditEvents() {
    const cutoff = this.cutoff('audit_events', null)
    if (!cutoff) return
    const before = cutoff.toISOString()
    const last = await this.db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('occurred_at', '<', before)
      .orderBy('seq', 'desc')
      .executeTakeFirst()
    const first = await this.db
      .selectFrom('audit_events')
      .select('seq')
      .orderBy('seq')
      .executeTakeFirst()
    const line: RetentionLine = {
      kind: 'audit_events',
      teamId: null,
      removed: 0,
      cutoff: before,
      oldestKept: null,
    }
    this.report.lines.push(line)
    if (!last || !first || last.seq < first.seq) return
    if (this.options.dryRun) {
      line.removed = last.seq - first.seq + 1
      return
    }
    const previous = await this.db
      .selectFrom('audit_checkpoints')
      .select(['up_to_seq', 'minutes'])
      .orderBy('up_to_seq', 'desc')
      .executeTakeFirst()
    if (!previous || previous.up_to_seq < last.seq) {
      const approvals = await this.db
        .selectFrom('audit_events')
        .select(['object_id', 'details'])
        .where('action', '=', 'meeting.approved')
        .where('seq', '<=', last.seq)
        .execute()
      const minutes: Record<string, string> = previous ? JSON.parse(previous.minutes) : {}
      for (const event of approvals) {
        const sha256 = (JSON.parse(event.details) as { sha256?: string }).sha256
        if (event.object_id && sha256) minutes[event.object_id] = sha256
      }
      await commitAs(this.deps, this.options.actor, async (trx, change) => {
        await trx
          .insertInto('audit_checkpoints')
          .values({
            up_to_seq: last.seq,
            last_hash: last.hash,
            minutes: JSON.stringify(minutes),
            created_at: nowIso(),
          })
          .execute()
        change.audit({
          action: 'retention.checkpoint',
          objectType: 'audit_events',
          details: { upToSeq: last.seq, lastHash: last.hash },
        })
        change.nothingChanged()
      })
    }
    for (let from = first.seq; from <= last.seq; from += this.batch) {
      const to = Math.min(last.seq, from + this.batch - 1)
      line.removed += await commitAs(this.deps, this.options.actor, async (trx, change) => {
        const result = await trx
          .deleteFrom('audit_events')
          .where('seq', '>=', from)
          .where('seq', '<=', to)
          .executeTakeFirst()
        const count = Number(result.numDeletedRows)
        change.audit({ action: 'retention.remove', objectType: 'audit_events', details: { count } })
        change.nothingChanged()
        return count
      })
      await yieldTurn()
    }
  }

  /** The oldest batches of the access log, the same way: a checkpoint with the seal they end with, then the rows. */
  async accessLog() {
    const cutoff = this.cutoff('access_log', null)
    if (!cutoff) return
    const before = cutoff.toISOString()
    const line: RetentionLine = {
      kind: 'access_log',
      teamId: null,
      removed: 0,
      cutoff: before,
      oldestKept: null,
    }
    this.report.lines.push(line)
    const seal = await this.db
      .selectFrom('access_log_seals')
      .selectAll()
      .where('sealed_at', '<', before)
      .orderBy('batch', 'desc')
      .executeTakeFirst()
    const first = await this.db
      .selectFrom('access_log')
      .select('seq')
      .orderBy('seq')
      .executeTakeFirst()
    if (!seal || !first || seal.last_seq < first.seq) return
    if (this.options.dryRun) {
      line.removed = seal.last_seq - first.seq + 1
      return
    }
    const checkpoint = await this.db
      .selectFrom('access_log_checkpoints')
      .select('up_to_batch')
      .orderBy('up_to_batch', 'desc')
      .executeTakeFirst()
    if (!checkpoint || checkpoint.up_to_batch < seal.batch)
      await commitAs(this.deps, this.options.actor, async (trx, change) => {
        await trx
          .insertInto('access_log_checkpoints')
          .values({
            up_to_batch: seal.batch,
            up_to_seq: seal.last_seq,
            last_hash: seal.hash,
            created_at: nowIso(),
          })
          .execute()
        change.audit({
          action: 'retention.checkpoint',
          objectType: 'access_log',
          details: { upToBatch: seal.batch, lastHash: seal.hash },
        })
        change.nothingChanged()
      })
    for (let from = first.seq; from <= seal.last_seq; from += this.batch) {
      const to = Math.min(seal.last_seq, from + this.batch - 1)
      line.removed += await commitAs(this.deps, this.options.actor, async (trx, change) => {
        const result = await trx
          .deleteFrom('access_log')
          .where('seq', '>=', from)
          .where('seq', '<=', to)
          .executeTakeFirst()
        const count = Number(result.numDeletedRows)
        change.audit({ action: 'retention.remove', objectType: 'access_log', details: { count } })
        change.nothingChanged()
        return count
      })
      await yieldTurn()
    }
    await commitAs(this.deps, this.options.actor, async (trx, change) => {
      await trx.deleteFrom('access_log_seals').where('batch', '<=', seal.batch).execute()
      // Sets of objects no request row names any more.
      await trx
        .deleteFrom('access_read_set_items')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('access_log')
                .select('seq')
                .whereRef('access_log.read_set_id', '=', 'access_read_set_items.set_id'),
            ),
          ),
        )
        .execute()
      change.audit({
        action: 'retention.remove',
        objectType: 'access_log_seals',
        details: { upToBatch: seal.batch },
      })
      change.nothingChanged()
    })
  }
}

/** Today's run, if it is due: from `hour` (Swedish time) on, and none (other than dry runs) started today. */
export async function retentionIfDue(
  deps: RetentionDeps,
  hour: number,
  now = new Date(),
): Promise<string | null> {
  const { day, time } = localDayAndTime(now.toISOString())
  if (Number(time.slice(0, 2)) < hour) return null
  const runs = await deps.db
    .selectFrom('retention_runs')
    .select('started_at')
    .where('dry_run', '=', 0)
    .orderBy('started_at', 'desc')
    .limit(1)
    .execute()
  if (runs[0] && localDayAndTime(runs[0].started_at).day === day) return null
  const run = await runRetention(deps, {
    dryRun: false,
    actor: { userId: null, agencyId: null },
    now,
  })
  return run.runId
}

/**
 * At start-up: a run the process did not live to finish is marked failed. What
 * it removed is gone for good (each batch committed whole, with its event); a
 * checkpoint whose rows it had not yet removed is harmless (the chain verifies
 * from the start while they are there) and the next run goes on from it.
 */
export async function markInterruptedRuns(deps: RetentionDeps): Promise<number> {
  const running = await deps.db
    .selectFrom('retention_runs')
    .select('id')
    .where('outcome', '=', 'running')
    .execute()
  if (running.length === 0) return 0
  await commitAs(deps, { userId: null, agencyId: null }, async (trx, change) => {
    await trx
      .updateTable('retention_runs')
      .set({ outcome: 'failed', ended_at: nowIso() })
      .where('outcome', '=', 'running')
      .execute()
    for (const run of running)
      change.audit({
        action: 'retention.interrupted',
        objectType: 'retention_run',
        objectId: run.id,
        outcome: 'failure',
      })
    change.nothingChanged()
  })
  return running.length
}
