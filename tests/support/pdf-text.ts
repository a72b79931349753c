// Reads a PDF as a person's viewer would: its text page by page, and its metadata (pdf.js, Mozilla's reader).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export type ReadPdf = {
  pages: string[]
  text: string
  info: Record<string, unknown>
  /** The XMP metadata, raw */
  xmp: string
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join(''),
    )
  }
  const metadata = await document.getMetadata()
  const xmp = metadata.metadata ? JSON.stringify([...metadata.metadata]) : ''
  await document.destroy()
  return { pages, text: pages.join('\n'), info: metadata.info as Record<string, unknown>, xmp }
}
