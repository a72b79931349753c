import type { SharingScope, TeamRole } from '../teams/team.table'

/** How much of a situation entry a viewer gets: everything, the stub (area, week, category, trend), or nothing. */
export type EntryView = 'full' | 'stub' | 'nothing'

/** The viewer as the policy sees them: their role in the entry's team (null: not an active member) and agency. */
export type EntryViewer = {
  role: TeamRole | null
  agencyId: string
  agencyIsPublicAuthority: boolean
}

export type EntryForPolicy = {
  scope: SharingScope
  sourceAgencyId: string
  recipientAgencyIds: readonly string[]
  /** Whether the legal basis of the widening allows private recipients (consent, "no secret information"). */
  basisAllowsPrivateRecipients: boolean
}

/** The policy's view of a signed-in person in a team where they hold `role` (null: no active membership). */
export const entryViewerOf = (
  viewer: { agencyId: string; agencyIsPublicAuthority: boolean },
  role: TeamRole | null,
): EntryViewer => ({
  role,
  agencyId: viewer.agencyId,
  agencyIsPublicAuthority: viewer.agencyIsPublicAuthority,
})

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
    entry.recipientAgencyIds.includes(viewer.agencyId) &&
    (viewer.agencyIsPublicAuthority || entry.basisAllowsPrivateRecipients)
  if (entry.scope === 'team') return 'full'
  if (entry.scope === 'agencies') return recipient ? 'full' : 'stub'
  return recipient ? 'stub' : 'nothing'
}

/** The own reference (the agency's case number) is for the source agency alone, never anyone else. */
export function mayseeOwnReference(viewer: EntryViewer, entry: EntryForPolicy): boolean {
  return (
    viewer.role !== null && viewer.role !== 'observer' && viewer.agencyId === entry.sourceAgencyId
  )
}

/** An entry as read from the database, with what the policy and the views need. */
export type StoredEntry = EntryForPolicy & {
  id: string
  teamId: string
  meetingId: string | null
  meetingApproved: boolean
  areaId: string
  areaName: string
  categoryId: string
  categoryName: string
  categorySensitive: boolean
  week: string
  trend: import('../situation/situation-entry.table').Trend
  periodFrom: string
  periodTo: string
  eventCount: number | null
  description: string
  ownReference: string
  sourceAgencyName: string
  recipients: readonly { id: string; name: string }[]
  legalBasisId: string | null
  legalBasisTitle: string | null
  withdrawn: boolean
  createdAt: string
  updatedAt: string
}

/** The stub: enough to count in the picture, nothing more. */
export type EntryStub = Pick<
  StoredEntry,
  | 'id'
  | 'areaId'
  | 'areaName'
  | 'categoryId'
  | 'categoryName'
  | 'categorySensitive'
  | 'week'
  | 'trend'
> & { view: 'stub' }

/**
 * The full entry as this viewer may read it. The own reference, the recipients
 * and the legal basis are the source agency's business alone (null otherwise).
 */
export type FullEntry = Omit<EntryStub, 'view'> &
  Pick<
    StoredEntry,
    | 'meetingId'
    | 'periodFrom'
    | 'periodTo'
    | 'eventCount'
    | 'description'
    | 'sourceAgencyName'
    | 'scope'
    | 'createdAt'
    | 'updatedAt'
  > & {
    view: 'full'
    fromOwnAgency: boolean
    ownReference: string | null
    recipients: readonly { id: string; name: string }[] | null
    legalBasisTitle: string | null
    /** The viewer's agency wrote it and its meeting is not yet approved. */
    mayEdit: boolean
    /** Withdrawn by its agency: only that agency still sees it, marked so. */
    withdrawn: boolean
  }

export type ShownEntry = EntryStub | FullEntry

/**
 * What the views receive of an entry: the stub, the full entry without what the
 * viewer may not have, or null. Withdrawn entries are shown to nobody but the
 * source agency. Views only ever get this projection, so a view cannot leak a
 * field the policy did not hand over.
 */
export function showEntry(viewer: EntryViewer, entry: StoredEntry): ShownEntry | null {
  const view = entryVisibility(viewer, entry)
  const own = mayseeOwnReference(viewer, entry)
  if (view === 'nothing' || (entry.withdrawn && !own)) return null
  const stub: EntryStub = {
    view: 'stub',
    id: entry.id,
    areaId: entry.areaId,
    areaName: entry.areaName,
    categoryId: entry.categoryId,
    categoryName: entry.categoryName,
    categorySensitive: entry.categorySensitive,
    week: entry.week,
    trend: entry.trend,
  }
  if (view === 'stub') return stub
  return {
    ...stub,
    view: 'full',
    meetingId: entry.meetingId,
    periodFrom: entry.periodFrom,
    periodTo: entry.periodTo,
    eventCount: entry.eventCount,
    description: entry.description,
    sourceAgencyName: entry.sourceAgencyName,
    scope: entry.scope,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    fromOwnAgency: own,
    ownReference: own ? entry.ownReference : null,
    recipients: own ? entry.recipients : null,
    legalBasisTitle: own ? entry.legalBasisTitle : null,
    mayEdit: own && !entry.meetingApproved && !entry.withdrawn,
    withdrawn: entry.withdrawn,
  }
}

/** The entries this viewer may see, each as they may see it. */
export function showEntries(viewer: EntryViewer, entries: readonly StoredEntry[]): ShownEntry[] {
  const shown: ShownEntry[] = []
  for (const entry of entries) {
    const one = showEntry(viewer, entry)
    if (one) shown.push(one)
  }
  return shown
}
