import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ReportPage } from '../../views/reports/report.page'
import { ReportInboxPage, ReportersPage } from '../../views/reports/inbox.page'
import { requireRole, requireTeamAccess, type TeamAccess } from '../access/team-access'
import { commit } from '../changes/commit'
import { isUniqueViolation } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import {
  choice,
  isValidDay,
  readForm,
  requiredText,
  uuid,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam, isUuid } from '../http/params'
import { readerFor } from '../http/reader'
import { render } from '../http/render'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../i18n/format'
import { notifyReportHandled } from '../mail/notifications'
import { checkedForm } from '../personal-data/form-check'
import { meetingForNewEntry } from '../situation/entries/entry-meeting'
import { createEntry } from '../situation/entries/situation-entry.repository'
import {
  readOwnReportIdByKey,
  readOwnReports,
  readReportInbox,
  readReportToHandle,
} from '../situation/read'
import { trends } from '../situation/situation-entry.table'
import { listAreas, listCategories, listMemberships } from '../teams/team.repository'
import { listUsers } from '../users/user.repository'
import { reportScopes } from './report.table'
import {
  createReport,
  endReporterSeat,
  listActiveReporterSeats,
  listReporterSeats,
  markReportHandled,
  seatReporter,
} from './report.repository'

/**
 * Reports from outside the meeting (EST's rapportörer): a reporter's short
 * form and their own reports at /rapportera; the team's inbox, where the
 * reporter's agency (or the coordinator) includes a report in the picture or
 * returns it; and the coordinator's page of reporter seats.
 */
export const reporterRoutes = new Hono<AppEnv>()
export const teamReportRoutes = new Hono<AppEnv>()

const reportSchema = z.object({
  teamId: uuid(),
  areaId: uuid(),
  categoryId: uuid(),
  observedOn: z.string({ error: 'error.required' }).trim().refine(isValidDay, 'error.date'),
  eventCount: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || /^\d{1,5}$/.test(value), 'situation.error.count')
    .transform((value) => (value ? Number(value) : null)),
  trend: choice(trends),
  description: requiredText(500),
  scope: choice(reportScopes),
})

type ReportForms = Record<string, { values: FormValues; errors: FieldErrors }>

async function reportPage(c: Context<AppEnv>, forms: ReportForms = {}, status: 200 | 422 = 200) {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const today = todayInStockholm()
  const seats = await listActiveReporterSeats(db, viewer.userId, today)
  const teams = await Promise.all(
    seats.map(async (seat) => {
      const [areas, categories] = await Promise.all([
        listAreas(db, seat.team_id),
        listCategories(db, seat.team_id),
      ])
      return {
        id: seat.team_id,
        name: seat.team_name,
        areas: areas.filter((a) => a.retired_at === null),
        categories: categories.filter((k) => k.retired_at === null),
        form: forms[seat.team_id] ?? {
          values: {
            teamId: seat.team_id,
            idempotencyKey: crypto.randomUUID(),
            observedOn: today,
            trend: 'unchanged',
            scope: 'own',
          },
          errors: {},
        },
      }
    }),
  )
  const reports = await readOwnReports(readerFor(c, 'reports'))
  return render(
    c,
    <ReportPage
      teams={teams}
      reports={reports}
      today={today}
      sent={c.req.query('skickad') ?? null}
    />,
    status,
  )
}

reporterRoutes.get('/', (c) => reportPage(c))

reporterRoutes.post('/', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const values = await readForm(c)
  const key = values.idempotencyKey ?? ''
  if (!isUuid(key)) throw new AppError(400, 'error.badForm')
  const today = todayInStockholm()
  const seats = await listActiveReporterSeats(db, viewer.userId, today)
  const seat = seats.find((s) => s.team_id === values.teamId)
  if (!seat) throw new AppError(403, 'error.forbidden')
  const reader = readerFor(c, 'reports')
  if (await readOwnReportIdByKey(reader, key)) return c.redirect('/rapportera?skickad=1', 303)
  const again = (errors: FieldErrors) => reportPage(c, { [seat.team_id]: { values, errors } }, 422)
  const form = await checkedForm(c, reportSchema, values, seat.team_id)
  if (!form.ok) return again(form.errors)
  const data = form.data
  const [areas, categories] = await Promise.all([
    listAreas(db, seat.team_id),
    listCategories(db, seat.team_id),
  ])
  if (!areas.some((a) => a.id === data.areaId && a.retired_at === null))
    return again({ areaId: 'error.choice' })
  if (!categories.some((k) => k.id === data.categoryId && k.retired_at === null))
    return again({ categoryId: 'error.choice' })
  if (data.observedOn > today) return again({ observedOn: 'report.error.future' })
  try {
    await commit(c, async (trx, change) => {
      const id = await createReport(trx, {
        ...data,
        teamId: seat.team_id,
        reporterUserId: viewer.userId,
        agencyId: viewer.agencyId,
        idempotencyKey: key,
      })
      change.audit({
        action: 'report.create',
        objectType: 'situation_report',
        objectId: id,
        details: { teamId: seat.team_id, scope: data.scope, categoryId: data.categoryId },
      })
    })
  } catch (error) {
    // The same form sent twice at once: the second finds the first's report.
    if (!isUniqueViolation(error)) throw error
  }
  return c.redirect('/rapportera?skickad=1', 303)
})

