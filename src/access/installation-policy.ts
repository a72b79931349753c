import type { Viewer } from '../http/app-env'
import type { TeamRole } from '../teams/team.table'
import type { UserRow } from '../users/user.table'

/**
 * Installation-wide roles (product.md §1), asked here and nowhere else.
 * The auditor reads the audit and access logs; they see no content.
 */
/** The administrator runs the installation (agencies, people, teams, legal bases) and sees no team content. */
export const mayAdminister = (viewer: Viewer | null): boolean => viewer?.isAdmin === true

export const mayReviewLogs = (viewer: Viewer | null): boolean => viewer?.isAuditor === true

/** A log reviewer reviews the reads of their own agency (loggkontroll), and sees no content either. */
export const mayReviewAgencyLogs = (viewer: Viewer | null): boolean =>
  viewer?.isLogReviewer === true

/** An agency's contact keeps the people of their own agency, and its seats in teams; nothing of content. */
export const mayKeepAgencyPeople = (viewer: Viewer | null, agencyId: string): boolean =>
  viewer?.isAgencyContact === true && viewer.agencyId === agencyId

/** The seats an agency's contact names and ends: the agency's voice and its listeners; the team's coordinator and chair stay the coordinator's. */
export const seatsContactsKeep = ['member', 'observer'] as const satisfies readonly TeamRole[]

export const mayContactKeepSeat = (role: TeamRole): boolean =>
  (seatsContactsKeep as readonly TeamRole[]).includes(role)

/**
 * Whose details an agency's contact may change: people of their own agency,
 * but not accounts with installation roles (their e-mail is the way to their
 * password), which stay the administrator's.
 */
export const mayContactEdit = (
  viewer: Viewer | null,
  person: Pick<
    UserRow,
    | 'agency_id'
    | 'is_admin'
    | 'is_auditor'
    | 'is_log_reviewer'
    | 'is_municipal_coordinator'
    | 'is_steering_group'
  >,
): boolean =>
  viewer !== null &&
  mayKeepAgencyPeople(viewer, person.agency_id) &&
  person.is_admin === 0 &&
  person.is_auditor === 0 &&
  person.is_log_reviewer === 0 &&
  person.is_municipal_coordinator === 0 &&
  person.is_steering_group === 0

/**
 * The municipality's yearly lägesbild and åtgärdsplan (lag 2023:196): the
 * coordinating function drafts it, the steering group approves it, both read
 * it. Neither sees any team's entries: only aggregates and the teams' approved analyses.
 */
export const mayReadYearlyReport = (viewer: Viewer | null): boolean =>
  viewer?.isMunicipalCoordinator === true || viewer?.isSteeringGroup === true

export const mayDraftYearlyReport = (viewer: Viewer | null): boolean =>
  viewer?.isMunicipalCoordinator === true

export const mayApproveYearlyReport = (viewer: Viewer | null): boolean =>
  viewer?.isSteeringGroup === true
