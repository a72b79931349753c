import type { Context } from 'hono'
import type { MeetingAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { localDayAndTime } from '../i18n/format'
import type { ApprovedMinutesData } from './minutes-data'
import { minutesPdf, type Masks } from './minutes-pdf'

/**
 * The PDF of approved minutes: the stored record with its addenda, dated when
 * the record was stored — or, for a release copy, when the release was decided,
 * with its masks and note.
 */
export function approvedMinutesPdf(
  approved: ApprovedMinutesData,
  release?: { decidedAt: string; masks: Masks; note: string },
): Promise<Buffer> {
  return minutesPdf({
    snapshot: approved.stored.snapshot,
    sha256: approved.stored.sha256,
    addenda: approved.addenda.map((addendum) => ({
      text: addendum.text,
      signedBy: addendum.signer_name,
      createdAt: addendum.created_at,
    })),
    createdAt: release?.decidedAt ?? approved.stored.createdAt,
    masks: release?.masks,
    releaseNote: release?.note,
  })
}

/** A PDF to download, named after the meeting's day ("protokoll-2026-11-24.pdf"). */
export function pdfDownload(
  c: Context<AppEnv>,
  access: MeetingAccess,
  pdf: Buffer,
  suffix = '',
): Response {
  const day = localDayAndTime(access.meeting.starts_at).day
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="protokoll-${day}${suffix}.pdf"`,
  })
}
