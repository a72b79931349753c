import { createAgency } from '../agencies/agency.repository'
import { recordAuditEvent } from '../audit/audit.repository'
import { hashPassword } from '../auth/password'
import type { Db } from '../db/connect'
import { addMembership, createArea, createTeam } from '../teams/team.repository'
import { createUser } from '../users/user.repository'
import { todayInStockholm } from '../i18n/format'
import { agendaTemplates } from '../meetings/agenda-templates'
import { createSeries, findSeries, listMeetingsOfSeries, setMeetingStatus } from '../meetings/meeting.repository'
import { ensureUpcomingMeetings } from '../meetings/series.service'
import { demoAgencies, demoEmail, demoPassword, demoTeams, demoUsers } from './demo-data'

/** Fills an empty database with Exempelstad. Returns false when it already has agencies. */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('agencies').select('id').limit(1).execute()
  if (existing.length > 0) return false
  const passwordHash = await hashPassword(demoPassword)
  await db.transaction().execute(async (trx) => {
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
    for (const team of demoTeams) {
      const teamId = await createTeam(trx, { name: team.name, kind: team.kind, description: team.description })
      for (const area of team.areas) await createArea(trx, teamId, area)
      for (const [userKey, role] of team.members) await addMembership(trx, teamId, userIds.get(userKey)!, { role, endsOn: null })
      // The team's meeting series, and the next meeting already called.
      const seriesId = await createSeries(trx, teamId, {
        ...team.series,
        cadence: 'weekly',
        monthlyNth: null,
        videoLink: '',
        firstDay: todayInStockholm(),
        agendaTemplate: agendaTemplates[team.kind === 'vbe' ? 'vbe' : 'est'],
      })
      await ensureUpcomingMeetings(trx, (await findSeries(trx, teamId, seriesId))!)
      const [next] = await listMeetingsOfSeries(trx, seriesId)
      if (next) await setMeetingStatus(trx, next.id, 'planned', 'called')
    }
    await recordAuditEvent(trx, { userId: null, agencyId: null }, { action: 'demo.seed', details: { agencies: demoAgencies.length, users: demoUsers.length } })
  })
  return true
}

export function describeDemoLogins(): string {
  const roles = new Map<string, string[]>()
  for (const team of demoTeams) {
    for (const [key, role] of team.members) roles.set(key, [...(roles.get(key) ?? []), `${role} @ ${team.kind.toUpperCase()}`])
  }
  const lines = demoUsers.map((user) => {
    const what = [user.isAdmin ? 'admin' : null, user.isAuditor ? 'auditor' : null, ...(roles.get(user.key) ?? [])].filter(Boolean)
    return `  ${demoEmail(user).padEnd(52)} ${what.join(', ')}`
  })
  return [`Demo logins (password for all: ${demoPassword}) — demo database only:`, ...lines].join('\n')
}
