import { readFileSync } from 'node:fs'
import { closedLoop, percentile } from './load'
const seeded = JSON.parse(readFileSync('/tmp/b1m/seeded.json', 'utf8'))
const port = Number(process.env.PORT ?? 45200)
const member = { cookie: seeded.memberCookie }
const paths: Record<string, string> = { ref: '/', start: '/', team: `/team/${seeded.teamId}`, meeting: `/moten/${seeded.meetingId}`, o12: `/team/${seeded.teamId}/lagesbild`, o52: `/team/${seeded.teamId}/lagesbild?veckor=52`, admin: '/admin/anvandare' }
for (const name of (process.env.WHICH ?? 'start,team,meeting,o12,o52').split(',')) {
  const headers = name === 'admin' ? { cookie: seeded.adminCookie } : name === 'ref' ? {} : member
  await closedLoop(port, { path: paths[name]!, headers }, 8, 1)
  const r = await closedLoop(port, { path: paths[name]!, headers }, Number(process.env.CONN ?? 32), Number(process.env.SECS ?? 3))
  const ok = r.samples.filter((s) => s.status === 200)
  console.log(name, (ok.length / r.seconds).toFixed(0), 'req/s', 'p50', percentile(ok.map((s) => s.ms), 50).toFixed(1), 'p99', percentile(ok.map((s) => s.ms), 99).toFixed(1), 'max', Math.max(...r.samples.map((s) => s.ms)).toFixed(0), 'non200', r.samples.length - ok.length)
}
