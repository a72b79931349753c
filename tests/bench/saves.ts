// npm run bench:saves: saves entries for several runs in a row and prints each run's
// throughput and CPU per save, to see whether saving slows down as entries accumulate.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closedLoop, percentile, request } from './load'
import { freePort } from '../support/free-port'
import { profiledPages, seedLaget } from './seed'
import { seedSituation } from './seed-situation'

const runs = Number(process.env.BENCH_RUNS ?? 6)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const dir = mkdtempSync(join(tmpdir(), 'laget-drift-'))
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}
try {
  const file = join(dir, 'laget.sqlite')
  const seeded = await seedLaget(file)
  await seedSituation(
    file,
    Number(process.env.BENCH_ENTRIES ?? 20_000),
    seeded.meetingId,
    seeded.teamId,
  )
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
  const port = await freePort()
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    env: { ...process.env, PORT: String(port), DATABASE_FILE: file, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    for (let i = 0; i < 200; i++) {
      if ((await request(port, '/halsa', {}).catch(() => null))?.status === 200) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const spec = profiledPages(seeded).save!
    for (let run = 1; run <= runs; run++) {
      const before = cpuMs(child.pid!)
      const result = await closedLoop(port, spec, 32, seconds)
      const saved = result.samples.filter((s) => s.status === 303)
      console.log(
        `run ${run}: ${(saved.length / seconds).toFixed(0)} saves/s, p99 ${percentile(
          saved.map((s) => s.ms),
          99,
        ).toFixed(
          0,
        )} ms, CPU ${((cpuMs(child.pid!) - before) / result.samples.length).toFixed(2)} ms/save, other statuses ${result.samples.length - saved.length}`,
      )
    }
  } finally {
    child.kill('SIGTERM')
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
