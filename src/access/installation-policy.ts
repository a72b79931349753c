import type { Viewer } from '../http/app-env'

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
