import { mailTransport, sendDueMails } from './mail/sender'
import { actionsDueHour, mailActionsDue } from './mail/actions-due'
import { mailMandatesEnding } from './mail/representatives'
import { mailWeeklyDigests } from './mail/weekly-digest'
import { GroupCommit } from './changes/group-commit'
import { markInterruptedRuns, retentionIfDue } from './retention/retention'
import { backupIfDue } from './backup/scheduled-backups'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { AccessLog } from './audit/access-log'
import { watchAcceptQueue } from './http/accept-queue'
import { LoginThrottle } from './auth/rate-limit'
import { DatabaseThrottleStore } from './auth/database-throttle-store'
import { prepareFirstAdminLink } from './auth/first-admin'
import type { Config } from './config'
import { connect, type Db } from './db/connect'
import { migrateToLatest } from './db/migrator'
import { MeetingEvents } from './live/meeting-events'
import { createLogger, type Logger } from './logger'
import { topUpAllSeries } from './series/series.service'
import { scheduleJobs } from './jobs/scheduler'
import { listenForChanges } from './live/change-relay'

export type StartOptions = {
  afterMigrate?: (db: Db) => Promise<void>
  /** For the benchmark's baseline only (tests/bench/server-without-access-log.ts). */
  accessLog?: (db: Db, logger: Logger) => AccessLog
}

/** config → database → migrate → app → serve, with a clean shutdown on SIGTERM and SIGINT. */
export async function startServer(config: Config, options: StartOptions = {}) {
  const logger = createLogger(config.logLevel)
  const connection = connect(config.database, {
    onConnectionLost: (error) => logger.warn('database connection lost', { error: String(error) }),
  })
  // A stray rejected promise is a bug to log, not a reason to take the service down for everyone.
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', {
      error: reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason),
    }),
  )
  const applied = await migrateToLatest(connection.db)
  if (applied.length) logger.info('migrated', { migrations: applied })
  await options.afterMigrate?.(connection.db)

  const firstAdminLink = await prepareFirstAdminLink(connection.db, config.publicOrigin)
  if (firstAdminLink) {
    console.log(
      `\nLäget has no administrator yet. Create the first one within 24 hours, once, at:\n  ${firstAdminLink}\n` +
        `Läget har ingen administratör än. Skapa den första inom 24 timmar, en gång, här:\n  ${firstAdminLink}\n`,
    )
  }

  const live = new MeetingEvents()
  // Several processes on one PostgreSQL: changes reach the others' live streams and caches.
  const changeListener =
    config.database.kind === 'postgres'
      ? await listenForChanges(connection.db, config.database.url, live, logger)
      : undefined
  const interrupted = await markInterruptedRuns({ db: connection.db, kind: connection.kind })
  if (interrupted) logger.warn('gallring was interrupted', { runs: interrupted })
  // Shared by the app and the jobs, so their changes share SQLite's one writer in turn.
  const groupCommit = connection.kind === 'sqlite' ? new GroupCommit(connection.db) : undefined
  const committer = { db: connection.db, live, groupCommit }
  const mail = mailTransport(config.mail, logger)
  const { backups } = config
  const stopJobs = await scheduleJobs({ db: connection.db, kind: connection.kind, logger }, [
    // Series keep their next meetings generated as time passes.
    {
      name: 'series-top-up',
      everyMs: 60 * 60_000,
      atStart: true,
      run: async () => {
        const created = await topUpAllSeries({ db: connection.db, live })
        if (created) logger.info('meetings generated', { created })
      },
    },
    // The daily backup, when configured: looked for every ten minutes, made once a day.
    ...(backups
      ? [
          {
            name: 'backup',
            everyMs: 10 * 60_000,
            run: () => backupIfDue(config.database, backups, logger),
          },
        ]
      : []),
    // Gallring once a day, looked for every ten minutes.
    {
      name: 'retention',
      everyMs: 10 * 60_000,
      run: () =>
        retentionIfDue(
          { ...committer, kind: connection.kind, sessionIdleMs: config.sessions.idleMs },
          config.retentionHour,
        ),
    },
    // The mail queue, every five seconds (a send survives a restart: it waits in the database).
    {
      name: 'mail-sender',
      everyMs: 5_000,
      run: () => sendDueMails(committer, config.mail.from, mail),
    },
    // Actions due and overdue: one mail a person a day, from 07:00 Swedish time.
    {
      name: 'actions-due-mail',
      everyMs: 10 * 60_000,
      run: () => mailActionsDue(committer, config.publicOrigin, actionsDueHour),
    },
    // Seats ending within two weeks, told to their agency's contacts once per last day.
    {
      name: 'mandates-ending-mail',
      everyMs: 60 * 60_000,
      run: () => mailMandatesEnding(committer, config.publicOrigin),
    },
    // The weekly digest, on Monday mornings, for those who asked for it.
    {
      name: 'weekly-digest',
      everyMs: 10 * 60_000,
      run: () => mailWeeklyDigests(committer, config.publicOrigin),
    },
  ])

  const acceptQueue = watchAcceptQueue(config.port)
  // From the bundle (npm start), the access log writes SQLite on a thread of its own beside it.
  const bundled = import.meta.url.endsWith('.mjs')
  const worker =
    bundled && config.database.kind === 'sqlite' && config.database.file !== ':memory:'
      ? {
          script: new URL('./access-log-worker.mjs', import.meta.url),
          databaseFile: config.database.file,
        }
      : undefined
  const accessLog =
    options.accessLog?.(connection.db, logger) ??
    new AccessLog(connection.db, logger, { sqlite: connection.sqlite, worker })
  const app = createApp({
    groupCommit,
    db: connection.db,
    config,
    logger,
    // Several processes on one PostgreSQL share the counts: the limits do not grow with the processes.
    loginThrottle: new LoginThrottle(
      {},
      connection.kind === 'postgres' ? new DatabaseThrottleStore(committer) : undefined,
    ),
    live,
    accessLog,
    acceptQueueDepth: acceptQueue.depth,
    changeListener,
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', {
      url: `http://localhost:${info.port}`,
      publicOrigin: config.publicOrigin,
      database: connection.kind,
    })
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    // Open requests finish; idle keep-alive connections are closed at once.
    const force = setTimeout(() => {
      logger.warn('forcing shutdown after 10 s')
      process.exit(1)
    }, 10_000)
    force.unref()
    stopJobs()
    void changeListener?.stop()
    // Open live streams would keep the server from closing.
    live.closeAll()
    server.close(async () => {
      // Reads still queued for the access log are written before the database closes.
      await accessLog.close()
      await connection.close()
      logger.info('stopped')
      process.exit(0)
    })
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  return { server, app, db: connection.db }
}
