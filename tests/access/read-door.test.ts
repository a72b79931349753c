import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../support/source-files'

/**
 * The read door, checked statically: situation entries and what is derived
 * from them are read in src/situation/read/ alone. Elsewhere the entry tables
 * are only written — by the write path and the cells kept on write — and the
 * raw queries and the policy's projections are not imported.
 */
const sources = sourceFiles()

const entryTables =
  /\b(situation_entries|situation_entry_recipients|situation_cells|situation_reports)\b/
const insideDoor = (path: string) => path.startsWith('src/situation/read/')
// Writers: the entry repository (create, change, withdraw) and the weekly cells rebuilt from entries on write.
const writers = new Set([
  'src/situation/entries/situation-entry.repository.ts',
  'src/situation/situation-cells.ts',
  'src/reports/report.repository.ts',
  'src/db/database.ts',
])

describe('the read door', () => {
  it('is the only code that names the entry tables, apart from their writers', () => {
    const outside = sources
      .filter(
        (file) => entryTables.test(file.text) && !insideDoor(file.path) && !writers.has(file.path),
      )
      .map((file) => file.path)
    expect(outside).toEqual([])
  })

  it('the writers never select from the entry tables', () => {
    for (const path of writers) {
      const text = sources.find((file) => file.path === path)!.text
      expect(text, path).not.toMatch(
        /selectFrom\(\s*'situation_(entries|entry_recipients|cells|reports)/,
      )
    }
  })

  it('its raw queries, the policy’s projections and the "<3" rule are not used outside it', () => {
    const offenders = sources
      .filter((file) => !insideDoor(file.path) && file.path !== 'src/access/entry-policy.ts')
      .filter((file) =>
        /read\/(stored-entries|shown-count)'|\b(showEntry|showEntries|listingViewerOf|shownCount)\b/.test(
          file.text,
        ),
      )
      .map((file) => file.path)
    expect(offenders).toEqual([])
  })
})
