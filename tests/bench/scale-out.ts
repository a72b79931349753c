// BENCH_DATABASE_URL=postgres://… npm run bench: the same pages on SQLite and on PostgreSQL, then
// 1 and 2 (BENCH_PROCESSES) Läget processes on PostgreSQL behind HAProxy from Debian's packages.
// Figures, not assertions: they go in the issues' notes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closedLoop, median, openLoop, percentile, request, type Sample, type Spec } from './load'
import { copyToPostgres } from './copy-to-postgres'
import { freePort } from '../support/free-port'
import { newEntryForm, seedLaget } from './seed'
import { seedSituation } from './seed-situation'
import { haveWrk, wrkClosedLoop } from './wrk'

const url = process.env.BENCH_DATABASE_URL!
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const openRate = Number(process.env.BENCH_RATE ?? 100)
const entries = Number(process.env.BENCH_ENTRIES ?? 100_000)
// BENCH_ROUNDS=5: 1, 2, 1, 2, … processes in turn, then the median of each and of the rounds' own ratios
// (this machine's speed drifts).
const rounds = Number(process.env.BENCH_ROUNDS ?? 1)
const countsInRound = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number)
const processCounts = Array.from({ length: rounds }, () => countsInRound).flat()
// Seconds of warm-up load per Läget process, before each page is measured (BENCH_WARMUP).
const warmUpSeconds = Number(process.env.BENCH_WARMUP ?? 5)
// The database connections all processes together may hold: split between them, as in production.
const poolTotal = Number(process.env.BENCH_POOL_TOTAL ?? 10)
// BENCH_PAGES=POST measures only the pages whose name contains it; BENCH_CPU_PROF=<dir> profiles each
// Läget process; BENCH_NODE_FLAGS='--flag …' starts each with Node's flags.
const pageFilter = process.env.BENCH_PAGES ?? ''
const cpuProfileDir = process.env.BENCH_CPU_PROF
// The closed loop from wrk when installed (BENCH_LOAD=node: from this process, as bench.ts does).
const useWrk = process.env.BENCH_LOAD !== 'node' && haveWrk()
const dir = mkdtempSync(join(tmpdir(), 'laget-scale-'))
const children: ChildProcess[] = []

