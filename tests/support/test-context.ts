import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { dropSchemas } from './drop-schema'
import { createApp, type App } from '../../src/app'
import { LoginThrottle } from '../../src/auth/rate-limit'
import { loadConfig, type Config } from '../../src/config'
import { connect, type Connection, type Db } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { MeetingEvents } from '../../src/live/meeting-events'
import { AccessLog } from '../../src/audit/access-log'
import type { Logger } from '../../src/logger'

export const testOrigin = 'http://localhost'

export type TestContext = {
  db: Db
  app: App
  config: Config
  live: MeetingEvents
  kind: Connection['kind']
  /** The SQLite file, when the context runs on SQLite. */
  sqliteFile: string | null
  /** Environment that points a child process (a command, the server) at this context's database. */
  databaseEnv: Record<string, string>
  /** The read-access log's writer: `await ctx.accessLog.flush()` before reading its rows. */
  accessLog: AccessLog
  /** Warnings and errors the app logged (nothing is printed): a test can assert that a request logged none. */
  logged: LoggedLine[]
  destroy: () => Promise<void>
}

export type LoggedLine = {
  level: 'warn' | 'error'
  message: string
  fields?: Record<string, unknown>
}

/** A silent logger that keeps warnings and errors for the test to read. */
export function recordingLogger(lines: LoggedLine[]): Logger {
  const ignore = () => {}
  return {
    debug: ignore,
    info: ignore,
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  }
}

export const usingPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL)

/**
 * A fresh, migrated database and an app on it. On SQLite a new file; on
 * PostgreSQL (TEST_DATABASE_URL set) a new schema, dropped afterwards, so test
 * files can run in parallel against one server.
 */
export async function createTestContext(
  options: {
    liveHeartbeatMs?: number
    loginThrottle?: LoginThrottle
    trustProxy?: string
    /** More configuration, as environment variables (e.g. SMTP_HOST for a local mail server). */
    env?: Record<string, string>
  } = {},
): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL
  let connection: Connection
  let cleanup: () => Promise<void>
  let sqliteFile: string | null = null
  let config: Config
  let databaseEnv: Record<string, string>
  if (url) {
    const schema = `t_${Math.random().toString(36).slice(2, 12)}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    config = loadConfig({
      PUBLIC_ORIGIN: testOrigin,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      TRUST_PROXY: options.trustProxy,
      ...options.env,
    })
    connection = connect(config.database, { searchPath: schema })
    const inSchema = new URL(url)
    inSchema.searchParams.set('options', `-c search_path=${schema}`)
    databaseEnv = { DATABASE_URL: inSchema.toString() }
    cleanup = () => dropSchemas(url, [schema])
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'laget-test-'))
    sqliteFile = join(dir, 'test.sqlite')
    config = loadConfig({
      PUBLIC_ORIGIN: testOrigin,
      DATABASE_FILE: sqliteFile,
      LOG_LEVEL: 'silent',
      TRUST_PROXY: options.trustProxy,
      ...options.env,
    })
    connection = connect(config.database)
    databaseEnv = { DATABASE_FILE: sqliteFile }
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
  await migrateToLatest(connection.db)
  const live = new MeetingEvents({ heartbeatMs: options.liveHeartbeatMs })
  const logged: LoggedLine[] = []
  const accessLog = new AccessLog(connection.db, recordingLogger(logged), {
    sqlite: connection.sqlite,
  })
  const app = createApp({
    db: connection.db,
    config,
    logger: recordingLogger(logged),
    loginThrottle: options.loginThrottle ?? new LoginThrottle(),
    live,
    accessLog,
  })
  return {
    db: connection.db,
    app,
    config,
    live,
    kind: connection.kind,
    sqliteFile,
    databaseEnv,
    logged,
    accessLog,
    destroy: async () => {
      await accessLog.close()
      await connection.close()
      await cleanup()
    },
  }
}
