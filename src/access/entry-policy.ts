import type { SharingScope, TeamRole } from '../teams/team.table'

/** How much of a situation entry a viewer gets: everything, the stub (area, week, category, trend), or nothing. */
export type EntryView = 'full' | 'stub' | 'nothing'

/** The viewer as the policy sees them: their role in the entry's team (null: not an active member) and agency. */
export type EntryViewer = { role: TeamRole | null; agencyId: string; agencyIsPublicAuthority: boolean }

export type EntryForPolicy = {
  scope: SharingScope
  sourceAgencyId: string
  recipientAgencyIds: readonly string[]
  /** Whether the legal basis of the widening allows private recipients (consent, "no secret information"). */
  basisAllowsPrivateRecipients: boolean
}

/**
 * What `viewer` may see of `entry` — the one place this is decided (product.md §5).
 *
 * | viewer                      | team | agencies | own     |
 * |-----------------------------|------|----------|---------|
 * | the source agency           | full | full     | full    |
 * | a listed recipient agency   | full | full     | stub    |
 * | another member agency       | full | stub     | nothing |
 * | an observer                 | stub | stub     | nothing |
 * | not an active member (admin, auditor, former member, anyone else) | nothing | nothing | nothing |
 *
 * A private actor (housing company, security firm, civil society) counts as a
 * recipient of an `agencies` entry only when the entry's legal basis allows
 * private recipients; otherwise it sees what any other member agency sees.
 * Observers hold a read-only seat and see stubs, whichever agency they are from.
 */
export function entryVisibility(viewer: EntryViewer, entry: EntryForPolicy): EntryView {
  if (viewer.role === null) return 'nothing'
  if (viewer.role === 'observer') return entry.scope === 'own' ? 'nothing' : 'stub'
  if (viewer.agencyId === entry.sourceAgencyId) return 'full'
  const recipient =
    entry.recipientAgencyIds.includes(viewer.agencyId) && (viewer.agencyIsPublicAuthority || entry.basisAllowsPrivateRecipients)
  if (entry.scope === 'team') return 'full'
  if (entry.scope === 'agencies') return recipient ? 'full' : 'stub'
  return recipient ? 'stub' : 'nothing'
}

/** The own reference (the agency's case number) is for the source agency alone, never anyone else. */
export function mayseeOwnReference(viewer: EntryViewer, entry: EntryForPolicy): boolean {
  return viewer.role !== null && viewer.role !== 'observer' && viewer.agencyId === entry.sourceAgencyId
}
