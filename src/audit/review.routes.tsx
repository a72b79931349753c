import { Hono, type Context } from 'hono'
import { recordEvent } from '../changes/commit'
import { requireInstallationRole } from '../auth/session.middleware'
import {
  day,
  errorsOf,
  id,
  optional,
  pageNumber,
  periodError,
  periodInOrder,
  queryValues,
} from './log-filters'
import { excelCsv } from '../http/csv'
import { z } from 'zod'
import {
  AccessLogPage,
  AuditLogPage,
  ChainCheckPage,
  RetentionReviewPage,
  RetentionRunReviewPage,
  type ReviewFilterForm,
} from '../../views/review/review.pages'
import { mayReviewLogs } from '../access/installation-policy'
import { listAgencies } from '../agencies/agency.repository'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { describeEntriesForReview } from '../situation/read'
import { listTeams } from '../teams/team.repository'
import { checkRecords, recordsWhole } from './verify-records'
import { findRetentionRun, listRetentionRuns, teamNames } from '../retention/retention-runs'
import { auditOutcomes } from './audit-event.table'
import {
  isAuditOutcome,
  listAuditActions,
  logSizes,
  searchAccessLog,
  searchAuditEvents,
  type AuditFilter,
} from './review.repository'
import { formatDateTime } from '../i18n/format'
import type { MessageKey } from '../i18n/t'

/** /granskning: the audit log, the read-access log and the chain check, for the auditor alone (product.md §1, §4 flow 9). */
export const reviewRoutes = new Hono<AppEnv>()

reviewRoutes.use('*', requireInstallationRole(mayReviewLogs))

const filterSchema = z
  .object({
    person: optional(id),
    aktor: optional(id),
    team: optional(id),
    objekt: optional(id),
    fran: optional(day),
    till: optional(day),
    handelse: optional(z.string().max(80)),
    utfall: optional(z.enum(auditOutcomes, { error: 'error.choice' })),
    sida: optional(pageNumber),
  })
  .refine(periodInOrder, periodError)

type Parsed =
  | { ok: true; filter: AuditFilter; page: number; form: ReviewFilterForm }
  | { ok: false; form: ReviewFilterForm }

/** Reads the filter from the query; a bad one comes back with its errors and what was typed. */
function readFilter(c: Context<AppEnv>): Parsed {
  const values = queryValues(c)
  const parsed = filterSchema.safeParse(values)
  if (!parsed.success) return { ok: false, form: { values, errors: errorsOf(parsed.error.issues) } }
  const f = parsed.data
  const filter: AuditFilter = {
    userId: f.person ?? null,
    agencyId: f.aktor ?? null,
    teamId: f.team ?? null,
    objectId: f.objekt ?? null,
    from: f.fran ?? null,
    to: f.till ?? null,
    action: f.handelse ?? null,
    outcome: f.utfall && isAuditOutcome(f.utfall) ? f.utfall : null,
  }
  return { ok: true, filter, page: f.sida ?? 1, form: { values, errors: {} } }
}

async function choices(c: Context<AppEnv>) {
  const { db } = c.get('deps')
  const [people, agencies, teams, actions] = await Promise.all([
    db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.name', 'agencies.name as agency_name'])
      .orderBy('users.name')
      .execute(),
    listAgencies(db),
    listTeams(db),
    listAuditActions(db),
  ])
  return {
    people: people.map((p) => ({ id: p.id, label: `${p.name} (${p.agency_name})` })),
    agencies,
    teams,
    actions,
  }
}

reviewRoutes.get('/', (c) => c.redirect('/granskning/lasningar', 303))

reviewRoutes.get('/lasningar', async (c) => {
  const parsed = readFilter(c)
  const options = await choices(c)
  if (!parsed.ok)
    return render(
      c,
      <AccessLogPage
        form={parsed.form}
        options={options}
        rows={[]}
        labels={new Map()}
        page={1}
        more={false}
      />,
      400,
    )
  const { rows, more } = await searchAccessLog(c.get('deps').db, parsed.filter, parsed.page)
  const labels = await describeEntriesForReview(
    c.get('deps').db,
    rows.filter((row) => row.object_type === 'situation_entry').map((row) => row.object_id),
  )
  return render(
    c,
    <AccessLogPage
      form={parsed.form}
      options={options}
      rows={rows}
      labels={labels}
      page={parsed.page}
      more={more}
    />,
  )
})

