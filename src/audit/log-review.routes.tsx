import { Hono, type Context } from 'hono'
import { commit, recordEvent } from '../changes/commit'
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
import { z } from 'zod'
import { AgencyReadsPage, RegisterPage, SamplePage } from '../../views/review/log-review.pages'
import { mayReviewAgencyLogs } from '../access/installation-policy'
import { newId, nowIso } from '../db/ids'
import type { AppEnv } from '../http/app-env'
import { AppError } from '../http/errors'
import { readForm, requiredText, type FieldErrors, type FormValues } from '../http/forms'
import { render } from '../http/render'
import { addDaysToDay, formatDateTime, todayInStockholm } from '../i18n/format'
import { excelCsv } from '../http/csv'
import { listDisclosuresOfAgency } from '../situation/entries/disclosure.repository'
import { checkedForm } from '../personal-data/form-check'
import { describeEntriesForReview } from '../situation/read'
import { sampleStaffReads, searchAccessLog, type AgencyScope } from './review.repository'

/**
 * /loggkontroll: a log reviewer's review of their own agency's reads (IMY's
 * loggkontroll) — who in the agency read what, and which agencies read the
 * agency's entries, across all teams; a random sample for systematic review,
 * and a record of each review done. No content, as for the auditor.
 */
export const logReviewRoutes = new Hono<AppEnv>()

logReviewRoutes.use('*', requireInstallationRole(mayReviewAgencyLogs))

const filterSchema = z
  .object({
    person: optional(id),
    team: optional(id),
    fran: optional(day),
    till: optional(day),
    sida: optional(pageNumber),
  })
  .refine(periodInOrder, periodError)

async function readsPage(c: Context<AppEnv>, side: AgencyScope['side']) {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const values = queryValues(c)
  const parsed = filterSchema.safeParse(values)
  const people = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('agency_id', '=', viewer.agencyId)
    .orderBy('name')
    .execute()
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute()
  const page = {
    side,
    form: { values, errors: parsed.success ? {} : errorsOf(parsed.error.issues) },
    options: { people, teams },
  }
  if (!parsed.success)
    return render(
      c,
      <AgencyReadsPage {...page} rows={[]} labels={new Map()} page={1} more={false} />,
      400,
    )
  const f = parsed.data
  const filter = {
    userId: f.person ?? null,
    agencyId: null,
    teamId: f.team ?? null,
    objectId: null,
    from: f.fran ?? null,
    to: f.till ?? null,
  }
  const { rows, more } = await searchAccessLog(db, filter, f.sida ?? 1, {
    agencyId: viewer.agencyId,
    side,
  })
  const labels = await describeEntriesForReview(
    db,
    rows.filter((row) => row.object_type === 'situation_entry').map((row) => row.object_id),
  )
  return render(
    c,
    <AgencyReadsPage {...page} rows={rows} labels={labels} page={f.sida ?? 1} more={more} />,
  )
}

logReviewRoutes.get('/', (c) => readsPage(c, 'staff'))
logReviewRoutes.get('/vara-poster', (c) => readsPage(c, 'entries'))

const sampleSchema = z
  .object({
    fran: day,
    till: day,
    antal: z.coerce
      .number({ error: 'logReview.error.size' })
      .int('logReview.error.size')
      .min(1, 'logReview.error.size')
      .max(200, 'logReview.error.size'),
  })
  .refine(periodInOrder, periodError)

async function samplePage(
  c: Context<AppEnv>,
  values: FormValues,
  record: { values: FormValues; errors: FieldErrors } | null,
  status: 200 | 400 | 422 = 200,
  done = false,
) {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const reviews = await db
    .selectFrom('log_reviews')
    .innerJoin('users', 'users.id', 'log_reviews.reviewer_user_id')
    .select([
      'log_reviews.id',
      'log_reviews.period_from',
      'log_reviews.period_to',
      'log_reviews.reads_sampled',
      'log_reviews.note',
      'log_reviews.created_at',
      'users.name as reviewer_name',
    ])
    .where('log_reviews.agency_id', '=', viewer.agencyId)
    .orderBy('log_reviews.created_at', 'desc')
    .limit(20)
    .execute()
  const parsed = sampleSchema.safeParse(values)
  const form = {
    values,
    errors: parsed.success || values.fran === undefined ? {} : errorsOf(parsed.error.issues),
  }
  if (!parsed.success)
    return render(
      c,
      <SamplePage
        form={form}
        rows={null}
        labels={new Map()}
        reviews={reviews}
        record={record}
        done={done}
      />,
      values.fran === undefined ? 200 : 400,
    )
  const rows = await sampleStaffReads(
    db,
    viewer.agencyId,
    parsed.data.fran,
    parsed.data.till,
    parsed.data.antal,
  )
  const labels = await describeEntriesForReview(
    db,
    rows.filter((row) => row.object_type === 'situation_entry').map((row) => row.object_id),
  )
  return render(
    c,
    <SamplePage
      form={form}
      rows={rows}
      labels={labels}
      reviews={reviews}
      record={record}
      done={done}
    />,
    status,
  )
}

