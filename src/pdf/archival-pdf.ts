import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
// Embedded, so that every reader sees the same letters (å, ä, ö included), as PDF/A requires.
export const fonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
}

/** XMP repeats the title and subject without escaping them: keep to text that needs none. */
const xmpSafe = (text: string) => text.replace(/&/g, 'och').replace(/[<>]/g, '')

/**
 * An archival PDF for a frozen record (A4, PDF/A-2b: fonts embedded, an sRGB
 * output intent, XMP metadata), with the helpers the records share. `createdAt`
 * fixes the document's date, so the same input gives the same file. `finish`
 * writes the running head and "sida n av m" with the hash on every page.
 */
export function archivalPdf(meta: { title: string; subject: string; createdAt: string }) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 62, right: 62 },
    bufferPages: true,
    font: fonts.regular,
    subset: 'PDF/A-2b',
    pdfVersion: '1.7',
    lang: 'sv-SE',
    displayTitle: true,
    info: {
      Title: xmpSafe(meta.title),
      Author: 'Läget',
      Subject: xmpSafe(meta.subject),
      CreationDate: new Date(meta.createdAt),
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const heading = (text: string, size = 13) => {
    // A heading never stands alone at the foot of a page.
    if (doc.y > doc.page.height - doc.page.margins.bottom - 72) doc.addPage()
    doc.moveDown(0.8).font(fonts.bold).fontSize(size).text(text).font(fonts.regular).fontSize(10)
    doc.moveDown(0.3)
  }
  const table = (head: string[], rows: string[][], widths: number[]) => {
    if (rows.length === 0) return
    const total = widths.reduce((a, b) => a + b, 0)
    const cell = (text: string, header: boolean) => ({
      text,
      type: header ? ('TH' as const) : ('TD' as const),
      font: { src: header ? fonts.bold : fonts.regular, size: 9 },
    })
    doc.table({
      columnStyles: widths.map((w) => (w / total) * width),
      defaultStyle: { padding: 3, border: 0.5, borderColor: '#888888' },
      data: [
        head.map((text) => cell(text, true)),
        ...rows.map((row) => row.map((text) => cell(text, false))),
      ],
    })
    doc.x = doc.page.margins.left
  }
  const finish = (head: string, foot: (page: number, pages: number) => string) => {
    const pages = doc.bufferedPageRange()
    for (let i = 0; i < pages.count; i++) {
      doc.switchToPage(pages.start + i)
      const { margins } = doc.page
      doc.page.margins = { ...margins, top: 0, bottom: 0 }
      doc
        .fontSize(8)
        .fillColor('#444444')
        .text(head, margins.left, 36, { width, lineBreak: false })
        .text(foot(i + 1, pages.count), margins.left, doc.page.height - 48, {
          width,
          lineBreak: false,
        })
      doc.page.margins = margins
    }
    doc.end()
    return done
  }
  return { doc, width, heading, table, finish }
}
