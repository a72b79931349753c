import { formatDateTime } from '../i18n/format'
import { translator } from '../i18n/t'
import { archivalPdf, fonts } from '../pdf/archival-pdf'
import { recordLocale } from './minutes-snapshot'
import type { MinutesSnapshot } from './snapshot-shape'

/** The sections of the minutes that a release copy may mask. */
export const maskableSections = [
  'attendance',
  'agenda',
  'followUp',
  'assessments',
  'picture',
  'decisions',
  'addenda',
] as const
export type MaskableSection = (typeof maskableSections)[number]

/** Section → the secrecy provision it is masked under ("26 kap. 1 § OSL"); absent sections are released. */
export type Masks = Partial<Record<MaskableSection, string>>

export type PdfAddendum = { text: string; signedBy: string; createdAt: string }

/**
 * The approved minutes as an archival PDF (A4, PDF/A-2b: fonts embedded, an
 * sRGB output intent, XMP metadata), made from the stored snapshot: a running
 * head with the meeting and its time, "sida n av m" and the hash at the foot of
 * every page, the hash in the metadata too. With `masks`, a release copy:
 * each masked section reads "[maskerat enligt OSL …]". `createdAt` fixes the
 * document's date, so the same input gives the same file.
 */
export function minutesPdf(input: {
  snapshot: MinutesSnapshot
  sha256: string
  addenda: readonly PdfAddendum[]
  createdAt: string
  masks?: Masks
  releaseNote?: string
}): Promise<Buffer> {
  const { snapshot: data, sha256, masks = {} } = input
  const t = translator(recordLocale)
  const l = data.labels
  const { doc, heading, table, finish } = archivalPdf({
    title: data.title,
    subject: `${l.record}, ${data.when}. SHA-256 ${sha256}`,
    createdAt: input.createdAt,
  })
  const masked = (section: MaskableSection) => {
    const provision = masks[section]
    if (!provision) return false
    doc.text(t('minutes.release.maskedText', { provision }))
    return true
  }
  const list = (items: readonly string[], numbered = false) =>
    items.length === 0
      ? undefined
      : doc.list([...items], { listType: numbered ? 'numbered' : 'bullet', bulletRadius: 1.5 })

  doc.fontSize(9).fillColor('#444444').text(l.record).fillColor('#000000')
  doc.font(fonts.bold).fontSize(16).text(data.title).font(fonts.regular).fontSize(10)
  doc.moveDown(0.3)
  doc.text(`${l.when}: ${data.when}`)
  if (data.location) doc.text(`${l.location}: ${data.location}`)
  if (input.releaseNote)
    doc.moveDown(0.5).font(fonts.bold).text(input.releaseNote).font(fonts.regular)

  heading(l.attendance)
  if (!masked('attendance'))
    data.attendance.length === 0 ? doc.text(l.attendanceNone) : list(data.attendance)

  heading(l.agenda)
  if (!masked('agenda')) list(data.agenda, true)

  heading(l.followUp)
  if (!masked('followUp'))
    data.followUp.length === 0
      ? doc.text(l.followUpNone)
      : list(
          data.followUp.map((a) => `${a.text} – ${a.facts}${a.outcome ? ` · ${a.outcome}` : ''}`),
        )

  heading(l.situation)
  heading(l.assessments, 11)
  if (!masked('assessments')) {
    if (data.assessments.length === 0) doc.text(l.assessmentsNone)
    table(
      [l.area, l.level, l.trend, l.justification],
      data.assessments.map((a) => [a.area, a.level, a.trend, a.justification]),
      [3, 2, 2, 6],
    )
  }
  heading(l.entries, 11)
  if (!masked('picture')) {
    if (data.picture.length === 0) doc.text(l.entriesNone)
    table(
      [l.area, l.category, l.entriesCount, l.eventsCount, l.trends],
      data.picture.map((c) => [c.area, c.category, c.entries, c.events, c.trends]),
      [3, 3, 1.3, 1.6, 3],
    )
  }

  heading(l.decisions)
  if (!masked('decisions')) {
    if (data.decisions.length === 0) doc.text(l.decisionsNone)
    data.decisions.forEach((decision, index) => {
      doc.text(`${index + 1}. ${decision.item ? `${decision.item}: ` : ''}${decision.text}`)
      if (decision.problems) doc.text(decision.problems, { indent: 16 })
      for (const action of decision.actions) {
        doc.text(`– ${action.text} – ${action.facts}`, { indent: 16 })
        if (action.goal) doc.text(action.goal, { indent: 28 })
      }
      doc.moveDown(0.3)
    })
  }

  heading(l.approval)
  for (const approval of data.approvals) doc.text(`${approval.capacity}: ${approval.text}`)

  heading(t('minutes.addenda'))
  if (!masked('addenda')) {
    if (input.addenda.length === 0) doc.text(t('minutes.noAddenda'))
    for (const addendum of input.addenda) {
      doc.text(addendum.text)
      doc
        .fillColor('#444444')
        .text(
          t('minutes.signed', {
            name: addendum.signedBy,
            date: formatDateTime(addendum.createdAt, recordLocale),
          }),
        )
        .fillColor('#000000')
        .moveDown(0.4)
    }
  }

  // The running head and foot of every page, once the number of pages is known.
  return finish(
    `${data.title}, ${data.when}`,
    (page, pages) => `${t('minutes.pdf.page', { page, pages })} · SHA-256 ${sha256}`,
  )
}
