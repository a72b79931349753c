import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../support/source-files'

/**
 * The write door, checked statically: a change commits through
 * src/changes/commit.ts alone, which opens the transaction, appends the audit
 * events in it and tells the live streams after it. The compiler checks the
 * rest: whatever must commit with a change takes a `Trx`.
 */
const sources = sourceFiles()
const door = 'src/changes/commit.ts'
// Where the door commits several changes at once, on SQLite.
const groupCommit = 'src/changes/group-commit.ts'
// The read-access log appends its own rows (it logs reads, not changes).
const ownLog = 'src/audit/access-log.ts'

describe('the write door', () => {
  it('is the only code that opens a transaction', () => {
    const offenders = sources
      .filter((file) => /\.transaction\(\)/.test(file.text))
      .map((file) => file.path)
      .filter((path) => path !== door && path !== groupCommit && path !== ownLog)
    expect(offenders).toEqual([])
  })

  it('is the only code that appends to the audit log', () => {
    const offenders = sources
      .filter((file) => /\brecordAuditEvents?\(/.test(file.text))
      .map((file) => file.path)
      .filter((path) => path !== door && path !== 'src/audit/audit.repository.ts')
    expect(offenders).toEqual([])
  })

  it('is the only code that tells the live streams', () => {
    const offenders = sources
      .filter((file) => /\blive\??\.publish\(/.test(file.text))
      .map((file) => file.path)
      // Besides the door: the relay, which tells this process what other processes committed.
      .filter((path) => path !== door && path !== 'src/live/change-relay.ts')
    expect(offenders).toEqual([])
  })

  it('writes with a transaction everywhere: no function that writes takes a plain database', () => {
    // A function that inserts, updates or deletes takes `Trx`, never `Db` — wherever it lives.
    // Apart: the access log (its own appends) and sessions (not content: touched on every request).
    const apart = new Set([ownLog, 'src/auth/session.ts'])
    const offenders: string[] = []
    for (const file of sources.filter((f) => !apart.has(f.path)))
      for (const fn of file.text.split(/\n(?=export async function |async function )/)) {
        const signature = /^(?:export )?async function (\w+)\(\s*\w+: Db\b/.exec(fn)
        if (signature && /\.(insertInto|updateTable|deleteFrom)\(/.test(fn))
          offenders.push(`${file.path}: ${signature[1]}`)
      }
    expect(offenders).toEqual([])
  })
})
