import { Hono } from 'hono'
import { commit } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import { NewActionForm } from '../../views/meetings/meeting-record'
import { NewActionPage } from '../../views/meetings/new-action.page'
import { isHtmx } from '../http/htmx'
import { render } from '../http/render'
import { meetingRecordData } from '../meetings/meeting-record-data'
import { z } from 'zod'
import { createAction } from '../actions/action.repository'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { isValidDay, optionalId, optionalText, readForm, requiredText } from '../http/forms'
import { idParam, isUuid } from '../http/params'
import { localDayAndTime, todayInStockholm } from '../i18n/format'
import { findAgendaItem } from '../meetings/meeting.repository'
import { meetingPage, requireMeetingRecorder } from '../meetings/meeting.routes'
import {
  listAreas,
  listCategories,
  listMemberships,
  listTeamAgencies,
} from '../teams/team.repository'
import type { Db } from '../db/connect'
import { readerFor } from '../http/reader'
import { readMeetingEntries } from '../situation/read'
import {
  addDecisionEntries,
  addDecisionProblems,
  createDecision,
  findDecision,
  type ProblemCell,
} from './decision.repository'

export const decisionRoutes = new Hono<AppEnv>()

const decisionSchema = z.object({
  agendaItemId: optionalId(),
  text: requiredText(2000),
  // The problems it answers: cells of the picture as "areaId:categoryId", joined by commas.
  problem: z.string().optional(),
  // Entries of the meeting's picture it names, by id, joined by commas (optional).
  entry: z.string().optional(),
})

/** The cells a decision form names, each an active area and category of the team; null if any is not. */
async function problemCells(
  db: Db,
  teamId: string,
  value: string | undefined,
): Promise<ProblemCell[] | null> {
  const pairs = [...new Set((value ?? '').split(',').filter(Boolean))]
  if (pairs.length === 0) return []
  const [areas, categories] = await Promise.all([listAreas(db, teamId), listCategories(db, teamId)])
  const activeAreas = new Set(areas.filter((a) => a.retired_at === null).map((a) => a.id))
  const activeCategories = new Set(categories.filter((c) => c.retired_at === null).map((c) => c.id))
  const cells = pairs.map((pair) => {
    const [areaId = '', categoryId = ''] = pair.split(':')
    return { areaId, categoryId }
  })
  return cells.every(
    (cell) => activeAreas.has(cell.areaId) && activeCategories.has(cell.categoryId),
  )
    ? cells
    : null
}

decisionRoutes.post('/beslut', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  const form = await checkedForm(
    c,
    decisionSchema,
    await readForm(c, ['problem', 'entry']),
    access.team.id,
  )
  if (!form.ok) return meetingPage(c, access, { decision: form }, 422)
  const problems = await problemCells(db, access.team.id, form.data.problem)
  if (!problems)
    return meetingPage(
      c,
      access,
      { decision: { values: form.values, errors: { problem: 'error.choice' } } },
      422,
    )
  // Only entries of this meeting's picture that the recorder sees (the read door says which).
  const entryIds = [...new Set((form.data.entry ?? '').split(',').filter(Boolean))]
  if (entryIds.length > 0) {
    const seen = new Set(
      (await readMeetingEntries(readerFor(c, 'meeting'), access)).map((entry) => entry.id),
    )
    if (!entryIds.every((id) => seen.has(id)))
      return meetingPage(
        c,
        access,
        { decision: { values: form.values, errors: { entry: 'error.choice' } } },
        422,
      )
  }
  if (
    form.data.agendaItemId &&
    !(await findAgendaItem(db, access.meeting.id, form.data.agendaItemId))
  ) {
    return meetingPage(
      c,
      access,
      { decision: { values: form.values, errors: { agendaItemId: 'error.choice' } } },
      422,
    )
  }
  await commit(c, async (trx, change) => {
    const id = await createDecision(trx, {
      meetingId: access.meeting.id,
      agendaItemId: form.data.agendaItemId,
      text: form.data.text,
      createdBy: c.get('viewer')!.userId,
    })
    await addDecisionProblems(trx, id, problems)
    await addDecisionEntries(trx, id, entryIds)
    change.audit({
      action: 'decision.create',
      objectType: 'decision',
      objectId: id,
      details: {
        meetingId: access.meeting.id,
        teamId: access.team.id,
        problems: problems.length,
        entries: entryIds.length,
      },
    })
    change.publish(access.meeting.id, { kind: 'decision', decisionId: id, added: true })
  })
  return c.redirect(`/moten/${access.meeting.id}#beslut`, 303)
})

