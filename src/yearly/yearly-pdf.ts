import { archivalPdf, fonts } from '../pdf/archival-pdf'
import { translator } from '../i18n/t'
import { yearlyLocale } from './yearly-snapshot'
import type { YearlySnapshot } from './yearly-shape'

/** The approved yearly report as an archival PDF (A4, PDF/A-2b), made from its stored snapshot. */
export function yearlyPdf(data: YearlySnapshot, sha256: string): Promise<Buffer> {
  const t = translator(yearlyLocale)
  const l = data.labels
  const { doc, heading, table, finish } = archivalPdf({
    title: data.title,
    subject: `${l.record}. SHA-256 ${sha256}`,
    createdAt: data.approvedAt,
  })
  doc.fontSize(9).fillColor('#444444').text(l.record).fillColor('#000000')
  doc.font(fonts.bold).fontSize(16).text(data.title).font(fonts.regular).fontSize(10)
  doc.moveDown(0.3).text(data.approval)

  heading(l.summary)
  doc.text(data.summary || l.summaryNone)

  heading(l.picture)
  doc.text(l.pictureIntro)
  if (data.picture.length === 0) doc.text(l.pictureNone)
  table(
    [l.team, l.area, l.category, l.entries, l.events],
    data.picture.map((r) => [r.team, r.area, r.category, r.entries, r.events]),
    [3, 3, 3, 1.6, 2],
  )

  heading(l.problems)
  if (data.problems.length === 0) doc.text(l.problemsNone)
  table(
    [l.team, l.area, l.category, l.cause],
    data.problems.map((r) => [r.team, r.area, r.category, r.cause]),
    [2, 2, 2, 5],
  )

  heading(l.plan)
  if (data.plan.length === 0) doc.text(l.planNone)
  table(
    [l.cause, l.action, l.goal, l.timing, l.agency],
    data.plan.map((r) => [r.cause, r.action, r.goal, r.timing, r.agency]),
    [3, 3, 3, 1.5, 2],
  )

  heading(l.followUp)
  if (data.followUp.length === 0) doc.text(l.followUpNone)
  table(
    [l.action, l.goal, l.agency, l.done, l.effect, l.rating, l.note],
    data.followUp.map((r) => [r.action, r.goal, r.agency, r.done, r.effect, r.rating, r.note]),
    [3, 3, 2, 1.2, 1.5, 1.2, 3],
  )

  return finish(
    data.title,
    (page, pages) => `${t('minutes.pdf.page', { page, pages })} · SHA-256 ${sha256}`,
  )
}
