import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  YearlyPrintPage,
  YearlyReportPage,
  YearlyReportsPage,
  type YearlyForms,
} from '../../views/yearly/yearly-report.page'
import {
  mayApproveYearlyReport,
  mayDraftYearlyReport,
  mayReadYearlyReport,
} from '../access/installation-policy'
import { followUpDone, followUpEffects } from '../actions/action.table'
import { listAgencies } from '../agencies/agency.repository'
import { requireInstallationRole } from '../auth/session.middleware'
import { commit, recordEvent } from '../changes/commit'
import { nowIso } from '../db/ids'
import { isUniqueViolation } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { excelCsv } from '../http/csv'
import { AppError, notFound } from '../http/errors'
import {
  choice,
  optionalText,
  readForm,
  requiredText,
  uuid,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { todayInStockholm } from '../i18n/format'
import type { MessageKey } from '../i18n/t'
import { idParam } from '../http/params'
import { readerFor } from '../http/reader'
import { render } from '../http/render'
import { checkedForm } from '../personal-data/form-check'
import { readMunicipalPicture } from '../situation/read'
import { yearlyPdf } from './yearly-pdf'
import {
  gatherYearlySnapshot,
  sealYearly,
  weeksOfYear,
  type YearlySnapshot,
} from './yearly-snapshot'
import {
  addPlanRow,
  addProblem,
  approveYearlyReport,
  createYearlyReport,
  findYearlyReport,
  listApprovedAnalysesOfYear,
  listCellChoices,
  listFollowUps,
  listPlanRows,
  listProblems,
  listYearlyReports,
  removeRow,
  setFollowUp,
  updateSummary,
} from './yearly.repository'
import type { YearlyReportRow } from './yearly.table'

/**
 * The municipality's yearly lägesbild and åtgärdsplan (lag 2023:196): the
 * coordinating function drafts it from every team's aggregates and approved
 * analyses, the steering group approves it, and it is then frozen.
 */
export const yearlyRoutes = new Hono<AppEnv>()

yearlyRoutes.use('*', requireInstallationRole(mayReadYearlyReport))

const firstYear = 2023 // lag 2023:196 came into force on 1 July 2023.

const yearSchema = z.object({
  year: z.coerce
    .number({ error: 'yearly.error.year' })
    .int('yearly.error.year')
    .min(firstYear, 'yearly.error.year')
    .max(2100, 'yearly.error.year'),
})

function yearParam(c: Context<AppEnv>): number {
  const parsed = yearSchema.safeParse({ year: c.req.param('year') })
  if (!parsed.success) throw notFound()
  return parsed.data.year
}

async function requireReport(c: Context<AppEnv>): Promise<YearlyReportRow> {
  const report = await findYearlyReport(c.get('deps').db, yearParam(c))
  if (!report) throw notFound()
  return report
}

/** A change to the draft: the coordinating function's, and only while it is a draft. */
async function requireDraft(c: Context<AppEnv>): Promise<YearlyReportRow> {
  if (!mayDraftYearlyReport(c.get('viewer'))) throw new AppError(403, 'error.forbidden')
  const report = await requireReport(c)
  if (report.approved_at) throw new AppError(409, 'yearly.error.approved')
  return report
}

const snapshotOf = (report: YearlyReportRow): YearlySnapshot | null =>
  report.data ? (JSON.parse(report.data) as YearlySnapshot) : null

async function listPage(c: Context<AppEnv>, form: YearlyForms['start'], status: 200 | 422 = 200) {
  const reports = await listYearlyReports(c.get('deps').db)
  return render(
    c,
    <YearlyReportsPage
      reports={reports}
      mayDraft={mayDraftYearlyReport(c.get('viewer'))}
      form={form}
    />,
    status,
  )
}

yearlyRoutes.get('/', (c) =>
  listPage(c, { values: { year: todayInStockholm().slice(0, 4) }, errors: {} }),
)

yearlyRoutes.post('/', async (c) => {
  if (!mayDraftYearlyReport(c.get('viewer'))) throw new AppError(403, 'error.forbidden')
  const form = validateForm(yearSchema, await readForm(c))
  if (!form.ok) return listPage(c, { values: form.values, errors: form.errors }, 422)
  const { year } = form.data
  const { db } = c.get('deps')
  const exists = () =>
    listPage(c, { values: form.values, errors: { year: 'yearly.error.exists' } }, 422)
  if (await findYearlyReport(db, year)) return exists()
  try {
    await commit(c, async (trx, change) => {
      const id = await createYearlyReport(trx, year, c.get('viewer')!.userId)
      change.audit({
        action: 'yearly.create',
        objectType: 'yearly_report',
        objectId: id,
        details: { year },
      })
    })
  } catch (error) {
    // Started by someone else at the same moment.
    if (isUniqueViolation(error)) return exists()
    throw error
  }
  return c.redirect(`/arsrapport/${year}`, 303)
})

async function reportPage(
  c: Context<AppEnv>,
  report: YearlyReportRow,
  forms: Partial<YearlyForms> = {},
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')
  const frozen = snapshotOf(report)
  if (frozen) {
    readerFor(c, 'yearly_report').log([yearlyRead(report)])
    return render(
      c,
      <YearlyReportPage
        year={report.year}
        frozen={{ html: report.html!, sha256: report.sha256! }}
        draft={null}
      />,
      status,
    )
  }
  const { first, last } = weeksOfYear(report.year)
  const previous = await findYearlyReport(db, report.year - 1)
  const [picture, problems, plan, followUps, analyses, choices, agencies] = await Promise.all([
    readMunicipalPicture(readerFor(c, 'yearly_report'), first, last),
    listProblems(db, report.id),
    listPlanRows(db, report.id),
    previous?.approved_at ? listFollowUps(db, report.id, previous.id) : Promise.resolve([]),
    listApprovedAnalysesOfYear(db, report.year),
    listCellChoices(db),
    listAgencies(db),
  ])
  const empty = { values: {}, errors: {} }
  return render(
    c,
    <YearlyReportPage
      year={report.year}
      frozen={null}
      draft={{
        summary: report.summary,
        picture,
        problems,
        plan,
        followUps,
        previousApproved: Boolean(previous?.approved_at),
        analyses,
        choices: { ...choices, agencies },
        mayDraft: mayDraftYearlyReport(viewer),
        mayApprove: mayApproveYearlyReport(viewer),
        forms: {
          start: empty,
          summary: forms.summary ?? { values: { summary: report.summary }, errors: {} },
          problem: forms.problem ?? empty,
          plan: forms.plan ?? empty,
          followUp: forms.followUp ?? null,
        },
      }}
    />,
    status,
  )
}

const yearlyRead = (report: YearlyReportRow) =>
  ({
    objectType: 'yearly_report',
    objectId: report.id,
    teamId: null,
    role: null,
    shown: 'full',
  }) as const

yearlyRoutes.get('/:year', async (c) => reportPage(c, await requireReport(c)))

const summarySchema = z.object({ summary: optionalText(4000) })

yearlyRoutes.post('/:year/sammanfattning', async (c) => {
  const report = await requireDraft(c)
  const values = await readForm(c)
  const form = await checkedForm(c, summarySchema, values, null)
  if (!form.ok) return reportPage(c, report, { summary: form }, 422)
  await commit(c, async (trx, change) => {
    if (!(await updateSummary(trx, report.id, form.data.summary)))
      throw new AppError(409, 'yearly.error.approved')
    change.audit({ action: 'yearly.summary', objectType: 'yearly_report', objectId: report.id })
  })
  return c.redirect(`/arsrapport/${report.year}#sammanfattning`, 303)
})

const problemSchema = z.object({
  areaId: uuid(),
  categoryId: uuid(),
  cause: requiredText(1000),
})

yearlyRoutes.post('/:year/problem', async (c) => {
  const report = await requireDraft(c)
  const { db } = c.get('deps')
  const values = await readForm(c)
  const form = await checkedForm(c, problemSchema, values, null)
  if (!form.ok) return reportPage(c, report, { problem: form }, 422)
  const { areas, categories } = await listCellChoices(db)
  const area = areas.find((a) => a.id === form.data.areaId)
  const category = categories.find((k) => k.id === form.data.categoryId)
  if (!area) return reportPage(c, report, { problem: withError(values, 'areaId') }, 422)
  if (!category || category.team_id !== area.team_id)
    return reportPage(
      c,
      report,
      { problem: withError(values, 'categoryId', 'yearly.error.categoryOfTeam') },
      422,
    )
  await commit(c, async (trx, change) => {
    const id = await addProblem(trx, report.id, form.data)
    change.audit({
      action: 'yearly.problem.add',
      objectType: 'yearly_report',
      objectId: report.id,
      details: { problemId: id, areaId: area.id, categoryId: category.id },
    })
  })
  return c.redirect(`/arsrapport/${report.year}#problem`, 303)
})

const withError = (values: FormValues, field: string, key: MessageKey = 'error.choice') => ({
  values,
  errors: { [field]: key } as FieldErrors,
})

const planSchema = z.object({
  cause: requiredText(500),
  action: requiredText(500),
  goal: requiredText(500),
  timing: requiredText(100),
  agencyId: uuid(),
})

yearlyRoutes.post('/:year/plan', async (c) => {
  const report = await requireDraft(c)
  const { db } = c.get('deps')
  const values = await readForm(c)
  const form = await checkedForm(c, planSchema, values, null)
  if (!form.ok) return reportPage(c, report, { plan: form }, 422)
  const agencies = await listAgencies(db)
  if (!agencies.some((agency) => agency.id === form.data.agencyId))
    return reportPage(c, report, { plan: withError(values, 'agencyId') }, 422)
  await commit(c, async (trx, change) => {
    const id = await addPlanRow(trx, report.id, form.data)
    change.audit({
      action: 'yearly.plan.add',
      objectType: 'yearly_report',
      objectId: report.id,
      details: { planRowId: id, agencyId: form.data.agencyId },
    })
  })
  return c.redirect(`/arsrapport/${report.year}#plan`, 303)
})

for (const [path, table, anchor] of [
  ['problem', 'yearly_problems', 'problem'],
  ['plan', 'yearly_plan_rows', 'plan'],
] as const)
  yearlyRoutes.post(`/:year/${path}/:rowId/ta-bort`, async (c) => {
    const report = await requireDraft(c)
    const rowId = idParam(c, 'rowId')
    await commit(c, async (trx, change) => {
      if (!(await removeRow(trx, table, report.id, rowId))) throw notFound()
      change.audit({
        action: `yearly.${path}.remove`,
        objectType: 'yearly_report',
        objectId: report.id,
        details: { rowId },
      })
    })
    return c.redirect(`/arsrapport/${report.year}#${anchor}`, 303)
  })

const followUpSchema = z.object({
  done: choice(followUpDone),
  effect: choice(followUpEffects),
  note: requiredText(1000),
})

yearlyRoutes.post('/:year/uppfoljning/:rowId', async (c) => {
  const report = await requireDraft(c)
  const { db } = c.get('deps')
  const rowId = idParam(c, 'rowId')
  const previous = await findYearlyReport(db, report.year - 1)
  const rows = previous?.approved_at ? await listFollowUps(db, report.id, previous.id) : []
  if (!rows.some((row) => row.id === rowId)) throw notFound()
  const values = await readForm(c)
  const form = await checkedForm(c, followUpSchema, values, null)
  if (!form.ok) return reportPage(c, report, { followUp: { rowId, ...form } }, 422)
  await commit(c, async (trx, change) => {
    await setFollowUp(trx, report.id, rowId, form.data)
    change.audit({
      action: 'yearly.follow_up',
      objectType: 'yearly_report',
      objectId: report.id,
      details: { planRowId: rowId, done: form.data.done, effect: form.data.effect },
    })
  })
  return c.redirect(`/arsrapport/${report.year}#uppfoljning`, 303)
})

/** The steering group approves: the report is gathered, rendered and hashed in one transaction, then frozen. */
yearlyRoutes.post('/:year/faststall', async (c) => {
  if (!mayApproveYearlyReport(c.get('viewer'))) throw new AppError(403, 'error.forbidden')
  const report = await requireReport(c)
  if (report.approved_at) throw new AppError(409, 'yearly.error.approved')
  const viewer = c.get('viewer')!
  const reader = readerFor(c, 'yearly_report')
  await commit(c, async (trx, change) => {
    const approvedAt = nowIso()
    const snapshot = await gatherYearlySnapshot(
      trx,
      reader,
      report,
      { name: viewer.name, agencyName: viewer.agencyName },
      approvedAt,
    )
    const { html, sha256 } = sealYearly(snapshot)
    const approved = await approveYearlyReport(trx, report.id, {
      approvedBy: viewer.userId,
      approvedAt,
      data: JSON.stringify(snapshot),
      html,
      sha256,
    })
    if (!approved) throw new AppError(409, 'yearly.error.approved')
    change.audit({
      action: 'yearly.approved',
      objectType: 'yearly_report',
      objectId: report.id,
      details: { year: report.year, sha256 },
    })
  })
  return c.redirect(`/arsrapport/${report.year}`, 303)
})

/** The approved report alone, for printing on A4. */
yearlyRoutes.get('/:year/utskrift', async (c) => {
  const report = await requireReport(c)
  const frozen = snapshotOf(report)
  if (!frozen) throw new AppError(409, 'yearly.error.notApproved')
  readerFor(c, 'yearly_report').log([yearlyRead(report)])
  return render(
    c,
    <YearlyPrintPage year={report.year} html={report.html!} sha256={report.sha256!} />,
  )
})

/** An export of the approved report: read from its record, logged as a read and audited as an export. */
async function approvedExport(
  c: Context<AppEnv>,
  details: Record<string, string>,
): Promise<{ report: YearlyReportRow; frozen: YearlySnapshot }> {
  const report = await requireReport(c)
  const frozen = snapshotOf(report)
  if (!frozen) throw new AppError(409, 'yearly.error.notApproved')
  readerFor(c, 'export').log([yearlyRead(report)])
  await recordEvent(c, {
    action: 'yearly.export',
    objectType: 'yearly_report',
    objectId: report.id,
    details,
  })
  return { report, frozen }
}

yearlyRoutes.get('/:year/pdf', async (c) => {
  const { report, frozen } = await approvedExport(c, { format: 'pdf' })
  const pdf = await yearlyPdf(frozen, report.sha256!)
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="lagesbild-och-atgardsplan-${report.year}.pdf"`,
  })
})

/** The approved report's tables as CSV: the picture, the problems, the plan and last year's plan followed up. */
const csvTables = {
  lagesbild: (s: YearlySnapshot) => [
    [s.labels.team, s.labels.area, s.labels.category, s.labels.entries, s.labels.events],
    ...s.picture.map((r) => [r.team, r.area, r.category, r.entries, r.events]),
  ],
  problem: (s: YearlySnapshot) => [
    [s.labels.team, s.labels.area, s.labels.category, s.labels.cause],
    ...s.problems.map((r) => [r.team, r.area, r.category, r.cause]),
  ],
  atgardsplan: (s: YearlySnapshot) => [
    [s.labels.cause, s.labels.action, s.labels.goal, s.labels.timing, s.labels.agency],
    ...s.plan.map((r) => [r.cause, r.action, r.goal, r.timing, r.agency]),
  ],
  uppfoljning: (s: YearlySnapshot) => [
    [
      s.labels.action,
      s.labels.goal,
      s.labels.agency,
      s.labels.done,
      s.labels.effect,
      s.labels.rating,
      s.labels.note,
    ],
    ...s.followUp.map((r) => [r.action, r.goal, r.agency, r.done, r.effect, r.rating, r.note]),
  ],
} as const

yearlyRoutes.get('/:year/:table{[a-z]+\\.csv}', async (c) => {
  const name = c.req.param('table').replace(/\.csv$/, '')
  if (!Object.hasOwn(csvTables, name)) throw notFound()
  const table = name as keyof typeof csvTables
  const { report, frozen } = await approvedExport(c, { format: 'csv', table })
  return c.body(excelCsv(csvTables[table](frozen)), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${table}-${report.year}.csv"`,
  })
})