reviewRoutes.get('/handelser', async (c) => {
  const parsed = readFilter(c)
  const options = await choices(c)
  if (!parsed.ok)
    return render(
      c,
      <AuditLogPage form={parsed.form} options={options} rows={[]} page={1} more={false} />,
      400,
    )
  const { rows, more } = await searchAuditEvents(c.get('deps').db, parsed.filter, parsed.page)
  return render(
    c,
    <AuditLogPage
      form={parsed.form}
      options={options}
      rows={rows}
      page={parsed.page}
      more={more}
    />,
  )
})

/** The filtered access log as CSV (UTF-8 with BOM, semicolons), up to 10,000 rows; the export is audited. */
reviewRoutes.get('/lasningar.csv', async (c) => {
  const parsed = readFilter(c)
  if (!parsed.ok) throw new AppError(400, 'review.error.filter')
  const { db } = c.get('deps')
  const t = c.get('t')
  const lines = [
    [
      t('review.time'),
      t('review.person'),
      t('review.agency'),
      t('review.team'),
      t('review.role'),
      t('review.object'),
      t('review.objectId'),
      t('review.shown'),
      t('review.basis'),
      t('review.via'),
    ],
  ]
  for (let page = 1; page <= 200; page++) {
    const { rows, more } = await searchAccessLog(db, parsed.filter, page)
    for (const row of rows) {
      lines.push([
        formatDateTime(row.read_at, c.get('locale')),
        row.user_name,
        row.agency_name,
        row.team_name ?? '',
        row.role ? t(`role.${row.role}` as MessageKey) : '',
        t(`review.objectType.${row.object_type}` as MessageKey),
        row.object_id,
        t(`review.shown.${row.shown}` as MessageKey),
        row.legal_basis_title ?? '',
        t(`review.via.${row.via}` as MessageKey),
      ])
    }
    if (!more) break
  }
  await recordEvent(c, {
    action: 'review.export',
    objectType: 'access_log',
    details: { rows: lines.length - 1 },
  })
  const csv = excelCsv(lines)
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="lasloggen.csv"',
  })
})

/** Verifies the audit chain, the access log's seals and the approved minutes now, names the first break, and records the check. */
reviewRoutes.post('/kontroll', async (c) => {
  const { db } = c.get('deps')
  const [check, sizes] = await Promise.all([checkRecords(db), logSizes(db)])
  const { brokenEvent, brokenBatch, brokenMinutes, brokenYearly } = check
  await recordEvent(c, {
    action: 'review.verify',
    outcome: recordsWhole(check) ? 'success' : 'failure',
    details: { brokenEvent, brokenBatch, brokenMinutes, brokenYearly },
  })
  return render(
    c,
    <ChainCheckPage
      brokenEvent={brokenEvent}
      brokenBatch={brokenBatch}
      brokenMinutes={brokenMinutes}
      brokenYearly={brokenYearly}
      sizes={sizes}
    />,
  )
})

reviewRoutes.get('/kontroll', (c) =>
  render(
    c,
    <ChainCheckPage
      brokenEvent={null}
      brokenBatch={null}
      brokenMinutes={null}
      brokenYearly={null}
      sizes={null}
    />,
  ),
)

reviewRoutes.get('/gallring', async (c) =>
  render(c, <RetentionReviewPage runs={await listRetentionRuns(c.get('deps').db)} />),
)

reviewRoutes.get('/gallring/:runId', async (c) => {
  const { db } = c.get('deps')
  const run = await findRetentionRun(db, idParam(c, 'runId'))
  if (!run) throw notFound()
  return render(c, <RetentionRunReviewPage run={run} teams={await teamNames(db)} />)
})
