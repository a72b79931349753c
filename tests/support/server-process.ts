// Läget in a process of its own on a SQLite file, as `npm start` runs it, for tests that kill it,
// back it up or restore it; and a TestClient that talks to it over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import type { App } from '../../src/app'
import { connect, type Db } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { aMembership, anArea, aTeam, aUser } from './builders'
import { TestClient } from './client'
import { freePort } from './free-port'
import { testOrigin } from './test-context'
import { inDays } from './days'

export type ServerProcess = { port: number; child: ChildProcess; log: () => string }

const started = new Set<ServerProcess>()

/**
 * A temporary directory for a test file that runs Läget in processes of its
 * own: removed after the file, once every server it started is killed.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(async () => {
    for (const server of started) await stopServerProcess(server, 'SIGKILL')
    started.clear()
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

/** `env`: more configuration; a DATABASE_URL there puts the process on PostgreSQL instead of the file. */
export async function startServerProcess(
  file: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_FILE: file,
      PUBLIC_ORIGIN: testOrigin,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/halsa`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) {
      const server = { port, child, log: () => log }
      started.add(server)
      return server
    }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`Läget did not start:\n${log}`)
}

export async function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill(signal)
  await exited
}

/** The server process as the suite's helpers take an app: `request` goes over real HTTP. */
export function overHttp(server: ServerProcess, timeoutMs: number | null = 15_000): App {
  return {
    request: (url: string, init: RequestInit = {}) =>
      fetch(url.replace(testOrigin, `http://127.0.0.1:${server.port}`), {
        ...init,
        redirect: 'manual',
        ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
      }),
  } as unknown as App
}

/** A TestClient whose requests go over HTTP to a server process (cookies and forms as in the suite). */
export function clientOf(server: ServerProcess): TestClient {
  return new TestClient(overHttp(server))
}

/** A migrated database file with one team, an area and a member who reports: what the drills write with. */
export async function aReportingTeamIn(file: string) {
  const connection = connect({ kind: 'sqlite', file })
  const db: Db = connection.db
  try {
    await migrateToLatest(db)
    const team = await aTeam(db, { kind: 'est' })
    const area = await anArea(db, team.id, 'Centrum')
    const member = await aUser(db)
    await aMembership(db, team.id, member.id, 'member')
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('team_id', '=', team.id)
      .where('is_sensitive', '=', 0)
      .executeTakeFirstOrThrow()
    return { teamId: team.id, areaId: area.id, categoryId: category.id, member }
  } finally {
    await connection.close()
  }
}

const daysAgo = (n: number) => inDays(-n)

/** Reports one entry through the form on /team/:id/poster/ny; true when the server acknowledged it (303). */
export async function reportThroughForm(
  client: TestClient,
  team: { teamId: string; areaId: string; categoryId: string },
  description: string,
): Promise<boolean> {
  try {
    const response = await client.submit(
      `/team/${team.teamId}/poster/ny`,
      {
        areaId: team.areaId,
        categoryId: team.categoryId,
        periodFrom: daysAgo(6),
        periodTo: daysAgo(0),
        eventCount: '1',
        trend: 'unchanged',
        description,
        scope: 'team',
      },
      { action: `/team/${team.teamId}/poster` },
    )
    return response.status === 303
  } catch {
    return false
  }
}
