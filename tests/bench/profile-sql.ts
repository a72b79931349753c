// npm run bench:sql -- <team|save|meeting|admin>: runs Läget in this process under closed-loop load on
// one page (or saving entries) and prints, per request, the time spent in each SQL statement and how
// often it ran. In process, so the access log writes on the main thread (npm start hands it to a thread).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { closedLoop, median } from './load'
import { freePort } from '../support/free-port'
import { profiledPages, seedLaget } from './seed'
import { seedSituation } from './seed-situation'

type Timed = { runs: number; ms: number; samples: number[] }
const timings = new Map<string, Timed>()
const timed = <T>(sql: string, work: () => T): T => {
  const started = performance.now()
  try {
    return work()
  } finally {
    const entry = timings.get(sql) ?? { runs: 0, ms: 0, samples: [] }
    const ms = performance.now() - started
    entry.runs++
    entry.ms += ms
    entry.samples.push(ms)
    timings.set(sql, entry)
  }
}

// Every statement better-sqlite3 prepares from here on is timed where it runs.
type Runner = (...args: unknown[]) => unknown
const database = SqliteDatabase.prototype as unknown as {
  prepare: (sql: string) => Record<'run' | 'all' | 'get', Runner>
}
const prepare = database.prepare
database.prepare = function (this: unknown, sql: string) {
  const statement = prepare.call(this, sql)
  for (const method of ['run', 'all', 'get'] as const) {
    const original = statement[method].bind(statement)
    statement[method] = (...args) => timed(sql, () => original(...args))
  }
  return statement
}

const which = process.argv[2] ?? 'save'
const dir = mkdtempSync(join(tmpdir(), 'laget-sql-'))
const file = join(dir, 'laget.sqlite')
const seeded = await seedLaget(file)
await seedSituation(file, 20_000, seeded.meetingId, seeded.teamId)
const port = await freePort()
Object.assign(process.env, { PORT: String(port), DATABASE_FILE: file, LOG_LEVEL: 'warn' })
const { loadConfigOrExit } = await import('../../src/config')
const { startServer } = await import('../../src/start')
await startServer(loadConfigOrExit())

const specs = profiledPages(seeded)
const spec = specs[which]
if (!spec) throw new Error(`No such page: ${which} (one of ${Object.keys(specs).join(', ')})`)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
await closedLoop(port, spec, connections, 1) // warm-up
timings.clear()
const run = await closedLoop(port, spec, connections, 3)
const requests = run.samples.length
console.log(`${which}: ${requests} requests; per request, slowest first:`)
console.log('per request | runs per request | median per run (ms) | statement')
for (const [sql, { runs, ms, samples }] of [...timings]
  .sort((a, b) => b[1].ms - a[1].ms)
  .slice(0, 30))
  console.log(
    `${(ms / requests).toFixed(3).padStart(7)} ms ${(runs / requests).toFixed(2).padStart(6)}× ${median(samples).toFixed(3).padStart(7)} ms ${sql.replace(/\s+/g, ' ').slice(0, 160)}`,
  )
rmSync(dir, { recursive: true, force: true })
process.exit(0)
