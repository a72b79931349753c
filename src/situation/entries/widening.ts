import { entryVisibility, type EntryForPolicy, type EntryView } from '../../access/entry-policy'
import type { SharingScope } from '../../teams/team.table'

export type TeamAgency = { id: string; isPublicAuthority: boolean }

/** Who an entry reaches: its scope, listed recipients and whether its basis lets private actors receive it. */
export type Audience = {
  scope: SharingScope
  recipientAgencyIds: readonly string[]
  basisAllowsPrivateRecipients: boolean
}

const rank: Record<EntryView, number> = { nothing: 0, stub: 1, full: 2 }

/**
 * The agencies of the team that an entry reaches further after a change than
 * before: each agency whose view (by the one policy) improves, and each newly
 * listed recipient. Empty when nothing widens. Choosing `agencies` with
 * recipients is always a disclosure to them, even from a wider default, so a
 * legal basis is recorded for every named recipient.
 */
export function wideningTo(
  sourceAgencyId: string,
  teamAgencies: readonly TeamAgency[],
  before: Audience,
  after: Audience,
): string[] {
  const entry = (audience: Audience): EntryForPolicy => ({ ...audience, sourceAgencyId })
  const reached: string[] = []
  for (const agency of teamAgencies) {
    if (agency.id === sourceAgencyId) continue
    const viewer = {
      role: 'member' as const,
      agencyId: agency.id,
      agencyIsPublicAuthority: agency.isPublicAuthority,
    }
    const improves =
      rank[entryVisibility(viewer, entry(after))] > rank[entryVisibility(viewer, entry(before))]
    const newlyListed =
      after.recipientAgencyIds.includes(agency.id) && !before.recipientAgencyIds.includes(agency.id)
    if (improves || newlyListed) reached.push(agency.id)
  }
  return reached
}

/** What a new entry is measured against: the category's default scope, no recipients. */
export const defaultAudience = (defaultScope: SharingScope): Audience => ({
  scope: defaultScope,
  recipientAgencyIds: [],
  basisAllowsPrivateRecipients: false,
})
