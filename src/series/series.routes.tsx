import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { SeriesFormPage, TeamMeetingsPage } from '../../views/meetings/team-meetings.page'
import { requireRole, requireTeamAccess, type TeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { readForm, type FieldErrors, type FormValues } from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { agendaTemplates } from '../agenda/agenda-templates'
import {
  cadenceFromChoice,
  choiceFromCadence,
  seriesSchema,
  seriesUpdateSchema,
} from '../meetings/meeting-forms'
import {
  createSeries,
  findSeries,
  listMeetingsOfTeam,
  listSeries,
  updateSeries,
  type SeriesInput,
} from '../meetings/meeting.repository'
import type { MeetingSeriesRow } from '../meetings/meeting.table'
import { applySeriesChange, ensureUpcomingMeetings } from './series.service'
import { mayViewMeeting } from '../access/meeting-policy'
import { checkedForm } from '../personal-data/form-check'

export const seriesRoutes = new Hono<AppEnv>()

const teamAccess = (c: Context<AppEnv>) =>
  requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))

seriesRoutes.get('/moten', async (c) => {
  const { db } = c.get('deps')
  const access = await teamAccess(c)
  const [series, meetings] = await Promise.all([
    listSeries(db, access.team.id),
    listMeetingsOfTeam(db, access.team.id),
  ])
  return render(
    c,
    <TeamMeetingsPage
      access={access}
      series={series}
      meetings={meetings.filter((m) => mayViewMeeting(access.role, m))}
    />,
  )
})

const seriesFormPage = (
  c: Context<AppEnv>,
  access: TeamAccess,
  series: MeetingSeriesRow | null,
  values: FormValues,
  errors: FieldErrors,
  status: 200 | 422 = 200,
) =>
  render(
    c,
    <SeriesFormPage team={access.team} series={series} values={values} errors={errors} />,
    status,
  )

seriesRoutes.get('/moten/serier/ny', async (c) => {
  const access = await teamAccess(c)
  requireRole(access, 'manageSeries')
  const values = {
    title: access.team.name,
    cadence: access.team.kind === 'vbe' ? 'w2' : 'w1',
    weekday: '2',
    startTime: '09:00',
    durationMinutes: '60',
    firstDay: todayInStockholm(),
    agendaTemplate: access.team.kind === 'vbe' ? 'vbe' : 'est',
  }
  return seriesFormPage(c, access, null, values, {})
})

function seriesInput(
  data: {
    title: string
    cadence: Parameters<typeof cadenceFromChoice>[0]
    weekday: number
    startTime: string
    durationMinutes: number
    firstDay: string
    location: string
    videoLink: string
  },
  template: SeriesInput['agendaTemplate'],
): SeriesInput {
  return { ...data, ...cadenceFromChoice(data.cadence), agendaTemplate: template }
}

seriesRoutes.post('/moten/serier', async (c) => {
  const access = await teamAccess(c)
  requireRole(access, 'manageSeries')
  const form = await checkedForm(c, seriesSchema, await readForm(c), access.team.id)
  if (!form.ok) return seriesFormPage(c, access, null, form.values, form.errors, 422)
  const input = seriesInput(form.data, agendaTemplates[form.data.agendaTemplate])
  const id = await commit(c, async (trx, change) => {
    const id = await createSeries(trx, access.team.id, input)
    const created = await ensureUpcomingMeetings(trx, (await findSeries(trx, access.team.id, id))!)
    change.audit({
      action: 'series.create',
      objectType: 'meeting_series',
      objectId: id,
      details: { teamId: access.team.id, meetingsCreated: created },
    })
    return id
  })
  return c.redirect(`/team/${access.team.id}/moten?serie=${id}`, 303)
})

async function requireSeries(c: Context<AppEnv>) {
  const access = await teamAccess(c)
  requireRole(access, 'manageSeries')
  const series = await findSeries(c.get('deps').db, access.team.id, idParam(c, 'seriesId'))
  if (!series) throw notFound()
  return { access, series }
}

seriesRoutes.get('/moten/serier/:seriesId', async (c) => {
  const { access, series } = await requireSeries(c)
  const values = {
    title: series.title,
    cadence: choiceFromCadence(series),
    weekday: String(series.weekday),
    startTime: series.start_time,
    durationMinutes: String(series.duration_minutes),
    firstDay: series.first_day,
    location: series.location,
    videoLink: series.video_link,
  }
  return seriesFormPage(c, access, series, values, {})
})

seriesRoutes.post('/moten/serier/:seriesId', async (c) => {
  const { access, series } = await requireSeries(c)
  const form = await checkedForm(c, seriesUpdateSchema, await readForm(c), access.team.id)
  if (!form.ok) return seriesFormPage(c, access, series, form.values, form.errors, 422)
  await commit(c, async (trx, change) => {
    await updateSeries(trx, series.id, seriesInput(form.data, JSON.parse(series.agenda_template)))
    await applySeriesChange(trx, (await findSeries(trx, access.team.id, series.id))!)
    change.audit({
      action: 'series.update',
      objectType: 'meeting_series',
      objectId: series.id,
      details: { teamId: access.team.id },
    })
  })
  return c.redirect(`/team/${access.team.id}/moten?serie=${series.id}`, 303)
})
