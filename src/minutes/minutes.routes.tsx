import { Hono, type Context } from 'hono'
import { commit, recordEvent } from '../changes/commit'
import { approvedMinutesPdf, pdfDownload } from './approved-pdf'
import { checkedForm } from '../personal-data/form-check'
import { z } from 'zod'
import { minutesHeading, MinutesPage } from '../../views/minutes/minutes.page'
import { ApprovedMinutesPage, DisposedMinutesPage } from '../../views/minutes/approved-minutes.page'
import type { MeetingAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { readerFor } from '../http/reader'
import { AppError, notFound } from '../http/errors'
import { readForm, requiredText, type FieldErrors, type FormValues } from '../http/forms'
import { render } from '../http/render'
import { meetingRecordData } from '../meetings/meeting-record-data'
import { meetingAccess } from '../meetings/meeting.routes'
import { approvedMinutesData, minutesData, pendingCapacity } from './minutes-data'
import { approveMinutes } from './approval'
import { findDisposal, missingRecord } from './minutes-disposal'
import { addendumHash } from './minutes-verify'
import { addAddendum, listApprovals } from './minutes.repository'

export const minutesRoutes = new Hono<AppEnv>()

/** The minutes exist from the moment the meeting is closed. */
async function minutesAccess(c: Context<AppEnv>) {
  const access = await meetingAccess(c)
  if (access.meeting.status !== 'closed' && access.meeting.status !== 'approved') throw notFound()
  return access
}

async function minutesPage(
  c: Context<AppEnv>,
  access: MeetingAccess,
  addendum?: { values: FormValues; errors: FieldErrors },
  status: 200 | 422 = 200,
) {
  const { db } = c.get('deps')
  const reader = readerFor(c, 'minutes')
  if (access.meeting.status === 'approved') {
    const approved = await approvedMinutesData(reader, access)
    // Minutes approved before Läget stored the record are shown as they read today (below).
    if (approved)
      return render(
        c,
        <ApprovedMinutesPage access={access} data={approved} addendum={addendum ?? null} />,
        status,
      )
    const disposal = await findDisposal(db, access.meeting.id)
    if (disposal) return render(c, <DisposedMinutesPage access={access} disposal={disposal} />)
  }
  const record = await meetingRecordData(db, access, c.get('viewer')!)
  const data = await minutesData(reader, access, record)
  return render(c, <MinutesPage access={access} data={data} addendum={addendum ?? null} />, status)
}

minutesRoutes.get('/protokoll', async (c) => minutesPage(c, await minutesAccess(c)))

/** The justerat protokoll as an archival PDF, made from the stored record; only for approved minutes. */
minutesRoutes.get('/protokoll.pdf', async (c) => {
  const access = await minutesAccess(c)
  const approved =
    access.meeting.status === 'approved'
      ? await approvedMinutesData(readerFor(c, 'export'), access)
      : null
  if (!approved) throw await missingRecord(c.get('deps').db, access.meeting.id)
  const pdf = await approvedMinutesPdf(approved)
  await recordEvent(c, {
    action: 'minutes.pdf',
    objectType: 'meeting',
    objectId: access.meeting.id,
    details: { teamId: access.team.id, sha256: approved.stored.sha256 },
  })
  return pdfDownload(c, access, pdf)
})

/**
 * The running head of the printed minutes (the meeting's name and time in the
 * top margin of every page). A margin box can only show text given in CSS, and
 * the CSP allows no inline style, so it comes as a small stylesheet of its own,
 * behind the same access check as the minutes.
 */
minutesRoutes.get('/protokoll/utskrift.css', async (c) => {
  const { title, when } = minutesHeading(await minutesAccess(c), c.get('t'), c.get('locale'))
  c.header('Content-Type', 'text/css; charset=utf-8')
  return c.body(
    `@page { @top-left { content: ${cssString(`${title}, ${when}`)}; font-size: 9pt; } }\n`,
  )
})

/** A CSS string literal: quotes, backslashes and line breaks escaped, so text can never end the rule. */
const cssString = (text: string) =>
  `"${[...text].map((ch) => (/["\\\n\r\f<>]/.test(ch) ? `\\${ch.codePointAt(0)!.toString(16)} ` : ch)).join('')}"`

minutesRoutes.post('/protokoll/justera', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const access = await minutesAccess(c)
  if (access.meeting.status === 'approved') throw new AppError(409, 'meeting.error.frozen')
  const approvals = await listApprovals(db, access.meeting.id)
  const capacity = pendingCapacity(access, viewer.userId, new Set(approvals.map((a) => a.capacity)))
  if (!capacity) throw new AppError(403, 'minutes.error.notApprover')
  const reader = readerFor(c, 'minutes')
  await commit(c, (trx, change) => approveMinutes(trx, change, reader, access, capacity))
  return c.redirect(`/moten/${access.meeting.id}/protokoll#justering`, 303)
})

const addendumSchema = z.object({ text: requiredText(2000) })

minutesRoutes.post('/protokoll/tillagg', async (c) => {
  const access = await minutesAccess(c)
  if (!access.can.addAddendum) throw new AppError(403, 'error.forbidden')
  if (access.meeting.status !== 'approved')
    throw new AppError(409, 'minutes.error.addendumBeforeApproval')
  if (await findDisposal(c.get('deps').db, access.meeting.id))
    throw new AppError(410, 'minutes.error.disposed')
  const form = await checkedForm(c, addendumSchema, await readForm(c), access.team.id)
  if (!form.ok) return minutesPage(c, access, form, 422)
  await commit(c, async (trx, change) => {
    const addendum = await addAddendum(
      trx,
      access.meeting.id,
      form.data.text,
      c.get('viewer')!.userId,
    )
    change.audit({
      action: 'minutes.addendum',
      objectType: 'meeting',
      objectId: access.meeting.id,
      // The addendum's hash in the chain: a later change to it is found (minutes-verify.ts).
      details: { teamId: access.team.id, addendumId: addendum.id, sha256: addendumHash(addendum) },
    })
  })
  return c.redirect(`/moten/${access.meeting.id}/protokoll#tillagg`, 303)
})
