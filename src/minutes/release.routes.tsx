import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ReleasePage } from '../../views/minutes/release.page'
import type { MeetingAccess } from '../access/team-access'
import { commit, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { optionalText, readForm, type FieldErrors, type FormValues } from '../http/forms'
import { idParam } from '../http/params'
import { readerFor } from '../http/reader'
import { render } from '../http/render'
import { formatDateTime } from '../i18n/format'
import { translator } from '../i18n/t'
import { meetingAccess } from '../meetings/meeting.routes'
import { checkedForm } from '../personal-data/form-check'
import { listSecrecyProvisions } from '../sharing/secrecy-provision.repository'
import { approvedMinutesData } from './minutes-data'
import { approvedMinutesPdf, pdfDownload } from './approved-pdf'
import { maskableSections, type Masks } from './minutes-pdf'
import { recordLocale } from './minutes-snapshot'
import { hasStoredRecord, missingRecord } from './minutes-disposal'
import { addRelease, listReleases } from './minutes.repository'

/**
 * A copy of approved minutes for a request for public records (begäran om
 * allmän handling): the coordinator releases or masks each section, each mask
 * citing a secrecy provision; the decision goes into the audit chain and the
 * copy is a PDF with "[maskerat enligt …]" where text was withheld.
 */
export const releaseRoutes = new Hono<AppEnv>()

/** The approved minutes, for those who may release them; 404 for anyone who may not see the meeting, 403 for other members. */
async function releaseAccess(c: Context<AppEnv>): Promise<MeetingAccess> {
  const access = await meetingAccess(c)
  if (access.meeting.status !== 'approved') throw notFound()
  if (!access.can.releaseMinutes) throw new AppError(403, 'error.forbidden')
  // A copy is made from the stored record: none, nothing to release.
  if (!(await hasStoredRecord(c.get('deps').db, access.meeting.id)))
    throw await missingRecord(c.get('deps').db, access.meeting.id)
  return access
}

const releaseSchema = z.object({
  requestReference: optionalText(100),
  ...Object.fromEntries(
    maskableSections.map((section) => [
      `mask-${section}`,
      z.union([z.literal(''), z.string().uuid()], { error: 'error.choice' }).default(''),
    ]),
  ),
})

async function releasePage(
  c: Context<AppEnv>,
  access: MeetingAccess,
  form: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  const [provisions, releases] = await Promise.all([
    listSecrecyProvisions(db, { withRetired: true }),
    listReleases(db, access.meeting.id),
  ])
  return render(
    c,
    <ReleasePage access={access} provisions={provisions} releases={releases} form={form} />,
    status,
  )
}

releaseRoutes.get('/protokoll/utlamnande', async (c) => releasePage(c, await releaseAccess(c)))

releaseRoutes.post('/protokoll/utlamnande', async (c) => {
  const access = await releaseAccess(c)
  const values = await readForm(c)
  const form = await checkedForm(c, releaseSchema, values, access.team.id)
  if (!form.ok) return releasePage(c, access, form, 422)
  const active = new Set(
    (await listSecrecyProvisions(c.get('deps').db, { withRetired: false })).map((p) => p.id),
  )
  const masks: Record<string, string> = {}
  const errors: FieldErrors = {}
  for (const section of maskableSections) {
    const chosen = String((form.data as Record<string, unknown>)[`mask-${section}`] ?? '')
    if (chosen === '') continue
    if (active.has(chosen)) masks[section] = chosen
    else errors[`mask-${section}`] = 'error.choice'
  }
  if (Object.keys(errors).length > 0) return releasePage(c, access, { values, errors }, 422)
  const requestReference = form.data.requestReference
  const release = await commit(c, async (trx, change) => {
    const made = await addRelease(trx, {
      meetingId: access.meeting.id,
      decidedBy: c.get('viewer')!.userId,
      requestReference,
      masks,
    })
    change.audit({
      action: 'minutes.release',
      objectType: 'meeting',
      objectId: access.meeting.id,
      details: { teamId: access.team.id, releaseId: made.id, requestReference, masks },
    })
    return made
  })
  return c.redirect(
    `/moten/${access.meeting.id}/protokoll/utlamnande?klar=${release.id}#utlamnade`,
    303,
  )
})

/** The release copy itself, made again from the record and the decision whenever it is fetched. */
releaseRoutes.get('/protokoll/utlamnanden/:releaseId/kopia.pdf', async (c) => {
  const access = await releaseAccess(c)
  const { db } = c.get('deps')
  const releaseId = idParam(c, 'releaseId')
  const [releases, provisions, approved] = await Promise.all([
    listReleases(db, access.meeting.id),
    listSecrecyProvisions(db, { withRetired: true }),
    approvedMinutesData(readerFor(c, 'export'), access),
  ])
  const release = releases.find((r) => r.id === releaseId)
  if (!release || !approved) throw notFound()
  const reference = new Map(provisions.map((p) => [p.id, p.reference]))
  const masks: Masks = Object.fromEntries(
    Object.entries(release.masks).map(([section, id]) => [section, reference.get(id) ?? id]),
  )
  const t = translator(recordLocale)
  const pdf = await approvedMinutesPdf(approved, {
    decidedAt: release.decidedAt,
    masks,
    note: t(
      release.requestReference ? 'minutes.release.noteWithReference' : 'minutes.release.note',
      {
        reference: release.requestReference,
        date: formatDateTime(release.decidedAt, recordLocale),
      },
    ),
  })
  await recordEvent(c, {
    action: 'minutes.release_copy',
    objectType: 'meeting',
    objectId: access.meeting.id,
    details: { teamId: access.team.id, releaseId },
  })
  return pdfDownload(c, access, pdf, '-utlamnad-kopia')
})
