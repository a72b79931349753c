import { createAgency } from '../agencies/agency.repository'
import { commitAs } from '../changes/commit'
import { hashPassword } from '../auth/password'
import type { Db, Trx } from '../db/connect'
import { addMembership, createArea, createTeam } from '../teams/team.repository'
import { createUser } from '../users/user.repository'
import { addDaysToDay, isoWeekKey, todayInStockholm } from '../i18n/format'
import { newId } from '../db/ids'
import { recordDisclosure } from '../situation/entries/disclosure.repository'
import { createEntry } from '../situation/entries/situation-entry.repository'
import { agendaTemplates } from '../agenda/agenda-templates'
import {
  createSeries,
  findSeries,
  listMeetingsOfSeries,
  setMeetingStatus,
} from '../meetings/meeting.repository'
import {
  approvePastMeetings,
  holdPastMeetings,
  pastSeriesDay,
  type PastMeetingTeam,
} from './seed-past-meetings'
import { ensureUpcomingMeetings } from '../series/series.service'
import {
  demoAgencies,
  demoEmail,
  demoEntries,
  demoPassword,
  demoTeams,
  demoUsers,
} from './demo-data'

/** Fills an empty database with Exempelstad. Returns false when it already has agencies. */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('agencies').select('id').limit(1).execute()
  if (existing.length > 0) return false
  const passwordHash = await hashPassword(demoPassword)
  const seeded = await commitAs({ db }, { userId: null, agencyId: null }, async (trx, change) => {
    const agencyIds = new Map<string, string>()
    for (const agency of demoAgencies) agencyIds.set(agency.key, await createAgency(trx, agency))
    const userIds = new Map<string, string>()
    for (const user of demoUsers) {
      const id = await createUser(trx, {
        email: demoEmail(user),
        name: user.name,
        agencyId: agencyIds.get(user.agency)!,
        status: 'active',
        passwordHash,
        isAdmin: user.isAdmin ?? false,
        isAuditor: user.isAuditor ?? false,
      })
      userIds.set(user.key, id)
    }
    const teamIds: string[] = []
    const seriesIds: string[] = []
    const nextMeetings: (string | null)[] = []
    for (const team of demoTeams) {
      const teamId = await createTeam(trx, {
        name: team.name,
        kind: team.kind,
        description: team.description,
      })
      teamIds.push(teamId)
      for (const area of team.areas) await createArea(trx, teamId, area)
      for (const [userKey, role] of team.members)
        await addMembership(trx, teamId, userIds.get(userKey)!, { role, endsOn: null })
      // The team's meeting series, and the next meeting already called.
      const seriesId = await createSeries(trx, teamId, {
        ...team.series,
        cadence: 'weekly',
        monthlyNth: null,
        videoLink: '',
        // The EST group has met for a while: its series began with the past meetings below.
        firstDay: teamIds.length === 1 ? pastSeriesDay(team.series.weekday, 3) : todayInStockholm(),
        agendaTemplate: agendaTemplates[team.kind === 'vbe' ? 'vbe' : 'est'],
      })
      seriesIds.push(seriesId)
      await ensureUpcomingMeetings(trx, (await findSeries(trx, teamId, seriesId))!)
      const [next] = await listMeetingsOfSeries(trx, seriesId)
      if (next) await setMeetingStatus(trx, next.id, 'planned', 'called')
      nextMeetings.push(next?.id ?? null)
    }
    const est: PastMeetingTeam = {
      teamId: teamIds[0]!,
      seriesId: seriesIds[0]!,
      series: demoTeams[0]!.series,
      userIds,
      chairKey: demoTeams[0]!.members.find(([, role]) => role === 'chair')![0],
      checkerKey: 'soc1',
    }
    const held = await holdPastMeetings(trx, est)
    // The EST group's entries of past weeks were reported to the meetings of those weeks.
    const meetingOf = (team: number, weeksAgo: number) =>
      weeksAgo === 0
        ? nextMeetings[team]!
        : team === 0
          ? (held.find((m) => m.weeksAgo === weeksAgo)?.meetingId ?? null)
          : null
    await seedEntries(trx, { agencyIds, userIds, teamIds, meetingOf })
    change.audit({
      action: 'demo.seed',
      details: { agencies: demoAgencies.length, users: demoUsers.length },
    })
    return { est, held }
  })
  await approvePastMeetings(db, seeded.est, seeded.held)
  return true
}

/** The demo's situation entries, with their disclosures where they name recipients. */
async function seedEntries(
  db: Trx,
  ids: {
    agencyIds: Map<string, string>
    userIds: Map<string, string>
    teamIds: string[]
    /** The meeting an entry of a team, so many weeks ago, was reported to */
    meetingOf: (team: number, weeksAgo: number) => string | null
  },
) {
  const today = todayInStockholm()
  const bases = new Map(
    (await db.selectFrom('legal_bases').select(['id', 'code']).execute()).map((b) => [
      b.code,
      b.id,
    ]),
  )
  for (const entry of demoEntries) {
    const teamId = ids.teamIds[entry.team]!
    const author = demoUsers.find((u) => u.key === entry.author)!
    const sourceAgencyId = ids.agencyIds.get(author.agency)!
    const [area, category] = await Promise.all([
      db
        .selectFrom('areas')
        .select('id')
        .where('team_id', '=', teamId)
        .where('name', '=', entry.area)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('categories')
        .select('id')
        .where('team_id', '=', teamId)
        .where('name', '=', entry.category)
        .executeTakeFirstOrThrow(),
    ])
    const periodTo = addDaysToDay(today, -7 * entry.weeksAgo)
    const recipientAgencyIds = (entry.recipients ?? []).map((key) => ids.agencyIds.get(key)!)
    const legalBasisId = entry.basis ? bases.get(entry.basis)! : null
    const entryId = await createEntry(db, {
      teamId,
      meetingId: ids.meetingOf(entry.team, entry.weeksAgo),
      areaId: area.id,
      categoryId: category.id,
      periodFrom: addDaysToDay(periodTo, -6),
      periodTo,
      week: isoWeekKey(periodTo),
      eventCount: entry.count,
      trend: entry.trend,
      description: entry.text,
      ownReference: '',
      scope: entry.scope,
      recipientAgencyIds,
      legalBasisId,
      sourceAgencyId,
      authorUserId: ids.userIds.get(entry.author)!,
      idempotencyKey: newId(),
    })
    if (legalBasisId) {
      await recordDisclosure(db, {
        teamId,
        entryId,
        categoryId: category.id,
        fromAgencyId: sourceAgencyId,
        toAgencyIds: recipientAgencyIds,
        scope: entry.scope,
        legalBasisId,
        guideAnswers: { identifiable: false },
        decidedBy: ids.userIds.get(entry.author)!,
      })
    }
  }
}

export function describeDemoLogins(): string {
  const roles = new Map<string, string[]>()
  for (const team of demoTeams) {
    for (const [key, role] of team.members)
      roles.set(key, [...(roles.get(key) ?? []), `${role} @ ${team.kind.toUpperCase()}`])
  }
  const lines = demoUsers.map((user) => {
    const what = [
      user.isAdmin ? 'admin' : null,
      user.isAuditor ? 'auditor' : null,
      ...(roles.get(user.key) ?? []),
    ].filter(Boolean)
    return `  ${demoEmail(user).padEnd(52)} ${what.join(', ')}`
  })
  return [`Demo logins (password for all: ${demoPassword}) — demo database only:`, ...lines].join(
    '\n',
  )
}
