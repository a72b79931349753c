import { inTransaction } from '../support/in-transaction'
// A realistic situation picture for the benchmark: 1,000,000 entries over 104 weeks in
// 20 teams, written straight with better-sqlite3 in one transaction (the app's own write
// path is measured separately, by saving entries over HTTP), then the weekly cells by the app's query.
import { randomUUID } from 'node:crypto'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { loadConfig } from '../../src/config'
import { connect } from '../../src/db/connect'
import { rebuildCells } from '../../src/situation/situation-cells'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../../src/i18n/format'

const trends = ['increasing', 'unchanged', 'decreasing', 'uncertain'] as const
const texts = [
  'Grupp om fem till åtta ungdomar samlas vid busshållplatsen kvällstid, högljutt men utan våld.',
  'Klotter på gångtunnelns väggar och på två elskåp, sanerat inom ett dygn.',
  'Misstänkt försäljning vid parkeringen bakom centrumhuset, flera iakttagelser.',
  'Färre störningar sedan belysningen byttes, personalen upplever det lugnare.',
  'Mopeder på gång- och cykelvägen genom parken, främst mellan 17 och 20.',
]

export type SituationSeed = { entries: number; meetingEntries: number }

/**
 * Fills the teams of `file` with `total` entries spread over 104 weeks ending
 * this week, each by a member of the team; 80 of them in `meetingId`'s period.
 * About 4 % are own-scoped and 6 % shared with a named recipient, as in life.
 */
export async function seedSituation(
  file: string,
  total: number,
  meetingId: string,
  meetingTeamId: string,
): Promise<SituationSeed> {
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = OFF')
  const teams = sqlite.prepare('select id from teams order by name').all() as { id: string }[]
  const members = sqlite
    .prepare(
      `select m.team_id, u.id as user_id, u.agency_id from team_memberships m join users u on u.id = m.user_id where m.role <> 'observer'`,
    )
    .all() as { team_id: string; user_id: string; agency_id: string }[]
  const areas = sqlite.prepare('select id, team_id from areas').all() as {
    id: string
    team_id: string
  }[]
  const categories = sqlite.prepare('select id, team_id, is_sensitive from categories').all() as {
    id: string
    team_id: string
    is_sensitive: number
  }[]
  const basis = (
    sqlite.prepare(`select id from legal_bases where code = 'ingen-sekretess'`).get() as {
      id: string
    }
  ).id
  const insert = sqlite.prepare(
    `insert into situation_entries (id, team_id, meeting_id, area_id, category_id, period_from, period_to, week, event_count, trend, description, own_reference, source_agency_id, author_user_id, scope, legal_basis_id, idempotency_key, withdrawn_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, null, ?, ?)`,
  )
  const recipient = sqlite.prepare(
    'insert into situation_entry_recipients (entry_id, agency_id) values (?, ?)',
  )
  const today = todayInStockholm()
  const byTeam = (rows: { team_id: string }[]) => {
    const map = new Map<string, typeof rows>()
    for (const row of rows) map.set(row.team_id, [...(map.get(row.team_id) ?? []), row])
    return map
  }
  const teamMembers = byTeam(members) as Map<string, typeof members>
  const teamAreas = byTeam(areas) as Map<string, typeof areas>
  const teamCategories = byTeam(categories) as Map<string, typeof categories>
  let seed = 42
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!
  const now = new Date().toISOString()
  let meetingEntries = 0
  sqlite.transaction(() => {
    for (let i = 0; i < total; i++) {
      const teamId = teams[i % teams.length]!.id
      const forMeeting =
        teamId === meetingTeamId && meetingEntries < 80 && i >= total - 80 * teams.length
      const weeksAgo = forMeeting ? 0 : Math.floor(random() * 104)
      const periodTo = addDaysToDay(today, -7 * weeksAgo)
      const author = pick(teamMembers.get(teamId)!)
      const category = pick(teamCategories.get(teamId)!)
      const roll = random()
      const scope = category.is_sensitive
        ? 'agencies'
        : roll < 0.04
          ? 'own'
          : roll < 0.1
            ? 'agencies'
            : 'team'
      const id = randomUUID()
      insert.run(
        id,
        teamId,
        forMeeting ? meetingId : null,
        pick(teamAreas.get(teamId)!).id,
        category.id,
        addDaysToDay(periodTo, -6),
        periodTo,
        isoWeekKey(periodTo),
        Math.floor(random() * 6),
        pick([...trends]),
        pick(texts),
        author.agency_id,
        author.user_id,
        scope,
        scope === 'team' ? null : basis,
        randomUUID(),
        now,
        now,
      )
      if (scope !== 'team' && roll < 0.1) {
        const other = pick(teamMembers.get(teamId)!)
        if (other.agency_id !== author.agency_id) recipient.run(id, other.agency_id)
      }
      if (forMeeting) meetingEntries++
    }
  })()
  // A level per area and week for the meeting's team, as its chair would have set them.
  // One approved meeting a week, copied from the team's first, to hang them on.
  const template = sqlite
    .prepare('select id from meetings where team_id = ? order by starts_at limit 1')
    .get(meetingTeamId) as { id: string }
  const columns = (
    sqlite.prepare('select name from pragma_table_info(?)').all('meetings') as { name: string }[]
  ).map((c) => c.name)
  const copy = sqlite.prepare(
    `insert into meetings (${columns.join(', ')}) select ${columns.map((c) => (c === 'id' ? '?' : c === 'starts_at' || c === 'ends_at' ? '?' : c === 'status' ? `'approved'` : c)).join(', ')} from meetings where id = ?`,
  )
  const chair = teamMembers.get(meetingTeamId)![0]!
  const assess = sqlite.prepare(
    `insert into area_assessments (id, team_id, meeting_id, area_id, week, level, trend, justification, set_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'Bedömt runt bordet', ?, ?, ?)`,
  )
  sqlite.transaction(() => {
    for (let w = 1; w <= 104; w++) {
      const meetingOfWeek = randomUUID()
      const startsAt = new Date(Date.now() - w * 7 * 86_400_000).toISOString()
      const args = columns
        .map((c) =>
          c === 'id'
            ? meetingOfWeek
            : c === 'starts_at'
              ? startsAt
              : c === 'ends_at'
                ? startsAt
                : undefined,
        )
        .filter((v) => v !== undefined)
      copy.run(...args, template.id)
      for (const area of teamAreas.get(meetingTeamId)!) {
        assess.run(
          randomUUID(),
          meetingTeamId,
          meetingOfWeek,
          area.id,
          isoWeekKey(addDaysToDay(today, -7 * w)),
          Math.floor(random() * 4),
          pick([...trends]),
          chair.user_id,
          now,
          now,
        )
      }
    }
  })
  sqlite.close()
  // The weekly cells, counted by the app's own query.
  const { db, close } = connect(loadConfig({ DATABASE_FILE: file, LOG_LEVEL: 'silent' }).database)
  await inTransaction(db, (trx) => rebuildCells(trx))
  await sql`analyze`.execute(db)
  await close()
  return { entries: total, meetingEntries }
}