async function waitFor(port: number, what: string, log: () => string) {
  for (let i = 0; i < 400; i++) {
    const sample = await request(port, '/halsa', {}).catch(() => null)
    if (sample?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${what} did not start:\n${log()}`)
}

async function startLaget(env: Record<string, string>): Promise<{ port: number; pid: number }> {
  const port = await freePort()
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
  const child = spawn(
    process.execPath,
    [...profile, ...flags, '--enable-source-maps', 'dist/server.mjs'],
    {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  children.push(child)
  let log = ''
  child.stderr!.on('data', (chunk) => (log += chunk))
  await waitFor(port, 'Läget', () => log)
  return { port, pid: child.pid! }
}

async function startHaproxy(backends: number[]): Promise<{ port: number; stop: () => void }> {
  const port = await freePort()
  const config = join(dir, `haproxy-${port}.cfg`)
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  option http-keep-alive',
      '  timeout connect 5s',
      '  timeout client 60s',
      '  timeout server 60s',
      'frontend laget',
      `  bind 127.0.0.1:${port}`,
      '  default_backend processes',
      'backend processes',
      '  balance roundrobin',
      '  option httpchk GET /halsa',
      ...backends.map((backend, i) => `  server p${i + 1} 127.0.0.1:${backend} check inter 1s`),
      '',
    ].join('\n'),
  )
  const child = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] })
  children.push(child)
  let log = ''
  child.stderr!.on('data', (chunk) => (log += chunk))
  await waitFor(port, 'HAProxy', () => log)
  return { port, stop: () => child.kill('SIGTERM') }
}

const clockTicks = 100
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks
}

/** The database server's processes on this machine (PostgreSQL runs a process per connection). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres'
      } catch {
        return false
      }
    })
    .map(Number)
}

const cpuOf = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + cpuMs(pid)
    } catch {
      return sum
    }
  }, 0)

/** The whole machine's CPU time, busy and in all, from /proc/stat (in clock ticks). */
function machineCpu(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((sum, n) => sum + n, 0)
  return { busy: total - ticks[3]! - ticks[4]!, total }
}

type Result = {
  busy: number
  rps: number
  p99: number
  cpu: number
  dbCpu: number
  openP99: number
  errors: string
}

async function measure(port: number, pids: number[], spec: Spec): Promise<Result> {
  // Each process warms up its own JIT and caches, so each gets the warm-up one process gets: measured
  // with 3 s in all, two processes were still compiling (0.35 ms of CPU a save, against 0.15 for one).
  await closedLoop(port, spec, 8, warmUpSeconds * pids.length)
  const before = pids.map(cpuMs)
  const database = postgresPids()
  const dbBefore = cpuOf(database)
  const machineBefore = machineCpu()
  const ok = (s: Sample) => s.status === 200 || (spec.body !== undefined && s.status === 303)
  const closed = useWrk
    ? await wrkClosedLoop(dir, port, spec, connections, seconds)
    : await closedLoop(port, spec, connections, seconds).then(({ samples }) => ({
        ok: samples.filter(ok).length,
        failed: countByStatus(samples.filter((s) => !ok(s))),
        p99: percentile(
          samples.filter(ok).map((s) => s.ms),
          99,
        ),
      }))
  const machineAfter = machineCpu()
  const cpu = pids.reduce((sum, pid, i) => sum + cpuMs(pid) - before[i]!, 0)
  const dbCpu = cpuOf(database) - dbBefore
  const open = await openLoop(port, spec, openRate, seconds)
  const answered = closed.ok + [...closed.failed.values()].reduce((sum, n) => sum + n, 0)
  const failed = countByStatus(open.samples.filter((s) => !ok(s)))
  for (const [status, n] of closed.failed) failed.set(status, (failed.get(status) ?? 0) + n)
  return {
    busy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    rps: closed.ok / seconds,
    p99: closed.p99,
    cpu: cpu / answered,
    dbCpu: dbCpu / answered,
    openP99: percentile(
      open.samples.filter(ok).map((s) => s.ms),
      99,
    ),
    errors: describeErrors(failed),
  }
}

function countByStatus(samples: Sample[]): Map<number, number> {
  const byStatus = new Map<number, number>()
  for (const sample of samples) byStatus.set(sample.status, (byStatus.get(sample.status) ?? 0) + 1)
  return byStatus
}

/** How many failed, and with which statuses (0: no answer). */
function describeErrors(byStatus: Map<number, number>): string {
  const total = [...byStatus.values()].reduce((sum, n) => sum + n, 0)
  if (total === 0) return '0'
  return `${total} (${[...byStatus].map(([status, n]) => `${n}× ${status}`).join(', ')})`
}

const row = (cells: (string | number)[]) => console.log(cells.join(' | '))
const fmt = (r: Result) => [
  r.rps.toFixed(0),
  r.p99.toFixed(1),
  r.cpu.toFixed(2),
  r.dbCpu.toFixed(2),
  r.openP99.toFixed(1),
  r.errors,
  `${(r.busy * 100).toFixed(0)} %`,
]

try {
  if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database the bench may use.')
  const file = join(dir, 'laget.sqlite')
  console.log(`Seeding ${entries.toLocaleString('en')} situation entries (BENCH_ENTRIES) …`)
  const seeded = await seedLaget(file)
  await seedSituation(file, entries, seeded.meetingId, seeded.teamId)
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const member = { cookie: seeded.memberCookie }
  const allPages: [string, Spec][] = [
    ['GET /team/:id', { path: `/team/${seeded.teamId}`, headers: member }],
    ['GET /moten/:id', { path: `/moten/${seeded.meetingId}`, headers: member }],
    ['GET /team/:id/lagesbild', { path: `/team/${seeded.teamId}/lagesbild`, headers: member }],
    [
      'POST /team/:id/poster',
      {
        path: `/team/${seeded.teamId}/poster`,
        headers: { ...member, 'sec-fetch-site': 'same-origin' },
        body: () => newEntryForm(seeded),
      },
    ],
  ]
  const pages = allPages.filter(([name]) => name.includes(pageFilter))
  // The SQLite file as seeded, before any run writes to it: each PostgreSQL run starts from a copy of it.
  const pristine = join(dir, 'pristine.sqlite')
  spawnSync('cp', [file, pristine])
  const started = performance.now()
  let pgUrl = await copyToPostgres(pristine, url, 'laget_bench')
  console.log(`Copied to PostgreSQL in ${((performance.now() - started) / 1000).toFixed(0)} s.`)
  console.log(
    `\nClosed loop: ${connections} connections × ${seconds} s from ${useWrk ? 'wrk (one thread)' : 'this Node process'}; open loop: ${openRate} req/s × ${seconds} s. CPU is all Läget processes' per request.\n`,
  )
  row([
    'page',
    'setup',
    'req/s',
    'p99 ms',
    'Läget CPU ms/req',
    'PostgreSQL CPU ms/req',
    'open p99 ms',
    'errors',
    'machine CPU busy',
    'vs SQLite',
  ])

  const sqlite = await startLaget({ DATABASE_FILE: file })
  const onSqlite = new Map<string, Result>()
  for (const [name, spec] of pages) {
    const result = await measure(sqlite.port, [sqlite.pid], spec)
    onSqlite.set(name, result)
    row([
      name,
      'SQLite, 1 process',
      ...fmt(result).map((cell, i) => (i === 3 ? '–' : cell)),
      '1.00×',
    ])
  }
  for (const child of children.splice(0)) child.kill('SIGTERM')

  const haveHaproxy = spawnSync('haproxy', ['-v']).status === 0
  const perSetup = new Map<string, number[]>()
  // Per page, per round: req/s by process count (the ratios within a round escape the machine's drift).
  const perRound = new Map<string, Map<number, number>[]>()
  for (const [run, count] of processCounts.entries()) {
    // The same data for every process count: the writes of the run before made the meeting heavier.
    if (run > 0) pgUrl = await copyToPostgres(pristine, url, 'laget_bench')
    const backends = await Promise.all(
      Array.from({ length: count }, () =>
        startLaget({
          DATABASE_URL: pgUrl,
          DATABASE_POOL_SIZE: String(Math.max(2, Math.ceil(poolTotal / count))),
        }),
      ),
    )
    const front = count === 1 && !haveHaproxy ? { port: backends[0]!.port, stop: () => {} } : null
    const lb = front ?? (haveHaproxy ? await startHaproxy(backends.map((b) => b.port)) : null)
    if (!lb) {
      console.log(`(${count} processes: HAProxy is not installed — apt-get install haproxy)`)
      for (const child of children.splice(0)) child.kill('SIGTERM')
      continue
    }
    const setup = `PostgreSQL, ${count} process${count > 1 ? 'es' : ''}${front ? '' : ' + HAProxy'}`
    for (const [name, spec] of pages) {
      const result = await measure(
        lb.port,
        backends.map((b) => b.pid),
        spec,
      )
      row([name, setup, ...fmt(result), `${(result.rps / onSqlite.get(name)!.rps).toFixed(2)}×`])
      const key = `${name} | ${setup}`
      perSetup.set(key, [...(perSetup.get(key) ?? []), result.rps])
      const round = Math.floor(run / countsInRound.length)
      const byRound = perRound.get(name) ?? []
      perRound.set(name, byRound)
      ;(byRound[round] ??= new Map()).set(count, result.rps)
    }
    // Right under load: every process shows the same meeting (the writes above reached all of them).
    const views = await Promise.all(
      backends.map(async (backend) => {
        const response = await fetch(`http://127.0.0.1:${backend.port}/moten/${seeded.meetingId}`, {
          headers: member,
        })
        const html = await response.text()
        // The entries saved under load, as this process shows them to the member.
        return String(html.split('Grupp om sex ungdomar samlas vid cykelgaraget').length - 1)
      }),
    )
    console.log(
      `  ${setup}: the meeting page from each process after the writes: ${views.join(', ')} (${new Set(views).size === 1 ? 'the same' : 'DIFFERENT'})`,
    )
    lb.stop()
    for (const child of children.splice(0)) child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  if (rounds > 1) {
    console.log(`\nMedian req/s of ${rounds} rounds:`)
    for (const [key, all] of perSetup) {
      console.log(
        `  ${key}: ${median(all).toFixed(0)} (${all.map((n) => n.toFixed(0)).join(', ')})`,
      )
    }
    const [one, ...more] = countsInRound
    if (one !== undefined && more.length > 0) {
      console.log(`\nMedian of the rounds' own ratios (each round's processes against its ${one}):`)
      for (const [name, byRound] of perRound) {
        for (const count of more) {
          const ratios = byRound
            .filter((r) => r.has(one) && r.has(count))
            .map((r) => r.get(count)! / r.get(one)!)
          if (ratios.length === 0) continue
          console.log(
            `  ${name}: ${count} vs ${one}: ${median(ratios).toFixed(2)}× (${ratios.map((r) => r.toFixed(2)).join(', ')})`,
          )
        }
      }
    }
  }
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
