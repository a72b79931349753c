import type { Db } from '../db/connect'

/** The first steps of a new installation, in order, and whether each is done. */
export type SetupStep = {
  key: 'agencies' | 'users' | 'team' | 'series'
  done: boolean
  count: number
}

const countOf = async (query: { executeTakeFirstOrThrow: () => Promise<{ n: number | string }> }) =>
  Number((await query.executeTakeFirstOrThrow()).n)

/**
 * Counts only, never content: the administrator sees that a team has a meeting
 * series, not what it is. The admin's own agency does not count as the first
 * step done: a team needs the other agencies.
 */
export async function readSetupProgress(db: Db): Promise<SetupStep[]> {
  const [agencies, users, teamsWithCoordinator, series] = await Promise.all([
    countOf(db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n'))),
    countOf(
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_admin', '=', 0)
        .where('status', '!=', 'disabled'),
    ),
    countOf(
      db
        .selectFrom('team_memberships')
        .select((eb) => eb.fn.count<number>('team_id').distinct().as('n'))
        .where('role', '=', 'coordinator'),
    ),
    countOf(db.selectFrom('meeting_series').select((eb) => eb.fn.countAll<number>().as('n'))),
  ])
  return [
    { key: 'agencies', done: agencies > 1, count: agencies },
    { key: 'users', done: users > 0, count: users },
    { key: 'team', done: teamsWithCoordinator > 0, count: teamsWithCoordinator },
    { key: 'series', done: series > 0, count: series },
  ]
}