// --- the team's inbox

async function inboxAccess(c: Context<AppEnv>): Promise<TeamAccess> {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  requireRole(access, 'readReports')
  return access
}

async function inboxPage(
  c: Context<AppEnv>,
  access: TeamAccess,
  failed?: { reportId: string; values: FormValues; errors: FieldErrors },
) {
  const reports = await readReportInbox(readerFor(c, 'reports'), access)
  return render(
    c,
    <ReportInboxPage
      team={access.team}
      can={access.can}
      reports={reports}
      failed={failed ?? null}
      done={c.req.query('klart') ?? null}
    />,
    failed ? 422 : 200,
  )
}

teamReportRoutes.get('/rapporter', async (c) => inboxPage(c, await inboxAccess(c)))

/** The report to include or return: only for those who see it whole (report-policy.ts). */
async function reportToHandle(c: Context<AppEnv>, access: TeamAccess) {
  const found = await readReportToHandle(readerFor(c, 'reports'), access, idParam(c, 'reportId'))
  if (!found) throw new AppError(403, 'error.forbidden')
  if (found.report.status !== 'submitted') throw new AppError(409, 'report.error.handled')
  return found
}

/** Included: the report becomes an entry of the reporter's agency in the next meeting's picture, and counts like one. */
teamReportRoutes.post('/rapporter/:reportId/ta-med', async (c) => {
  const access = await inboxAccess(c)
  const { stored } = await reportToHandle(c, access)
  const viewer = c.get('viewer')!
  const meeting = await meetingForNewEntry(c.get('deps'), access.team.id)
  try {
    await commit(c, async (trx, change) => {
      const entryId = await createEntry(trx, {
        areaId: stored.area_id,
        categoryId: stored.category_id,
        periodFrom: stored.observed_on,
        periodTo: stored.observed_on,
        week: isoWeekKey(stored.observed_on),
        eventCount: stored.event_count,
        trend: stored.trend,
        description: stored.description,
        ownReference: '',
        scope: stored.scope === 'team' ? 'team' : 'own',
        recipientAgencyIds: [],
        legalBasisId: null,
        teamId: access.team.id,
        meetingId: meeting?.id ?? null,
        sourceAgencyId: stored.agency_id,
        authorUserId: viewer.userId,
        idempotencyKey: `report:${stored.id}`,
      })
      if (
        !(await markReportHandled(trx, stored.id, {
          status: 'included',
          entryId,
          by: viewer.userId,
        }))
      )
        throw new AppError(409, 'report.error.handled')
      change.audit({
        action: 'report.include',
        objectType: 'situation_report',
        objectId: stored.id,
        details: { teamId: access.team.id, entryId },
      })
      await notifyReportHandled(
        trx,
        change,
        {
          reporterUserId: stored.reporter_user_id,
          teamName: access.team.name,
          outcome: 'included',
        },
        c.get('deps').config.publicOrigin,
      )
      change.audit({
        action: 'entry.create',
        objectType: 'situation_entry',
        objectId: entryId,
        details: {
          teamId: access.team.id,
          scope: stored.scope,
          categoryId: stored.category_id,
          reportId: stored.id,
        },
      })
      if (meeting) change.publish(meeting.id, { kind: 'entries', areaIds: [stored.area_id] })
    })
  } catch (error) {
    // Sent twice at once by the same person: the first made the entry.
    if (isUniqueViolation(error)) throw new AppError(409, 'report.error.handled')
    throw error
  }
  return c.redirect(`/team/${access.team.id}/rapporter?klart=included`, 303)
})

