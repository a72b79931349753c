import type { Db } from '../../db/connect'

/**
 * For gallring: a team's entries whose period ended before `cutoff` and that
 * nothing still needs — not an unapproved meeting (its minutes are not made
 * yet), not a meeting with an action still open.
 */
function expiredEntries(db: Db, teamId: string, cutoff: string) {
  return db
    .selectFrom('situation_entries as e')
    .leftJoin('meetings as m', 'm.id', 'e.meeting_id')
    .where('e.team_id', '=', teamId)
    .where('e.period_to', '<', cutoff)
    .where((eb) =>
      eb.or([eb('e.meeting_id', 'is', null), eb('m.status', 'in', ['approved', 'cancelled'])]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('actions as a')
            .select('a.id')
            .whereRef('a.meeting_id', '=', 'e.meeting_id')
            .where('a.status', 'in', ['open', 'in_progress']),
        ),
      ),
    )
}

/** Ids of those entries, oldest first: ids only, never content. */
export async function expiredEntryIds(
  db: Db,
  teamId: string,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await expiredEntries(db, teamId, cutoff)
    .select('e.id')
    .orderBy('e.period_to')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

/** The team's oldest entry still kept, and what keeps it (for the run's report). */
export async function oldestEntryKept(
  db: Db,
  teamId: string,
  cutoff: string,
): Promise<{ at: string; because: 'period' | 'open_action' | 'meeting_not_approved' } | null> {
  const oldest = await db
    .selectFrom('situation_entries as e')
    .leftJoin('meetings as m', 'm.id', 'e.meeting_id')
    .select(['e.period_to', 'e.meeting_id', 'm.status'])
    .where('e.team_id', '=', teamId)
    .orderBy('e.period_to')
    .executeTakeFirst()
  if (!oldest) return null
  if (oldest.period_to >= cutoff) return { at: oldest.period_to, because: 'period' }
  return {
    at: oldest.period_to,
    because:
      oldest.meeting_id && oldest.status !== 'approved' && oldest.status !== 'cancelled'
        ? 'meeting_not_approved'
        : 'open_action',
  }
}

/** How many of them there are (a dry run). */
export async function countExpiredEntries(db: Db, teamId: string, cutoff: string): Promise<number> {
  const row = await expiredEntries(db, teamId, cutoff)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Ids of entries saved before `before` whose form key is still remembered (gallring forgets it). */
export async function entryIdsWithKeyBefore(
  db: Db,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('situation_entries')
    .select('id')
    .where('created_at', '<', before)
    .whereRef('idempotency_key', '<>', 'id')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}

/** Ids of a team's reports from outside about days before `cutoff` (YYYY-MM-DD): ids only, never content. */
export async function reportIdsBefore(
  db: Db,
  teamId: string,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('situation_reports')
    .select('id')
    .where('team_id', '=', teamId)
    .where('observed_on', '<', cutoff.slice(0, 10))
    .orderBy('observed_on')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}
