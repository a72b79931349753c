import { Hono } from 'hono'
import { commit } from '../changes/commit'
import { z } from 'zod'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { choice, readForm, requiredText } from '../http/forms'
import { idParam } from '../http/params'
import { isoWeekKey, localDayAndTime } from '../i18n/format'
import { meetingPage, requireMeetingRecorder } from '../meetings/meeting.routes'
import { checkedForm } from '../personal-data/form-check'
import { trends } from '../situation/situation-entry.table'
import { listAreas } from '../teams/team.repository'
import {
  listAssessmentsOfMeeting,
  previousAssessments,
  saveAssessment,
} from './assessment.repository'
import { parseScale } from './scale'

export const assessmentRoutes = new Hono<AppEnv>()

const assessmentSchema = (steps: number) =>
  z.object({
    level: z
      .string({ error: 'error.choice' })
      .regex(/^\d$/, 'error.choice')
      .transform(Number)
      .refine((level) => level < steps, 'error.choice'),
    trend: choice(trends),
    justification: requiredText(300),
  })

/** The chair (or the coordinator) sets one area's level, trend and justification for this meeting. */
assessmentRoutes.post('/bedomningar/:areaId', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  const areaId = idParam(c, 'areaId')
  const area = (await listAreas(db, access.team.id)).find(
    (a) => a.id === areaId && a.retired_at === null,
  )
  if (!area) throw notFound()
  const form = await checkedForm(
    c,
    assessmentSchema(parseScale(access.team.assessment_scale).length),
    await readForm(c),
    access.team.id,
  )
  if (!form.ok)
    return meetingPage(
      c,
      access,
      { assessment: { areaId, values: form.values, errors: form.errors } },
      422,
    )
  await commit(c, async (trx, change) => {
    const id = await saveAssessment(
      trx,
      {
        teamId: access.team.id,
        meetingId: access.meeting.id,
        areaId,
        week: isoWeekKey(localDayAndTime(access.meeting.starts_at).day),
        setBy: c.get('viewer')!.userId,
      },
      form.data,
    )
    change.audit({
      action: 'assessment.set',
      objectType: 'area_assessment',
      objectId: id,
      details: {
        teamId: access.team.id,
        meetingId: access.meeting.id,
        areaId,
        level: form.data.level,
      },
    })
    change.publish(access.meeting.id, { kind: 'assessments', areaIds: [areaId] })
  })
  return c.redirect(`/moten/${access.meeting.id}#bedomning-${areaId}`, 303)
})

/** Every area not yet assessed in this meeting keeps its previous level, confirmed as unchanged, in one action. */
assessmentRoutes.post('/bedomningar', async (c) => {
  const { db } = c.get('deps')
  const access = await requireMeetingRecorder(c)
  await readForm(c)
  const [areas, current, previous] = await Promise.all([
    listAreas(db, access.team.id),
    listAssessmentsOfMeeting(db, access.meeting.id),
    previousAssessments(db, access.team.id, access.meeting.starts_at),
  ])
  const assessed = new Set(current.map((a) => a.area_id))
  const week = isoWeekKey(localDayAndTime(access.meeting.starts_at).day)
  const confirmed = areas.filter(
    (area) => area.retired_at === null && !assessed.has(area.id) && previous.has(area.id),
  )
  await commit(c, async (trx, change) => {
    for (const area of confirmed) {
      const before = previous.get(area.id)!
      await saveAssessment(
        trx,
        {
          teamId: access.team.id,
          meetingId: access.meeting.id,
          areaId: area.id,
          week,
          setBy: c.get('viewer')!.userId,
        },
        { level: before.level, trend: 'unchanged', justification: before.justification },
      )
    }
    change.audit({
      action: 'assessment.confirm',
      objectType: 'meeting',
      objectId: access.meeting.id,
      details: { teamId: access.team.id, areas: confirmed.length },
    })
    change.publish(access.meeting.id, { kind: 'assessments', areaIds: null })
  })
  return c.redirect(`/moten/${access.meeting.id}#bedomning`, 303)
})
