import type { Db } from '../db/connect'
import type { Viewer } from '../http/app-env'
import { AppError } from '../http/errors'
import { todayInStockholm } from '../i18n/format'
import { findActiveMembership, findTeam } from '../teams/team.repository'
import type { TeamRole, TeamRow } from '../teams/team.table'

export type TeamAccess = { team: TeamRow; role: TeamRole }

/**
 * The team and the viewer's role in it, for a viewer with an active membership.
 * Anyone else, admins included, gets 404: a team's existence is itself
 * information only its members may have.
 */
export async function requireTeamAccess(db: Db, viewer: Viewer, teamId: string): Promise<TeamAccess> {
  const membership = await findActiveMembership(db, viewer.userId, teamId, todayInStockholm())
  const team = membership ? await findTeam(db, teamId) : null
  if (!membership || !team) throw new AppError(404, 'error.notFound')
  return { team, role: membership.role }
}
