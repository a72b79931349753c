import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/free-port'
import { usingPostgres } from '../support/test-context'

/**
 * PostgreSQL going away under light load — its connections ended, the server
 * stopped and started again — must not take Läget down. A PostgreSQL server of
 * the test's own (initdb in a temporary directory) is stopped and started; the
 * suite's shared server is never touched. Läget runs as `npm start` runs it.
 */
const dir = mkdtempSync(join(tmpdir(), 'laget-pg-loss-'))
const data = join(dir, 'data')
let pgPort = 0
let appPort = 0
let server: ChildProcess | null = null
let serverLog = ''

const pgBin = () => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b))
  return `/usr/lib/postgresql/${versions.at(-1)}/bin`
}
/** Runs a PostgreSQL tool as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(tool: string, args: string[]) {
  const command = [`${pgBin()}/${tool}`, ...args]
  if (process.getuid?.() === 0)
    return execFileSync('su', ['postgres', '-c', command.map((part) => `'${part}'`).join(' ')], {
      stdio: 'pipe',
    })
  return execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' })
}
const pgCtl = (action: 'start' | 'stop') =>
  asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'postgres.log'),
    '-w',
    '-m',
    'fast',
    '-o',
    `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    action,
  ])

type Sample = {
  at: number
  ms: number
  path: string
  status: number
  retryAfter: string | null
  body: string
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Sample> {
  const at = Date.now()
  try {
    const response = await fetch(`http://127.0.0.1:${appPort}${path}`, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    })
    const body = await response.text()
    return {
      at,
      ms: Date.now() - at,
      path,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body,
    }
  } catch {
    return { at, ms: Date.now() - at, path, status: 0, retryAfter: null, body: '' }
  }
}

/** Light load: a health check and a page that reads the database (a session cookie to look up), every 25 ms. */
function lightLoad() {
  const samples: Sample[] = []
  let running = true
  const loop = (async () => {
    let turn = 0
    while (running) {
      samples.push(
        await (turn++ % 2
          ? get('/halsa')
          : get('/logga-in', { cookie: '__Host-laget=okand.session' })),
      )
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })()
  return { samples, stop: async () => ((running = false), await loop) }
}

const firstSuccessAfter = (samples: Sample[], since: number) =>
  samples.find((s) => s.at >= since && s.status === 200 && s.path === '/logga-in')

describe.skipIf(!usingPostgres())('PostgreSQL connection loss', () => {
  beforeAll(async () => {
    pgPort = await freePort()
    appPort = await freePort()
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
      chownSync(dir, uid, gid)
    }
    asPostgres('initdb', [
      '-D',
      data,
      '-U',
      'laget',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--no-locale',
    ])
    pgCtl('start')
    const admin = new pg.Client({
      connectionString: `postgres://laget@127.0.0.1:${pgPort}/postgres`,
    })
    await admin.connect()
    await admin.query('create database laget')
    await admin.end()
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(appPort),
        HOST: '127.0.0.1',
        DATABASE_URL: `postgres://laget@127.0.0.1:${pgPort}/laget`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server.stdout!.on('data', (chunk) => (serverLog += chunk))
    server.stderr!.on('data', (chunk) => (serverLog += chunk))
    for (let i = 0; i < 300 && (await get('/halsa')).status !== 200; i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await get('/halsa')).status, serverLog).toBe(200)
  }, 60_000)

  afterAll(async () => {
    server?.kill('SIGKILL')
    try {
      pgCtl('stop')
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('survives its connections being ended and the server being stopped and started, with 503s meanwhile and no restart', async () => {
    const load = lightLoad()
    await new Promise((resolve) => setTimeout(resolve, 500))

    // 1. Every connection ended, as by a failover or an administrator.
    const terminatedAt = Date.now()
    const admin = new pg.Client({
      connectionString: `postgres://laget@127.0.0.1:${pgPort}/postgres`,
    })
    await admin.connect()
    const ended = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'laget'`,
    )
    await admin.end()
    await new Promise((resolve) => setTimeout(resolve, 1500))

    // 2. The server stopped for two seconds, then started again.
    const stoppedAt = Date.now()
    pgCtl('stop')
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const halsaWhileDown = await get('/halsa')
    const pageWhileDown = await get('/logga-in', { cookie: '__Host-laget=okand.session' })
    pgCtl('start')
    const startedAt = Date.now()
    for (let i = 0; i < 100 && !firstSuccessAfter(load.samples, startedAt); i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    await new Promise((resolve) => setTimeout(resolve, 500))
    await load.stop()

    const { samples } = load
    const during = (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to)
    const count = (list: Sample[], status: number) => list.filter((s) => s.status === status).length
    const afterTermination = during(terminatedAt, stoppedAt)
    const whileStopped = during(stoppedAt, startedAt)
    const recovered = firstSuccessAfter(samples, startedAt)
    const figures = {
      requests: samples.length,
      backendsTerminated: ended.rowCount,
      afterTermination: {
        requests: afterTermination.length,
        errors503: count(afterTermination, 503),
        errors500: count(afterTermination, 500),
        refused: count(afterTermination, 0),
      },
      whileStopped: {
        requests: whileStopped.length,
        answered503: count(whileStopped, 503),
        errors500: count(whileStopped, 500),
        refused: count(whileStopped, 0),
      },
      recoveryAfterStartMs: recovered ? recovered.at - startedAt : null,
      slowest503Ms: Math.max(0, ...samples.filter((s) => s.status === 503).map((s) => s.ms)),
    }
    console.log('PostgreSQL connection loss:', JSON.stringify(figures))

    expect(server!.exitCode, serverLog).toBeNull()
    expect(serverLog).not.toMatch(/Unhandled 'error' event|unhandled error/)
    expect(
      samples.filter((s) => s.status === 500 || s.status === 0),
      serverLog,
    ).toEqual([])
    // while away: a fast 503 with Retry-After and a page in Swedish; the health check says the database is down
    expect(halsaWhileDown.status).toBe(503)
    expect(halsaWhileDown.body).toBe('database unavailable')
    expect(pageWhileDown.status).toBe(503)
    expect(pageWhileDown.retryAfter).toBe('5')
    expect(pageWhileDown.body).toContain('Läget når inte sin databas just nu')
    expect(whileStopped.filter((s) => s.status === 503).every((s) => s.retryAfter !== null)).toBe(
      true,
    )
    expect(figures.whileStopped.answered503).toBeGreaterThan(0)
    // back without a restart; the health check too, once the change listener has listened again (≤ 2 s)
    expect(recovered, JSON.stringify(samples.slice(-10))).toBeDefined()
    let health = await get('/halsa')
    for (let i = 0; i < 40 && health.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      health = await get('/halsa')
    }
    expect(health.status, health.body).toBe(200)
  }, 60_000)
})
