import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { z } from 'zod'
import { ActionStatusForm } from '../../views/actions/action-parts'
import { ActionPage, ActionsPage } from '../../views/actions/actions.page'
import { mayAddProgressNote, mayFollowUpAction, mayUpdateAction } from '../access/meeting-policy'
import { requireTeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { safeLocalPathWithin } from '../http/local-path'
import { AppError, notFound } from '../http/errors'
import {
  choice,
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { isHtmx } from '../http/htmx'
import { todayInStockholm } from '../i18n/format'
import { listActiveTeamsOfUser } from '../teams/team.repository'
import {
  actionStatuses,
  closeReasons,
  followUpDone,
  followUpEffects,
  isOpenStatus,
} from './action.table'
import {
  addProgressNote,
  findAction,
  findActionRow,
  listActionsOfAgency,
  listProgressNotes,
  recordFollowUp,
  setActionStatus,
  setReviewOutcome,
} from './action.repository'

export const actionRoutes = new Hono<AppEnv>()

const filterSchema = z.object({
  status: z.enum(['open', 'closed', 'all']).catch('open'),
  team: z.string().catch(''),
})

actionRoutes.get('/', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const filter = filterSchema.parse({
    status: c.req.query('status') ?? 'open',
    team: c.req.query('team') ?? '',
  })
  const teams = await listActiveTeamsOfUser(db, viewer.userId, todayInStockholm())
  // Only teams the viewer is in: a tampered team id simply matches nothing.
  const teamId = teams.some((team) => team.id === filter.team) ? filter.team : null
  const actions = await listActionsOfAgency(
    db,
    viewer.agencyId,
    teams.map((team) => team.id),
    { status: filter.status, teamId },
  )
  return render(
    c,
    <ActionsPage
      actions={actions}
      teams={teams}
      filter={{ status: filter.status, teamId }}
      today={todayInStockholm()}
    />,
  )
})

/** The action and the viewer's role in its team; 404 for anyone outside the team. */
async function actionAccess(c: Context<AppEnv>) {
  const { db } = c.get('deps')
  const action = await findAction(db, idParam(c, 'actionId'))
  if (!action) throw notFound()
  const access = await requireTeamAccess(db, c.get('viewer')!, action.team_id)
  const viewerAgencyId = c.get('viewer')!.agencyId
  return {
    action,
    access,
    mayUpdate: mayUpdateAction(access.role, viewerAgencyId, action),
    mayNote: mayAddProgressNote(access.role, viewerAgencyId, action),
    mayFollowUp: mayFollowUpAction(access.role, viewerAgencyId, action),
  }
}

type Forms = {
  status?: { values: FormValues; errors: FieldErrors }
  note?: { values: FormValues; errors: FieldErrors }
  followUp?: { values: FormValues; errors: FieldErrors }
}

async function actionPage(c: Context<AppEnv>, forms: Forms = {}, status: 200 | 422 = 200) {
  const { db } = c.get('deps')
  const { action, access, mayUpdate, mayNote, mayFollowUp } = await actionAccess(c)
  const row = await findActionRow(db, action.id)
  const notes = await listProgressNotes(db, [action.id])
  return render(
    c,
    <ActionPage
      action={row!}
      team={access.team}
      notes={notes}
      can={{ update: mayUpdate, note: mayNote, followUp: mayFollowUp }}
      forms={forms}
      today={todayInStockholm()}
    />,
    status,
  )
}

actionRoutes.get('/:actionId', (c) => actionPage(c))

/** The status form on its own, which the meeting's follow-up loads on demand; without htmx, the action's page has it. */
actionRoutes.get('/:actionId/status', async (c) => {
  const { db } = c.get('deps')
  const { action, mayUpdate } = await actionAccess(c)
  if (!mayUpdate) throw new AppError(403, 'error.forbidden')
  if (!isHtmx(c)) return c.redirect(`/atgarder/${action.id}`, 303)
  const row = await findActionRow(db, action.id)
  return render(
    c,
    <ActionStatusForm
      action={row!}
      back={back({ tillbaka: c.req.query('tillbaka') ?? '' }, `/atgarder/${action.id}`)}
    />,
  )
})

// The status select carries the reason for closing without doing it ("cancelled:moved_elsewhere");
// a separate `reason` field is read too.
const statusSchema = z
  .object({
    status: z.string({ error: 'error.choice' }),
    reason: z.string().optional(),
  })
  .transform(({ status, reason }) => {
    const [value, inlineReason] = status.split(':')
    return { status: value, reason: inlineReason ?? (reason || null) }
  })
  .pipe(
    z
      .object({ status: choice(actionStatuses), reason: z.string().nullable() })
      .refine(
        (value) =>
          value.status !== 'cancelled' ||
          (value.reason !== null && (closeReasons as readonly string[]).includes(value.reason)),
        {
          message: 'actions.error.reasonRequired',
          path: ['status'],
        },
      ),
  )

const back = (values: FormValues, fallback: string) =>
  safeLocalPathWithin(values.tillbaka, ['/moten/', '/atgarder'], fallback)

actionRoutes.post('/:actionId/status', async (c) => {
  const { action, access, mayUpdate } = await actionAccess(c)
  if (!mayUpdate) throw new AppError(403, 'error.forbidden')
  const values = await readForm(c)
  const form = validateForm(statusSchema, values)
  if (!form.ok) return actionPage(c, { status: form }, 422)
  const reason =
    form.data.status === 'cancelled' ? (form.data.reason as (typeof closeReasons)[number]) : null
  await commit(c, async (trx, change) => {
    await setActionStatus(trx, action.id, form.data.status, reason)
    // Came back at a meeting in progress: that meeting's minutes record the outcome.
    const running = await trx
      .selectFrom('action_reviews')
      .innerJoin('meetings', 'meetings.id', 'action_reviews.meeting_id')
      .select('meetings.id')
      .where('action_reviews.action_id', '=', action.id)
      .where('meetings.status', '=', 'open')
      .execute()
    for (const meeting of running)
      await setReviewOutcome(trx, action.id, meeting.id, form.data.status)
    change.audit({
      action: 'action.status',
      objectType: 'action',
      objectId: action.id,
      details: { teamId: access.team.id, from: action.status, to: form.data.status, reason },
    })
    for (const meetingId of new Set([action.meeting_id, ...running.map((m) => m.id)]))
      change.publish(meetingId, { kind: 'action', actionId: action.id })
  })
  return c.redirect(back(values, `/atgarder/${action.id}`), 303)
})

const noteSchema = z.object({ text: requiredText(2000) })

actionRoutes.post('/:actionId/anteckningar', async (c) => {
  const viewer = c.get('viewer')!
  const { action, access, mayNote } = await actionAccess(c)
  if (!mayNote) throw new AppError(403, 'error.forbidden')
  const form = await checkedForm(c, noteSchema, await readForm(c), action.team_id)
  if (!form.ok) return actionPage(c, { note: form }, 422)
  await commit(c, async (trx, change) => {
    const id = await addProgressNote(trx, {
      actionId: action.id,
      agencyId: viewer.agencyId,
      userId: viewer.userId,
      text: form.data.text,
    })
    change.audit({
      action: 'action.note',
      objectType: 'action',
      objectId: action.id,
      details: { teamId: access.team.id, noteId: id },
    })
  })
  return c.redirect(`/atgarder/${action.id}#anteckningar`, 303)
})

const followUpSchema = z.object({
  done: choice(followUpDone),
  effect: choice(followUpEffects),
  reason: requiredText(1000),
})

/** The owner agency's follow-up of a closed action; it then waits for the chair at the next meeting. */
actionRoutes.post('/:actionId/uppfoljning', async (c) => {
  const viewer = c.get('viewer')!
  const { action, access, mayFollowUp } = await actionAccess(c)
  if (!mayFollowUp) throw new AppError(403, 'error.forbidden')
  if (isOpenStatus(action.status)) throw new AppError(409, 'followUp.closedOnly')
  const form = await checkedForm(c, followUpSchema, await readForm(c), action.team_id)
  if (!form.ok) return actionPage(c, { followUp: form }, 422)
  await commit(c, async (trx, change) => {
    await recordFollowUp(trx, action.id, viewer.userId, form.data)
    change.audit({
      action: 'action.follow_up',
      objectType: 'action',
      objectId: action.id,
      details: { teamId: access.team.id, done: form.data.done, effect: form.data.effect },
    })
    // The team's running meetings list follow-ups for their chair to confirm.
    const running = await trx
      .selectFrom('meetings')
      .select('id')
      .where('team_id', '=', action.team_id)
      .where('status', '=', 'open')
      .execute()
    for (const meeting of running) change.publish(meeting.id, { kind: 'meeting' })
  })
  return c.redirect(`/atgarder/${action.id}#uppfoljning`, 303)
})
