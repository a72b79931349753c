import { sql } from 'kysely'
import type { Db } from './connect'

// Connection-level failures: the server is away, restarting, failing over, or ended our connection.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  '53300', // too_many_connections
])
const unavailableMessages =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)/i

/** True when an error means the database cannot be reached now, rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && unavailableCodes.has(code)) return true
  if (unavailableMessages.test(error.message)) return true
  const cause = (error as { cause?: unknown }).cause
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause)
}

/**
 * Whether to try the database at all. After a connection failure requests are
 * answered 503 at once for `pauseMs`, instead of each waiting for its own
 * failed connect; then the next request tries again, so service resumes by
 * itself as soon as the database is back.
 */
export class DatabaseAvailability {
  private downUntil = 0

  constructor(
    private readonly pauseMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  markDown(): void {
    this.downUntil = this.now() + this.pauseMs
  }

  get pausing(): boolean {
    return this.now() < this.downUntil
  }
}

/** Asks the database for `select 1`, giving up after `timeoutMs`: true when it answered. */
export async function databaseAnswers(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
  )
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
