import { addDaysToDay } from '../i18n/format'
import type { ActionListRow } from '../actions/action.repository'
import type { MembershipListRow } from './team.repository'

/** How far ahead the coordinator is shown the mandates that end. */
export const mandateNoticeDays = 30

/**
 * What the coordinator should act on in the team's membership: seats whose
 * last day falls within the next 30 days, and open actions whose owner agency
 * has no member left in the team (nobody there sees them).
 */
export function mandateWatch(
  memberships: MembershipListRow[],
  openActions: ActionListRow[],
  today: string,
) {
  const until = addDaysToDay(today, mandateNoticeDays)
  const active = memberships.filter((m) => m.ends_on === null || m.ends_on >= today)
  const agencies = new Set(active.map((m) => m.agency_id))
  return {
    endingSoon: active
      .filter((m) => m.ends_on !== null && m.ends_on <= until)
      .sort((a, b) => a.ends_on!.localeCompare(b.ends_on!)),
    orphanedActions: openActions.filter((action) => !agencies.has(action.owner_agency_id)),
  }
}

export type MandateWatch = ReturnType<typeof mandateWatch>
