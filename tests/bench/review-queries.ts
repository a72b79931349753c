// The auditor's two questions at scale: "who has seen entry X" and "what has person Y seen",
// over an access log of 1,000,000 object reads (50,000 request rows naming 2,500 read sets of 20).
import { randomUUID } from 'node:crypto'
import SqliteDatabase from 'better-sqlite3'
import { readSetOf, type AccessRead } from '../../src/audit/access-log'
import { searchAccessLog } from '../../src/audit/review.repository'
import { loadConfig } from '../../src/config'
import { connect } from '../../src/db/connect'

export async function measureReviewQueries(
  file: string,
): Promise<{ rows: number; whoHasSeenMs: number; whatHasSeenMs: number }> {
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  const users = sqlite.prepare('select id, agency_id from users limit 300').all() as {
    id: string
    agency_id: string
  }[]
  const team = (sqlite.prepare('select id from teams limit 1').get() as { id: string }).id
  const objects = Array.from({ length: 20_000 }, () => randomUUID())
  const sets = Array.from({ length: 2_500 }, (_, s) => {
    const reads: AccessRead[] = Array.from({ length: 20 }, (_, i) => ({
      objectType: 'situation_entry',
      objectId: objects[(s * 7 + i * 13) % objects.length]!,
      teamId: team,
      role: 'member',
      shown: 'full',
    }))
    return readSetOf(reads)
  })
  const head = sqlite
    .prepare('select last_seq, last_batch from access_log_head where id = 1')
    .get() as { last_seq: number; last_batch: number }
  const item = sqlite.prepare(
    'insert into access_read_set_items (set_id, position, object_type, object_id, team_id, role, shown, legal_basis_id) values (?, ?, ?, ?, ?, ?, ?, null) on conflict do nothing',
  )
  const row = sqlite.prepare(
    'insert into access_log (seq, batch, read_at, request_id, user_id, agency_id, via, read_set_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const requests = 50_000
  sqlite.transaction(() => {
    for (const set of sets)
      set.reads.forEach((read, position) =>
        item.run(
          set.id,
          position,
          read.objectType,
          read.objectId,
          read.teamId,
          read.role,
          read.shown,
        ),
      )
    for (let i = 0; i < requests; i++) {
      const user = users[i % users.length]!
      row.run(
        head.last_seq + 1 + i,
        head.last_batch + 1,
        new Date(Date.now() - (requests - i) * 60_000).toISOString(),
        randomUUID(),
        user.id,
        user.agency_id,
        'meeting',
        sets[i % sets.length]!.id,
      )
    }
  })()
  sqlite.close()
  const { db, close } = connect(loadConfig({ DATABASE_FILE: file }).database)
  const filter = {
    userId: null,
    agencyId: null,
    teamId: null,
    objectId: null,
    from: null,
    to: null,
  }
  const time = async (ask: () => Promise<unknown>) => {
    await ask()
    const started = performance.now()
    for (let i = 0; i < 5; i++) await ask()
    return (performance.now() - started) / 5
  }
  const whoHasSeenMs = await time(() =>
    searchAccessLog(db, { ...filter, objectId: sets[100]!.reads[3]!.objectId }, 1),
  )
  const whatHasSeenMs = await time(() =>
    searchAccessLog(db, { ...filter, userId: users[7]!.id }, 1),
  )
  const counted = await db
    .selectFrom('access_log_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  await close()
  return { rows: Number(counted.n), whoHasSeenMs, whatHasSeenMs }
}