const returnSchema = z.object({ reason: requiredText(500) })

teamReportRoutes.post('/rapporter/:reportId/returnera', async (c) => {
  const access = await inboxAccess(c)
  const { stored } = await reportToHandle(c, access)
  const values = await readForm(c)
  const form = await checkedForm(c, returnSchema, values, access.team.id)
  if (!form.ok) return inboxPage(c, access, { reportId: stored.id, values, errors: form.errors })
  const viewer = c.get('viewer')!
  await commit(c, async (trx, change) => {
    if (
      !(await markReportHandled(trx, stored.id, {
        status: 'returned',
        reason: form.data.reason,
        by: viewer.userId,
      }))
    )
      throw new AppError(409, 'report.error.handled')
    change.audit({
      action: 'report.return',
      objectType: 'situation_report',
      objectId: stored.id,
      details: { teamId: access.team.id },
    })
    await notifyReportHandled(
      trx,
      change,
      { reporterUserId: stored.reporter_user_id, teamName: access.team.name, outcome: 'returned' },
      c.get('deps').config.publicOrigin,
    )
  })
  return c.redirect(`/team/${access.team.id}/rapporter?klart=returned`, 303)
})

// --- the reporters' seats

async function seatsAccess(c: Context<AppEnv>): Promise<TeamAccess> {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  requireRole(access, 'manageReporters')
  return access
}

/** Who may be seated: active people of the agencies with a member in the team (their inbox has a reader). */
async function seatCandidates(c: Context<AppEnv>, teamId: string) {
  const { db } = c.get('deps')
  const today = todayInStockholm()
  const [memberships, users, seats] = await Promise.all([
    listMemberships(db, teamId),
    listUsers(db),
    listReporterSeats(db, teamId),
  ])
  const agencies = new Set(
    memberships.filter((m) => m.ends_on === null || m.ends_on >= today).map((m) => m.agency_id),
  )
  const seated = new Set(
    seats.filter((s) => s.ends_on === null || s.ends_on >= today).map((s) => s.user_id),
  )
  const members = new Set(memberships.map((m) => m.user_id))
  const candidates = users.filter(
    (u) =>
      u.status !== 'disabled' &&
      agencies.has(u.agency_id) &&
      !seated.has(u.id) &&
      !members.has(u.id),
  )
  return { seats, candidates, today }
}

async function seatsPage(
  c: Context<AppEnv>,
  access: TeamAccess,
  form: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
) {
  const { seats, candidates, today } = await seatCandidates(c, access.team.id)
  return render(
    c,
    <ReportersPage
      team={access.team}
      seats={seats}
      candidates={candidates}
      today={today}
      form={form}
    />,
    Object.keys(form.errors).length > 0 ? 422 : 200,
  )
}

teamReportRoutes.get('/rapportorer', async (c) => seatsPage(c, await seatsAccess(c)))

teamReportRoutes.post('/rapportorer', async (c) => {
  const access = await seatsAccess(c)
  const form = validateForm(z.object({ userId: uuid() }), await readForm(c))
  if (!form.ok) return seatsPage(c, access, form)
  const { candidates } = await seatCandidates(c, access.team.id)
  const person = candidates.find((u) => u.id === form.data.userId)
  if (!person)
    return seatsPage(c, access, { values: form.values, errors: { userId: 'error.choice' } })
  await commit(c, async (trx, change) => {
    const seatId = await seatReporter(trx, access.team.id, person.id)
    change.audit({
      action: 'reporter.seat',
      objectType: 'team',
      objectId: access.team.id,
      details: { seatId, userId: person.id, agencyId: person.agency_id },
    })
  })
  return c.redirect(`/team/${access.team.id}/rapportorer`, 303)
})

teamReportRoutes.post('/rapportorer/:seatId/avsluta', async (c) => {
  const access = await seatsAccess(c)
  const seatId = idParam(c, 'seatId')
  // Ended at once: its last day was yesterday, so the reporter's form is gone today.
  const yesterday = addDaysToDay(todayInStockholm(), -1)
  await commit(c, async (trx, change) => {
    if (!(await endReporterSeat(trx, access.team.id, seatId, yesterday))) throw notFound()
    change.audit({
      action: 'reporter.end',
      objectType: 'team',
      objectId: access.team.id,
      details: { seatId },
    })
  })
  return c.redirect(`/team/${access.team.id}/rapportorer`, 303)
})
