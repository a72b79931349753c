// npm run bench:cpu -- <team|save|meeting|admin>: runs Läget with --cpu-prof under closed-loop load on one
// page (or saving entries) and prints where the CPU went, by function, self time.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { closedLoop, request } from './load'
import { freePort } from '../support/free-port'
import { profiledPages, seedLaget } from './seed'
import { seedSituation } from './seed-situation'

const which = process.argv[2] ?? 'team'
const dir = mkdtempSync(join(tmpdir(), 'laget-cpu-'))
try {
  const seeded = await seedLaget(join(dir, 'laget.sqlite'))
  await seedSituation(join(dir, 'laget.sqlite'), 20_000, seeded.meetingId, seeded.teamId)
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--enable-source-maps', 'dist/server.mjs'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_FILE: join(dir, 'laget.sqlite'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (let i = 0; i < 200; i++) {
    const sample = await request(port, '/halsa', {}).catch(() => null)
    if (sample && sample.status > 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const spec = profiledPages(seeded)[which]!
  const run = await closedLoop(port, spec, 32, 5)
  const statuses = new Map<number, number>()
  for (const s of run.samples) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1)
  console.log(which, run.samples.length / 5, 'req/s', Object.fromEntries(statuses))
  child.kill('SIGINT')
  await new Promise((resolve) => child.on('exit', resolve))
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!
  type Node = {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: Node[]
    samples: number[]
    timeDeltas: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`
    const dt = profile.timeDeltas[i] ?? 0
    self.set(key, (self.get(key) ?? 0) + dt)
    total += dt
  })
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame
      const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
    }
  })
  console.log('\nInclusive (server code):')
  for (const [key, us] of [...inclusive.entries()]
    .filter(([key]) => process.env.ALL || key.includes('server.mjs'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60))
    console.log(((us / total) * 100).toFixed(1).padStart(5), '%', key)
  console.log('\nSelf:')
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)
  for (const [key, us] of top) console.log(((us / total) * 100).toFixed(1).padStart(5), '%', key)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
