// npm run bench:retention: the cost of gallring while people work. Seeds BENCH_ENTRIES entries over
// 104 weeks (about half older than 13 months), starts Läget as npm start does, measures the meeting
// view under open-loop load (BENCH_RATE req/s), then again while a gallring run started from the
// admin page removes the old entries; prints both, the run's length and what it removed.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { backupDatabase, restoreDatabase } from '../../src/backup/backup'
import { freePort } from '../support/free-port'
import { openLoop, request, type Sample } from './load'
import { seedLaget } from './seed'
import { seedSituation } from './seed-situation'

const entries = Number(process.env.BENCH_ENTRIES ?? 200_000)
const rate = Number(process.env.BENCH_RATE ?? 100)
const dir = mkdtempSync(join(tmpdir(), 'laget-retention-'))
const file = join(dir, 'laget.sqlite')

const percentile = (samples: Sample[], p: number) => {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const describe = (samples: Sample[]) =>
  `${samples.length} requests, p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms, errors ${samples.filter((s) => s.status !== 200).length}`

try {
  const seeded = await seedLaget(file)
  await seedSituation(file, entries, seeded.meetingId, seeded.teamId)
  console.log(
    `Seeded ${entries.toLocaleString('sv-SE')} entries; database ${(statSync(file).size / 1e6).toFixed(0)} MB`,
  )
  // Backup and restore of the same database, before anything is removed.
  const copy = join(dir, 'backup.sqlite')
  const backup = await backupDatabase({ kind: 'sqlite', file }, copy)
  const restored = await restoreDatabase(
    { kind: 'sqlite', file: join(dir, 'restored.sqlite') },
    copy,
    {
      force: false,
    },
  )
  console.log(
    `Backup: ${(backup.bytes / 1e6).toFixed(0)} MB in ${(backup.ms / 1000).toFixed(1)} s (checked: ${backup.verification.faults.length === 0 ? 'whole' : backup.verification.faults.join('; ')}); restore with checks: ${(restored.ms / 1000).toFixed(1)} s`,
  )
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const port = await freePort()
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    env: { ...process.env, PORT: String(port), DATABASE_FILE: file, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 200; i++) {
    const sample = await request(port, '/halsa', {}).catch(() => null)
    if (sample && sample.status > 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const meeting = { path: `/moten/${seeded.meetingId}`, headers: { cookie: seeded.memberCookie } }
  const quiet = await openLoop(port, meeting, rate, 5)
  console.log(`Meeting view, no gallring:     ${describe(quiet.samples)}`)

  const started = performance.now()
  const answer = await request(
    port,
    '/admin/gallring/kor',
    {
      cookie: seeded.adminCookie,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
    },
    `_csrf=${encodeURIComponent(seeded.adminCsrf)}`,
  )
  if (answer.status !== 303) throw new Error(`the run did not start: ${answer.status}`)
  const reader = new SqliteDatabase(file, { readonly: true })
  const outcome = () =>
    reader
      .prepare('select outcome, report from retention_runs order by started_at desc limit 1')
      .get() as { outcome: string; report: string } | undefined
  const during: Sample[] = []
  while (outcome()?.outcome === 'running')
    during.push(...(await openLoop(port, meeting, rate, 2)).samples)
  const ms = performance.now() - started
  const run = outcome()!
  const removed = (JSON.parse(run.report) as { lines: { kind: string; removed: number }[] }).lines
    .filter((line) => line.kind === 'entries')
    .reduce((sum, line) => sum + line.removed, 0)
  console.log(`Meeting view, during gallring: ${describe(during)}`)
  console.log(
    `Gallring ${run.outcome}: ${removed.toLocaleString('sv-SE')} entries removed in ${(ms / 1000).toFixed(1)} s (${Math.round(removed / (ms / 1000)).toLocaleString('sv-SE')} per second, batches of 100)`,
  )
  reader.close()
  child.kill('SIGINT')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
