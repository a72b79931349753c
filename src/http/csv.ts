/** A CSV cell, quoted when needed; a leading =, +, - or @ is neutralised so that Excel never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** CSV for Excel in Swedish settings: UTF-8 with a byte-order mark, semicolons, CRLF. */
export const excelCsv = (lines: readonly (readonly string[])[]): string =>
  '\uFEFF' + lines.map((line) => line.map(csvCell).join(';')).join('\r\n') + '\r\n'