/** A random sample of the agency's staff reads in a period (default the last 30 days, 20 reads). */
logReviewRoutes.get('/stickprov', (c) => {
  const { klar, ...values } = queryValues(c)
  const today = todayInStockholm()
  return samplePage(
    c,
    Object.keys(values).length
      ? values
      : { fran: addDaysToDay(today, -30), till: today, antal: '20' },
    null,
    200,
    klar === '1',
  )
})

const reviewSchema = z
  .object({
    fran: day,
    till: day,
    antal: z.coerce
      .number({ error: 'logReview.error.size' })
      .int()
      .min(0)
      .max(200, 'logReview.error.size'),
    note: requiredText(2000),
  })
  .refine(periodInOrder, periodError)

/** Records a review as done, with a note (checked for personal data), audited in the same transaction. */
logReviewRoutes.post('/granskningar', async (c) => {
  const viewer = c.get('viewer')!
  const values = await readForm(c)
  const form = await checkedForm(c, reviewSchema, values, null)
  const sampleValues = {
    fran: values.fran ?? '',
    till: values.till ?? '',
    antal: values.antal ?? '',
  }
  if (!form.ok)
    return samplePage(c, sampleValues, { values: form.values, errors: form.errors }, 422)
  const id = newId()
  await commit(c, async (trx, change) => {
    await trx
      .insertInto('log_reviews')
      .values({
        id,
        agency_id: viewer.agencyId,
        reviewer_user_id: viewer.userId,
        period_from: form.data.fran,
        period_to: form.data.till,
        reads_sampled: form.data.antal,
        note: form.data.note,
        created_at: nowIso(),
      })
      .execute()
    change.audit({
      action: 'log_review.done',
      objectType: 'log_review',
      objectId: id,
      details: {
        agencyId: viewer.agencyId,
        from: form.data.fran,
        to: form.data.till,
        sampled: form.data.antal,
      },
    })
  })
  return c.redirect('/loggkontroll/stickprov?klar=1', 303)
})

const registerSchema = z
  .object({
    team: optional(id),
    fran: optional(day),
    till: optional(day),
  })
  .refine(periodInOrder, periodError)

/** The agency's disclosure register across every team: what it shared and received, on which basis. */
async function registerRows(c: Context<AppEnv>) {
  const { db } = c.get('deps')
  const values = queryValues(c)
  const parsed = registerSchema.safeParse(values)
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute()
  if (!parsed.success) return { values, teams, errors: errorsOf(parsed.error.issues), rows: null }
  const f = parsed.data
  const teamIds = f.team ? [f.team] : teams.map((team) => team.id)
  const rows = await listDisclosuresOfAgency(db, c.get('viewer')!.agencyId, teamIds, 1000, {
    from: f.fran ?? null,
    to: f.till ?? null,
  })
  return { values, teams, errors: {}, rows }
}

logReviewRoutes.get('/utlamnanden', async (c) => {
  const { values, teams, errors, rows } = await registerRows(c)
  return render(
    c,
    <RegisterPage form={{ values, errors }} teams={teams} rows={rows ?? []} />,
    rows ? 200 : 400,
  )
})

/** The register as CSV for Excel (UTF-8 with BOM, semicolons, formula-safe); the export is audited. */
logReviewRoutes.get('/utlamnanden.csv', async (c) => {
  const { rows } = await registerRows(c)
  if (!rows) throw new AppError(400, 'review.error.filter')
  const t = c.get('t')
  const lines = [
    [
      t('disclosures.when'),
      t('disclosures.direction'),
      t('disclosures.team'),
      t('situation.category'),
      t('disclosures.from'),
      t('disclosures.to'),
      t('situation.legalBasis'),
      t('review.objectId'),
    ],
    ...rows.map((row) => [
      formatDateTime(row.createdAt, c.get('locale')),
      t(row.direction === 'sent' ? 'disclosures.sent' : 'disclosures.received'),
      row.teamName,
      row.categoryName,
      row.fromAgencyName,
      row.toAgencyNames.join(', '),
      `${row.basisTitle} (${row.basisReference})`,
      row.entryId ?? t('disclosures.entryRemoved'),
    ]),
  ]
  await recordEvent(c, {
    action: 'log_review.export_disclosures',
    objectType: 'agency',
    objectId: c.get('viewer')!.agencyId,
    details: { rows: rows.length },
  })
  return c.body(excelCsv(lines), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="utlamnanden.csv"',
  })
})
