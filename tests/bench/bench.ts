// npm run bench: seeds an installation, starts Läget and a bare reference server each in
// its own process, and measures pages under closed- and open-loop load on loopback.
// Figures, not assertions: they go in the issues' notes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { closedLoop, median, openLoop, percentile, request, type Sample, type Spec } from './load'
import SqliteDatabase from 'better-sqlite3'
import { build } from 'esbuild'
import { freePort } from '../support/free-port'
import { newEntryForm, seedLaget, seedReference } from './seed'
import { seedSituation } from './seed-situation'
import { measureReviewQueries } from './review-queries'
import { findPersonalData } from '../../src/personal-data/check'

// With BENCH_DATABASE_URL: SQLite against PostgreSQL, and 1 against 2 processes (scale-out.ts).
if (process.env.BENCH_DATABASE_URL) {
  await import('./scale-out')
  process.exit(0)
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const openRate = Number(process.env.BENCH_RATE ?? 100)
// BENCH_PAGES=admin measures only the pages whose name contains it (and the reference), skipping
// logging's turns: for looking at one page; the issues' figures come from a whole run.
const pageFilter = process.env.BENCH_PAGES ?? ''
const dir = mkdtempSync(join(tmpdir(), 'laget-bench-'))
const children: ChildProcess[] = []

async function startProcess(args: string[], env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  children.push(child)
  let errors = ''
  child.stderr!.on('data', (chunk) => (errors += chunk))
  for (let i = 0; i < 200; i++) {
    const sample = await request(port, '/halsa', {}).catch(() => null)
    if (sample && sample.status > 0) return child
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${args.join(' ')} did not start:\n${errors}`)
}

const clockTicks = 100
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks
}
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

type Target = { name: string; port: number; pid: number; spec: Spec }

// Steady state: 3 s of warm-up (a path's first thousand requests run before the JIT has compiled it).
const warmUp = (port: number, spec: Spec) => closedLoop(port, spec, 8, 3)

async function measure(target: Target) {
  await warmUp(target.port, target.spec)
  const cpuBefore = cpuMs(target.pid)
  const closed = await closedLoop(target.port, target.spec, connections, seconds)
  const cpu = cpuMs(target.pid) - cpuBefore
  const open = await openLoop(target.port, target.spec, openRate, seconds)
  // A saved entry answers with a redirect to the next, empty form.
  const ok = (s: Sample) => s.status === 200 || (target.spec.body !== undefined && s.status === 303)
  const latencies = (samples: Sample[]) => samples.filter(ok).map((s) => s.ms)
  return {
    rps: closed.samples.filter(ok).length / seconds,
    closedP50: percentile(latencies(closed.samples), 50),
    closedP99: percentile(latencies(closed.samples), 99),
    cpuPerRequest: cpu / closed.samples.length,
    openP50: percentile(latencies(open.samples), 50),
    openP99: percentile(latencies(open.samples), 99),
    errors: closed.samples.filter((s) => !ok(s)).length + open.samples.filter((s) => !ok(s)).length,
  }
}

/** The personal-data check on realistic 1,000-character situation texts, half of them with findings. */
function measureCheck(): number {
  const clean =
    'Under v. 47 samlades en grupp ungdomar vid Stationsområdet kvällstid, främst fredag och lördag 22.00–02.00. Trenden är ökande sedan 2026-11-05. Polisen och fältarna förstärker närvaron. Org.nr 556677-8899, ärende 2026/123. '
  const texts = [
    clean.repeat(5).slice(0, 1000),
    (clean + 'Ring 070-123 45 67 eller skriv till ung.person@example.se. ')
      .repeat(4)
      .slice(0, 1000),
  ]
  for (let i = 0; i < 200; i++) findPersonalData(texts[i % 2]!)
  const started = performance.now()
  for (let i = 0; i < 5000; i++) findPersonalData(texts[i % 2]!)
  return (performance.now() - started) / 5000
}

try {
  const entries = Number(process.env.BENCH_ENTRIES ?? 1_000_000)
  console.log(
    `Seeding (40 agencies, 300 users, 20 teams, ${entries.toLocaleString('en')} situation entries over 104 weeks) and a 100,000-row reference table in ${dir} …`,
  )
  const started = performance.now()
  const seeded = await seedLaget(join(dir, 'laget.sqlite'))
  const situation = await seedSituation(
    join(dir, 'laget.sqlite'),
    entries,
    seeded.meetingId,
    seeded.teamId,
  )
  seedReference(join(dir, 'reference.sqlite'))
  console.log(
    `Seeded in ${((performance.now() - started) / 1000).toFixed(0)} s (${situation.meetingEntries} entries in the meeting's period).`,
  )
  const lagetPort = await freePort()
  const referencePort = await freePort()
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const laget = await startProcess(
    [
      ...(process.env.BENCH_NODE_ARGS ?? '--enable-source-maps').split(' ').filter(Boolean),
      'dist/server.mjs',
    ],
    { PORT: String(lagetPort), DATABASE_FILE: join(dir, 'laget.sqlite'), LOG_LEVEL: 'warn' },
    lagetPort,
  )
  const reference = await startProcess(
    [
      '--import',
      'tsx',
      'tests/bench/reference-server.tsx',
      join(dir, 'reference.sqlite'),
      String(referencePort),
    ],
    {},
    referencePort,
  )
  // The same server without the read-access log, on the same database: what logging costs.
  await build({
    entryPoints: { 'server-without-access-log': 'tests/bench/server-without-access-log.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    logLevel: 'warning',
  })
  const unloggedPort = await freePort()
  const unlogged = await startProcess(
    ['--enable-source-maps', 'dist/server-without-access-log.mjs'],
    { PORT: String(unloggedPort), DATABASE_FILE: join(dir, 'laget.sqlite'), LOG_LEVEL: 'warn' },
    unloggedPort,
  )

  const member = { cookie: seeded.memberCookie }
  const get = (name: string, path: string, headers: Record<string, string> = member): Target => ({
    name,
    port: lagetPort,
    pid: laget.pid!,
    spec: { path, headers },
  })
  const newEntry = () => newEntryForm(seeded)
  const targets: Target[] = [
    {
      name: 'reference: 200 rows, no auth',
      port: referencePort,
      pid: reference.pid!,
      spec: { path: '/', headers: {} },
    },
    get('GET /logga-in (anonymous)', '/logga-in', {}),
    get('GET / (start page, member)', '/'),
    get('GET /team/:id (member)', `/team/${seeded.teamId}`),
    get(
      'GET /moten/:id (15 items, 80 entries, 20 decisions, 30 actions)',
      `/moten/${seeded.meetingId}`,
    ),
    {
      name: 'GET /moten/:id, read-access log off (baseline)',
      port: unloggedPort,
      pid: unlogged.pid!,
      spec: { path: `/moten/${seeded.meetingId}`, headers: member },
    },
    get('GET /team/:id/lagesbild (12 weeks)', `/team/${seeded.teamId}/lagesbild`),
    get('GET /team/:id/lagesbild?veckor=52', `/team/${seeded.teamId}/lagesbild?veckor=52`),
    {
      name: 'POST /team/:id/poster (save an entry)',
      port: lagetPort,
      pid: laget.pid!,
      spec: {
        path: `/team/${seeded.teamId}/poster`,
        headers: { ...member, 'sec-fetch-site': 'same-origin' },
        body: newEntry,
      },
    },
    get('GET /admin/anvandare (300 users, page of 50)', '/admin/anvandare', {
      cookie: seeded.adminCookie,
    }),
  ]
  // Page weight (target: ≤ 80 KB raw); gzip as the server sends it to browsers. Measured before the
  // write load, which adds hundreds of entries to the meeting and would make its label untrue.
  console.log('\nPage sizes, raw / gzip:')
  const sized = [
    ...targets.filter((target) => target.port === lagetPort && !target.spec.body),
    get('GET /team/:id/lagesbild?veckor=104', `/team/${seeded.teamId}/lagesbild?veckor=104`),
  ]
  for (const target of sized) {
    const response = await fetch(`http://127.0.0.1:${lagetPort}${target.spec.path}`, {
      headers: { ...target.spec.headers, 'accept-encoding': 'identity' },
    })
    const body = Buffer.from(await response.arrayBuffer())
    console.log(
      `  ${target.name}: ${(body.length / 1024).toFixed(1)} KB / ${(gzipSync(body).length / 1024).toFixed(1)} KB`,
    )
  }
  console.log(
    `Closed loop: ${connections} connections × ${seconds} s; open loop: ${openRate} req/s (Poisson) × ${seconds} s.\n`,
  )
  // Logging's cost: the meeting view with and without the read-access log, in five turns (which goes
  // first alternates, so the machine's drift falls on both), before the saves below make the meeting
  // heavier. The figure is the median of the turns' ratios: one slow second of this shared machine
  // moves a mean, not a median.
  const meetingRps = { logged: [] as number[], unlogged: [] as number[] }
  const turns = !pageFilter || 'GET /moten/:id'.includes(pageFilter) ? 5 : 0
  const meetingSpec = { path: `/moten/${seeded.meetingId}`, headers: member }
  for (let turn = 0; turn < turns; turn++) {
    const order = [
      ['logged', lagetPort],
      ['unlogged', unloggedPort],
    ] as const
    for (const [which, port] of turn % 2 === 0 ? order : [...order].reverse()) {
      await warmUp(port, meetingSpec)
      const run = await closedLoop(port, meetingSpec, connections, seconds)
      meetingRps[which].push(run.samples.filter((sample) => sample.status === 200).length / seconds)
    }
  }
  const loggingRatio = median(meetingRps.logged.map((rps, i) => rps / meetingRps.unlogged[i]!))
  const header = [
    'page',
    'req/s',
    'vs ref (ref req/s just after)',
    'p50 ms',
    'p99 ms',
    'CPU ms/req',
    `open p50`,
    `open p99`,
    'errors',
  ]
  console.log(header.join(' | '))
  // The machine's speed drifts (other tenants, disk flushes): each page is compared with the
  // reference measured just before it, not with one reference run at the start.
  const referenceTarget = targets[0]!
  const referenceNow = async () => {
    await warmUp(referencePort, referenceTarget.spec)
    const run = await closedLoop(referencePort, referenceTarget.spec, connections, seconds)
    return run.samples.filter((sample) => sample.status === 200).length / seconds
  }
  for (const target of targets) {
    if (pageFilter && target !== referenceTarget && !target.name.includes(pageFilter)) continue
    const result = await measure(target)
    const referenceRps = target === referenceTarget ? result.rps : await referenceNow()
    const cells = [
      target.name,
      result.rps.toFixed(0),
      `${(result.rps / referenceRps).toFixed(2)}× (${referenceRps.toFixed(0)})`,
      result.closedP50.toFixed(1),
      result.closedP99.toFixed(1),
      result.cpuPerRequest.toFixed(2),
      result.openP50.toFixed(1),
      result.openP99.toFixed(1),
      String(result.errors),
    ]
    console.log(cells.join(' | '))
  }
  // Give the queue its last flush, then count what the runs logged.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const logged = new SqliteDatabase(join(dir, 'laget.sqlite'), { readonly: true })
  const counts = logged
    .prepare(
      'select (select count(*) from access_log) as requests, (select count(*) from access_log_rows) as objects, (select count(*) from access_read_set_items) as items',
    )
    .get() as { requests: number; objects: number; items: number }
  // On disk: the log's tables and their indexes.
  const { bytes } = logged
    .prepare(
      "select sum(pgsize) as bytes from dbstat where name in (select name from sqlite_master where tbl_name like 'access%')",
    )
    .get() as { bytes: number }
  logged.close()
  console.log(
    `\nRead-access log: the meeting view ${median(meetingRps.logged).toFixed(0)} req/s with it, ${median(meetingRps.unlogged).toFixed(0)} without (with/without ${loggingRatio.toFixed(2)}×, the median of ${turns} turns' ratios: ${meetingRps.logged.map((rps, i) => (rps / meetingRps.unlogged[i]!).toFixed(2)).join(', ')}); ` +
      `${counts.objects.toLocaleString('en')} object reads logged as ${counts.requests.toLocaleString('en')} request rows and ${counts.items.toLocaleString('en')} stored read-set items, ${(bytes / 1024 / 1024).toFixed(1)} MB on disk`,
  )
  const overload = await closedLoop(
    lagetPort,
    { path: `/team/${seeded.teamId}/lagesbild?veckor=52`, headers: member },
    200,
    seconds,
  )
  const shed = overload.samples.filter((s) => s.status === 503).length
  const served = overload.samples.filter((s) => s.status === 200)
  console.log(
    `\nOverload, 200 connections on the 52-week overview for ${seconds} s: ${served.length} answered 200 (p50 ${percentile(
      served.map((s) => s.ms),
      50,
    ).toFixed(0)} ms, p99 ${percentile(
      served.map((s) => s.ms),
      99,
    ).toFixed(0)} ms), ${shed} shed with 503 (p99 ${percentile(
      overload.samples.filter((s) => s.status === 503).map((s) => s.ms),
      99,
    ).toFixed(
      0,
    )} ms), ${overload.samples.filter((s) => s.status !== 200 && s.status !== 503).length} other; slowest ${Math.max(...overload.samples.map((s) => s.ms)).toFixed(0)} ms`,
  )
  console.log(
    `\nPeak RSS: Läget ${peakRssMb(laget.pid!).toFixed(0)} MB, reference ${peakRssMb(reference.pid!).toFixed(0)} MB`,
  )
  console.log(
    `Personal-data check: ${measureCheck().toFixed(3)} ms per 1,000-character text (mean of 5,000)`,
  )
  for (const child of children) child.kill('SIGTERM')
  const review = await measureReviewQueries(join(dir, 'laget.sqlite'))
  console.log(
    `Auditor's questions over ${review.rows.toLocaleString('en')} logged object reads: "who has seen entry X" ${review.whoHasSeenMs.toFixed(1)} ms, "what has person Y seen" ${review.whatHasSeenMs.toFixed(1)} ms (first page of 50)`,
  )
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