const actionSchema = z.object({
  text: requiredText(1000),
  goal: optionalText(500),
  ownerAgencyId: z.string({ error: 'error.choice' }).refine(isUuid, 'error.choice'),
  ownerUserId: optionalId(),
  areaId: optionalId(),
  dueOn: z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .refine(isValidDay, 'error.date'),
})

decisionRoutes.get('/beslut/:decisionId/atgarder/ny', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  const decision = await findDecision(db, access.meeting.id, idParam(c, 'decisionId'))
  if (!decision) throw notFound()
  const record = await meetingRecordData(db, access, c.get('viewer')!)
  const form = (
    <NewActionForm
      meetingId={access.meeting.id}
      decisionId={decision.id}
      record={record}
      state={null}
    />
  )
  if (isHtmx(c)) return render(c, form)
  return render(c, <NewActionPage access={access} decisionText={decision.text} form={form} />)
})

decisionRoutes.post('/beslut/:decisionId/atgarder', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  const decision = await findDecision(db, access.meeting.id, idParam(c, 'decisionId'))
  if (!decision) throw notFound()
  const form = await checkedForm(c, actionSchema, await readForm(c), access.team.id)
  const failed = (
    errors: Record<
      string,
      'error.choice' | 'actions.error.dueBeforeMeeting' | 'actions.error.ownerUserNotInAgency'
    >,
  ) =>
    meetingPage(
      c,
      access,
      { action: { decisionId: decision.id, values: form.values, errors } },
      422,
    )
  if (!form.ok)
    return meetingPage(
      c,
      access,
      { action: { decisionId: decision.id, values: form.values, errors: form.errors } },
      422,
    )
  const data = form.data
  const agencies = await listTeamAgencies(db, access.team.id, todayInStockholm())
  if (!agencies.some((agency) => agency.id === data.ownerAgencyId))
    return failed({ ownerAgencyId: 'error.choice' })
  if (data.dueOn < localDayAndTime(access.meeting.starts_at).day)
    return failed({ dueOn: 'actions.error.dueBeforeMeeting' })
  if (
    data.areaId &&
    !(await listAreas(db, access.team.id)).some(
      (area) => area.id === data.areaId && area.retired_at === null,
    )
  )
    return failed({ areaId: 'error.choice' })
  if (data.ownerUserId) {
    const members = await listMemberships(db, access.team.id)
    const owner = members.find((m) => m.user_id === data.ownerUserId)
    if (owner?.agency_id !== data.ownerAgencyId)
      return failed({ ownerUserId: 'actions.error.ownerUserNotInAgency' })
  }
  await commit(c, async (trx, change) => {
    const id = await createAction(trx, {
      teamId: access.team.id,
      meetingId: access.meeting.id,
      decisionId: decision.id,
      ...data,
      goal: data.goal || null,
    })
    change.audit({
      action: 'action.create',
      objectType: 'action',
      objectId: id,
      details: {
        meetingId: access.meeting.id,
        teamId: access.team.id,
        ownerAgencyId: data.ownerAgencyId,
        dueOn: data.dueOn,
      },
    })
    change.publish(access.meeting.id, { kind: 'decision', decisionId: decision.id, added: false })
  })
  return c.redirect(`/moten/${access.meeting.id}#beslut`, 303)
})
