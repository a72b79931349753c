import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { z } from 'zod'
import { AnalysesPage, AnalysisPage } from '../../views/analysis/analysis.page'
import { requireTeamAccess, type TeamAccess } from '../access/team-access'
import {
  analysisPeriods,
  type AnalysisPeriod,
  type AnalysisRow,
} from '../assessments/assessment.table'
import type { AppEnv } from '../http/app-env'
import { readerFor } from '../http/reader'
import { AppError, notFound } from '../http/errors'
import { readForm, requiredText, type FieldErrors, type FormValues } from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { checkedForm } from '../personal-data/form-check'
import { listAreas, listCategories } from '../teams/team.repository'
import { analysisData } from './analysis-data'
import {
  approveAnalysis,
  createAnalysis,
  findAnalysis,
  listAnalyses,
  updateAnalysis,
} from './analysis.repository'
import { periodContaining, periodOf, periodsInYear, type Period } from './period'

export const analysisRoutes = new Hono<AppEnv>()
export const teamAnalysisRoutes = new Hono<AppEnv>()

const periodQuery = z.object({
  period: z.enum(analysisPeriods).optional(),
  ar: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .refine((year) => year >= 2000 && year <= 2100)
    .optional(),
  nr: z.string().regex(/^\d$/).transform(Number).optional(),
})

/** The period asked for in the query (default: the quarter we are in); 400 for anything else. */
function periodFrom(values: Record<string, string | undefined>): Period {
  const parsed = periodQuery.safeParse(values)
  if (!parsed.success) throw new AppError(400, 'analysis.error.period')
  const kind: AnalysisPeriod = parsed.data.period ?? 'quarter'
  const current = periodContaining(kind, todayInStockholm())
  const year = parsed.data.ar ?? current.year
  const number = kind === 'year' ? 1 : (parsed.data.nr ?? current.number)
  if (number < 1 || number > periodsInYear(kind)) throw new AppError(400, 'analysis.error.period')
  return periodOf(kind, year, number)
}

const textSchema = z.object({ conclusions: requiredText(4000), priorities: requiredText(4000) })

async function analysisView(
  c: Context<AppEnv>,
  access: TeamAccess,
  period: Period,
  saved: AnalysisRow | null,
  form: { values: FormValues; errors: FieldErrors } | null,
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  const [areas, categories, analyses] = await Promise.all([
    listAreas(db, access.team.id),
    listCategories(db, access.team.id),
    listAnalyses(db, access.team.id),
  ])
  const data = await analysisData(readerFor(c, 'analysis'), access, period, areas, categories)
  const draft =
    saved ??
    analyses.find(
      (a) =>
        a.period_kind === period.kind && a.period_from === period.from && a.approved_at === null,
    ) ??
    null
  return render(
    c,
    <AnalysisPage
      team={access.team}
      can={access.can}
      data={data}
      analysis={draft}
      approved={analyses.filter(
        (a) =>
          a.period_kind === period.kind && a.period_from === period.from && a.approved_at !== null,
      )}
      form={form}
    />,
    status,
  )
}

teamAnalysisRoutes.get('/analys', async (c) => {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  return analysisView(c, access, periodFrom(c.req.query()), null, null)
})

teamAnalysisRoutes.get('/analyser', async (c) => {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  return render(
    c,
    <AnalysesPage
      team={access.team}
      analyses={await listAnalyses(c.get('deps').db, access.team.id)}
    />,
  )
})

/** The coordinator saves the period's conclusions and priorities as a draft for the chair to approve. */
teamAnalysisRoutes.post('/analyser', async (c) => {
  const { db } = c.get('deps')
  const access = await requireTeamAccess(db, c.get('viewer')!, idParam(c, 'teamId'))
  if (!access.can.writeAnalysis) throw new AppError(403, 'error.forbidden')
  const values = await readForm(c)
  const period = periodFrom({ period: values.period, ar: values.ar, nr: values.nr })
  const form = await checkedForm(c, textSchema, values, access.team.id)
  if (!form.ok) return analysisView(c, access, period, null, form, 422)
  const id = await commit(c, async (trx, change) => {
    const id = await createAnalysis(trx, access.team.id, period, form.data, c.get('viewer')!.userId)
    change.audit({
      action: 'analysis.create',
      objectType: 'analysis',
      objectId: id,
      details: { teamId: access.team.id, period: period.kind, from: period.from },
    })
    return id
  })
  return c.redirect(`/analyser/${id}`, 303)
})

async function analysisFor(c: Context<AppEnv>) {
  const { db } = c.get('deps')
  const analysis = await findAnalysis(db, idParam(c, 'analysisId'))
  if (!analysis) throw notFound()
  const access = await requireTeamAccess(db, c.get('viewer')!, analysis.team_id)
  const [year, month] = analysis.period_from.split('-').map(Number) as [number, number]
  const months = { quarter: 3, tertial: 4, year: 12 }[analysis.period_kind]
  return {
    analysis,
    access,
    period: periodOf(analysis.period_kind, year, Math.floor((month - 1) / months) + 1),
  }
}

analysisRoutes.get('/:analysisId', async (c) => {
  const { analysis, access, period } = await analysisFor(c)
  return analysisView(c, access, period, analysis, null)
})

analysisRoutes.post('/:analysisId', async (c) => {
  const { analysis, access, period } = await analysisFor(c)
  if (!access.can.writeAnalysis) throw new AppError(403, 'error.forbidden')
  if (analysis.approved_at) throw new AppError(409, 'analysis.error.frozen')
  const values = await readForm(c)
  const form = await checkedForm(c, textSchema, values, access.team.id)
  if (!form.ok) return analysisView(c, access, period, analysis, form, 422)
  await commit(c, async (trx, change) => {
    if (!(await updateAnalysis(trx, analysis.id, form.data)))
      throw new AppError(409, 'analysis.error.frozen')
    change.audit({
      action: 'analysis.update',
      objectType: 'analysis',
      objectId: analysis.id,
      details: { teamId: access.team.id },
    })
  })
  return c.redirect(`/analyser/${analysis.id}`, 303)
})

/** The chair approves: the analysis is frozen and listed. */
analysisRoutes.post('/:analysisId/godkann', async (c) => {
  const { analysis, access } = await analysisFor(c)
  if (!access.can.approveAnalysis) throw new AppError(403, 'error.forbidden')
  await readForm(c)
  await commit(c, async (trx, change) => {
    if (!(await approveAnalysis(trx, analysis.id, c.get('viewer')!.userId)))
      throw new AppError(409, 'analysis.error.frozen')
    change.audit({
      action: 'analysis.approve',
      objectType: 'analysis',
      objectId: analysis.id,
      details: { teamId: access.team.id },
    })
  })
  return c.redirect(`/analyser/${analysis.id}`, 303)
})
