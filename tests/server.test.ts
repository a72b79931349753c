import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from './support/free-port'

// Runs the server as `npm start` does (the bundle in dist/), on SQLite or on the test PostgreSQL server.
const dir = mkdtempSync(join(tmpdir(), 'laget-server-'))
let child: ChildProcess | null = null
beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { encoding: 'utf8' })
  expect(built.status, built.stderr).toBe(0)
})
afterEach(() => {
  child?.kill('SIGKILL')
  child = null
})

function start(env: Record<string, string>) {
  const output = { text: '' }
  child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (output.text += chunk))
  child.stderr!.on('data', (chunk) => (output.text += chunk))
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)))
  return { output, exited, process: child }
}

async function waitFor(output: { text: string }, pattern: RegExp, ms = 20_000) {
  const until = Date.now() + ms
  while (!pattern.test(output.text)) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${pattern}; got:\n${output.text}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const databaseEnv = (): Record<string, string> =>
  process.env.TEST_DATABASE_URL
    ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
    : { DATABASE_FILE: join(dir, `laget-${Date.now()}.sqlite`) }

describe('npm start (dist/server.mjs)', () => {
  it('migrates, prints the first-admin link, serves, and shuts down cleanly on SIGTERM', async () => {
    const port = String(await freePort())
    const server = start({ PORT: port, ...databaseEnv() })
    await waitFor(server.output, /"message":"listening"/)
    const link = new RegExp(`http://localhost:${port}(/forsta-admin/[\\w-]{40,})`).exec(
      server.output.text,
    )
    expect(link).not.toBeNull()
    expect((await fetch(`http://127.0.0.1:${port}${link![1]}`)).status).toBe(200)
    expect((await fetch(`http://127.0.0.1:${port}/logga-in`)).status).toBe(200)
    server.process.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output.text).toContain('"message":"stopped"')
    // the one-time token itself never reaches the request log
    const logged = server.output.text
      .split('\n')
      .filter((line) => line.includes('"message":"request"'))
    expect(logged.join('\n')).not.toMatch(/forsta-admin\/[\w-]{40,}/)
  })

  it('refuses to start with bad configuration, naming every bad variable', async () => {
    const server = start({
      PORT: 'hundra',
      LOG_LEVEL: 'loud',
      DATABASE_FILE: join(dir, 'never.sqlite'),
    })
    expect(await server.exited).toBe(1)
    expect(server.output.text).toContain('PORT')
    expect(server.output.text).toContain('LOG_LEVEL')
  })
})

process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
