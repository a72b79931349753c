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
import { prepareFirstAdminLink } from './auth/first-admin'
import type { Config } from './config'
import { connect, type Db } from './db/connect'
import { migrateToLatest } from './db/migrator'
import { MeetingEvents } from './live/meeting-events'
import { createLogger, type Logger } from './logger'
import { topUpAllSeries } from './series/series.service'

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
  const interrupted = await markInterruptedRuns({ db: connection.db, kind: connection.kind })
  if (interrupted) logger.warn('gallring was interrupted', { runs: interrupted })
  // Series keep their next meetings generated as time passes: at start and every hour.
  const topUp = () =>
    topUpAllSeries({ db: connection.db, live })
      .then((created) => created && logger.info('meetings generated', { created }))
      .catch((error) => logger.error('generating meetings failed', { error: String(error) }))
  await topUp()
  const topUpTimer = setInterval(topUp, 60 * 60_000)
  topUpTimer.unref()
  // The daily backup, when configured: looked for every ten minutes, made once a day.
  const { backups } = config
  let backingUp = false
  const backupTimer = backups
    ? setInterval(() => {
        if (backingUp) return
        backingUp = true
        void backupIfDue(config.database, backups, logger).finally(() => (backingUp = false))
      }, 10 * 60_000)
    : null
  backupTimer?.unref()
  // Shared by the app and the daily gallring, so their changes share SQLite's one writer in turn.
  const groupCommit = connection.kind === 'sqlite' ? new GroupCommit(connection.db) : undefined
  // Gallring once a day, looked for every ten minutes (a run takes the advisory lock on PostgreSQL).
  const retentionTimer = setInterval(
    () =>
      void retentionIfDue(
        {
          db: connection.db,
          kind: connection.kind,
          live,
          groupCommit,
          sessionIdleMs: config.sessions.idleMs,
        },
        config.retentionHour,
      ).catch((error) => logger.error('gallring failed', { error: String(error) })),
    10 * 60_000,
  )
  retentionTimer.unref()
  // The mail queue, looked at every five seconds (a send survives a restart: it waits in the database).
  const mail = mailTransport(config.mail, logger)
  let sendingMail = false
  const mailTimer = setInterval(() => {
    if (sendingMail) return
    sendingMail = true
    void sendDueMails({ db: connection.db, live, groupCommit }, config.mail.from, mail)
      .catch((error) => logger.error('mail sending failed', { error: String(error) }))
      .finally(() => (sendingMail = false))
  }, 5_000)
  mailTimer.unref()
  // Actions due and overdue: one mail a person a day, from 07:00 Swedish time.
  const dueTimer = setInterval(
    () =>
      void mailActionsDue(
        { db: connection.db, live, groupCommit },
        config.publicOrigin,
        actionsDueHour,
      ).catch((error) => logger.error('actions-due mail failed', { error: String(error) })),
    10 * 60_000,
  )
  dueTimer.unref()
  // Seats ending within two weeks, told to their agency's contacts once per last day.
  const mandateTimer = setInterval(
    () =>
      void mailMandatesEnding({ db: connection.db, live, groupCommit }, config.publicOrigin).catch(
        (error) => logger.error('mandate mail failed', { error: String(error) }),
      ),
    60 * 60_000,
  )
  mandateTimer.unref()
  // The weekly digest, on Monday mornings, for those who asked for it.
  const digestTimer = setInterval(
    () =>
      void mailWeeklyDigests({ db: connection.db, live, groupCommit }, config.publicOrigin).catch(
        (error) => logger.error('weekly digest failed', { error: String(error) }),
      ),
    10 * 60_000,
  )
  digestTimer.unref()

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
    loginThrottle: new LoginThrottle(),
    live,
    accessLog,
    acceptQueueDepth: acceptQueue.depth,
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
    clearInterval(topUpTimer)
    if (backupTimer) clearInterval(backupTimer)
    clearInterval(retentionTimer)
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
