// npm run bench:cpu -- <team|save|meeting|admin>: runs Läget with --cpu-prof under closed-loop load on one
// page (or saving entries) and prints where the CPU went, by function, self time.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { closedLoop, request } from './load'
import { printProfileSummary } from './cpu-profile-summary'
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
  printProfileSummary(join(dir, file), { all: !!process.env.ALL, top: 60 })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
