import { Hono, type Context } from 'hono'
import { RetentionPage, RetentionRunPage } from '../../views/admin/retention.page'
import { commit } from '../changes/commit'
import { newId } from '../db/ids'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { readForm, type FieldErrors, type FormValues } from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { runRetention } from '../retention/retention'
import { findRetentionRun, listRetentionRuns, teamNames } from '../retention/retention-runs'
import {
  loadRetentionSettings,
  removeTeamRetention,
  saveRetentionSetting,
} from '../retention/retention-settings'
import {
  retentionKindNames,
  retentionKinds,
  type RetentionKind,
} from '../retention/retention.table'
import { findTeam, listTeams } from '../teams/team.repository'
import { doneMessage } from './done-message'

/** /admin/gallring: retention periods, a run now or a dry run, and every run's report. */
export const retentionAdminRoutes = new Hono<AppEnv>()

type Form = { values: FormValues; errors: FieldErrors }
const blank: Form = { values: {}, errors: {} }

async function retentionPage(
  c: Context<AppEnv>,
  form = blank,
  teamForm = blank,
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  const [settings, runs, teams] = await Promise.all([
    loadRetentionSettings(db),
    listRetentionRuns(db),
    listTeams(db),
  ])
  return render(
    c,
    <RetentionPage
      settings={settings}
      teams={teams}
      runs={runs}
      form={form}
      teamForm={teamForm}
      done={doneMessage(c)}
    />,
    status,
  )
}

/** A period in whole months, 0–240, or empty for "kept"; undefined when it is neither. */
function parseMonths(value: string | undefined): number | null | undefined {
  const text = (value ?? '').trim()
  if (text === '') return null
  if (!/^\d{1,3}$/.test(text)) return undefined
  const months = Number(text)
  return months <= 240 ? months : undefined
}

retentionAdminRoutes.get('/', (c) => retentionPage(c))

retentionAdminRoutes.post('/perioder', async (c) => {
  const values = await readForm(c)
  const errors: FieldErrors = {}
  const periods = new Map<RetentionKind, number | null>()
  for (const kind of retentionKindNames) {
    const months = parseMonths(values[`months-${kind}`])
    if (months === undefined) errors[`months-${kind}`] = 'retention.error.months'
    else periods.set(kind, months)
  }
  if (Object.keys(errors).length > 0) return retentionPage(c, { values, errors }, blank, 422)
  await commit(c, async (trx, change) => {
    for (const [kind, months] of periods) await saveRetentionSetting(trx, kind, '', months)
    change.audit({
      action: 'retention.settings',
      objectType: 'retention_settings',
      details: Object.fromEntries(periods),
    })
  })
  return c.redirect('/admin/gallring?klart=saved', 303)
})

retentionAdminRoutes.post('/team', async (c) => {
  const { db } = c.get('deps')
  const values = await readForm(c)
  const errors: FieldErrors = {}
  const team = values.teamId ? await findTeam(db, values.teamId) : null
  if (!team) errors.teamId = 'error.choice'
  const kind = values.kind as RetentionKind
  if (!(kind in retentionKinds) || !retentionKinds[kind].perTeam) errors.kind = 'error.choice'
  const months = parseMonths(values.months)
  if (months === undefined) errors.months = 'retention.error.months'
  if (Object.keys(errors).length > 0 || !team || months === undefined)
    return retentionPage(c, blank, { values, errors }, 422)
  await commit(c, async (trx, change) => {
    await saveRetentionSetting(trx, kind, team.id, months)
    change.audit({
      action: 'retention.team_setting',
      objectType: 'team',
      objectId: team.id,
      details: { kind, months },
    })
  })
  return c.redirect('/admin/gallring?klart=saved', 303)
})

retentionAdminRoutes.post('/team/ta-bort', async (c) => {
  const values = await readForm(c)
  const kind = values.kind as RetentionKind
  if (!values.teamId || !(kind in retentionKinds)) throw notFound()
  await commit(c, async (trx, change) => {
    await removeTeamRetention(trx, kind, values.teamId!)
    change.audit({
      action: 'retention.team_setting',
      objectType: 'team',
      objectId: values.teamId!,
      details: { kind, months: 'installation' },
    })
  })
  return c.redirect('/admin/gallring?klart=saved', 303)
})

/** Starts a run (or a dry run) and shows its report at once; a long run goes on after the answer. */
for (const [path, dryRun] of [
  ['/kor', false],
  ['/prova', true],
] as const) {
  retentionAdminRoutes.post(path, async (c) => {
    const deps = c.get('deps')
    const viewer = c.get('viewer')!
    const runId = newId()
    const run = runRetention(
      {
        db: deps.db,
        kind: deps.config.database.kind,
        sessionIdleMs: deps.config.sessions.idleMs,
        live: deps.live,
        groupCommit: deps.groupCommit,
      },
      { dryRun, runId, actor: { userId: viewer.userId, agencyId: viewer.agencyId } },
    ).catch((error) => deps.logger.error('gallring failed', { error: String(error) }))
    // Waits a moment, so that a short run's report is complete when the page shows it.
    const first = await Promise.race([run, new Promise((resolve) => setTimeout(resolve, 2000))])
    if (first && typeof first === 'object' && 'outcome' in first && first.outcome === 'skipped')
      throw new AppError(409, 'retention.error.running')
    return c.redirect(`/admin/gallring/korningar/${runId}`, 303)
  })
}

retentionAdminRoutes.get('/korningar/:runId', async (c) => {
  const { db } = c.get('deps')
  const run = await findRetentionRun(db, idParam(c, 'runId'))
  if (!run) throw notFound()
  return render(c, <RetentionRunPage run={run} teams={await teamNames(db)} />)
})
