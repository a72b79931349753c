import type { Db, DatabaseKind } from '../db/connect'
import { runExclusively } from '../db/exclusive'
import type { Logger } from '../logger'

/** A job the server runs on its own: every `everyMs`, and at start when `atStart`. */
export type Job = {
  name: string
  everyMs: number
  atStart?: boolean
  run: () => Promise<unknown>
}

/**
 * Runs the server's jobs on their timers, each in one process at a time
 * (several Läget processes on one PostgreSQL: an advisory lock per job, so one
 * runs it and the others skip; if that one dies its lock goes with its
 * connection and the next tick elsewhere takes over). Returns the stop function.
 */
export async function scheduleJobs(
  deps: { db: Db; kind: DatabaseKind; logger: Logger },
  jobs: readonly Job[],
): Promise<() => void> {
  const tick = (job: Job) =>
    runExclusively(deps.db, deps.kind, job.name, job.run).catch((error) =>
      deps.logger.error('job failed', { job: job.name, error: String(error) }),
    )
  for (const job of jobs.filter((one) => one.atStart)) await tick(job)
  const timers = jobs.map((job) => {
    const timer = setInterval(() => void tick(job), job.everyMs)
    timer.unref()
    return timer
  })
  return () => timers.forEach(clearInterval)
}
