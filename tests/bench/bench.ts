// npm run bench: seeds an installation, starts Läget and a bare reference server each in
// its own process, and measures pages under closed- and open-loop load on loopback.
// Figures, not assertions: they go in the issues' notes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closedLoop, openLoop, percentile, request, type Sample } from './load'
import { seedLaget, seedReference } from './seed'
import { findPersonalData } from '../../src/personal-data/check'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const openRate = Number(process.env.BENCH_RATE ?? 100)
const dir = mkdtempSync(join(tmpdir(), 'laget-bench-'))
const children: ChildProcess[] = []

async function startProcess(args: string[], env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
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
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

type Target = { name: string; port: number; pid: number; path: string; headers: Record<string, string> }

async function measure(target: Target) {
  await closedLoop(target.port, target.path, target.headers, 8, 1)
  const cpuBefore = cpuMs(target.pid)
  const closed = await closedLoop(target.port, target.path, target.headers, connections, seconds)
  const cpu = cpuMs(target.pid) - cpuBefore
  const open = await openLoop(target.port, target.path, target.headers, openRate, seconds)
  const ok = (s: Sample) => s.status === 200
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
  const clean = 'Under v. 47 samlades en grupp ungdomar vid Stationsområdet kvällstid, främst fredag och lördag 22.00–02.00. Trenden är ökande sedan 2026-11-05. Polisen och fältarna förstärker närvaron. Org.nr 556677-8899, ärende 2026/123. '
  const texts = [clean.repeat(5).slice(0, 1000), (clean + 'Ring 070-123 45 67 eller skriv till ung.person@example.se. ').repeat(4).slice(0, 1000)]
  for (let i = 0; i < 200; i++) findPersonalData(texts[i % 2]!)
  const started = performance.now()
  for (let i = 0; i < 5000; i++) findPersonalData(texts[i % 2]!)
  return (performance.now() - started) / 5000
}

try {
  console.log(`Seeding (40 agencies, 300 users, 20 teams) and a 100,000-row reference table in ${dir} …`)
  const seeded = await seedLaget(join(dir, 'laget.sqlite'))
  seedReference(join(dir, 'reference.sqlite'))
  const lagetPort = 41_000 + Math.floor(Math.random() * 1000)
  const referencePort = lagetPort + 1000
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const laget = await startProcess([...(process.env.BENCH_NODE_ARGS ?? '--enable-source-maps').split(' ').filter(Boolean), 'dist/server.mjs'], { PORT: String(lagetPort), DATABASE_FILE: join(dir, 'laget.sqlite'), LOG_LEVEL: 'warn' }, lagetPort)
  const reference = await startProcess(['--import', 'tsx', 'tests/bench/reference-server.tsx', join(dir, 'reference.sqlite'), String(referencePort)], {}, referencePort)

  const targets: Target[] = [
    { name: 'reference: 200 rows, no auth', port: referencePort, pid: reference.pid!, path: '/', headers: {} },
    { name: 'GET /logga-in (anonymous)', port: lagetPort, pid: laget.pid!, path: '/logga-in', headers: {} },
    { name: 'GET / (start page, member)', port: lagetPort, pid: laget.pid!, path: '/', headers: { cookie: seeded.memberCookie } },
    { name: 'GET /team/:id (member)', port: lagetPort, pid: laget.pid!, path: `/team/${seeded.teamId}`, headers: { cookie: seeded.memberCookie } },
    { name: 'GET /moten/:id (open meeting, member)', port: lagetPort, pid: laget.pid!, path: `/moten/${seeded.meetingId}`, headers: { cookie: seeded.memberCookie } },
    { name: 'GET /admin/anvandare (300 users, page of 50)', port: lagetPort, pid: laget.pid!, path: '/admin/anvandare', headers: { cookie: seeded.adminCookie } },
  ]
  console.log(`Closed loop: ${connections} connections × ${seconds} s; open loop: ${openRate} req/s (Poisson) × ${seconds} s.\n`)
  const header = ['page', 'req/s', 'vs ref', 'p50 ms', 'p99 ms', 'CPU ms/req', `open p50`, `open p99`, 'errors']
  console.log(header.join(' | '))
  let referenceRps = 0
  for (const target of targets) {
    const result = await measure(target)
    if (target.port === referencePort) referenceRps = result.rps
    const cells = [
      target.name,
      result.rps.toFixed(0),
      `${(result.rps / referenceRps).toFixed(2)}×`,
      result.closedP50.toFixed(1),
      result.closedP99.toFixed(1),
      result.cpuPerRequest.toFixed(2),
      result.openP50.toFixed(1),
      result.openP99.toFixed(1),
      String(result.errors),
    ]
    console.log(cells.join(' | '))
  }
  console.log(`\nPeak RSS: Läget ${peakRssMb(laget.pid!).toFixed(0)} MB, reference ${peakRssMb(reference.pid!).toFixed(0)} MB`)
  console.log(`Personal-data check: ${measureCheck().toFixed(3)} ms per 1,000-character text (mean of 5,000)`)
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
