/**
 * The read door for situation entries and everything derived from them: the
 * only way the rest of Läget reads them. Each function takes the reader (who,
 * in which team role) and returns what that reader may see — full, stub or
 * nothing — with the policy (access/entry-policy.ts), the withdrawn rule and
 * the own-reference rule applied here. The raw queries behind it
 * (stored-entries.ts) are for this folder alone; a test fails when other code
 * touches the entry tables.
 */
import {
  entryViewerOf,
  showEntries,
  showEntry,
  type ShownEntry,
  type StoredEntry,
} from '../../access/entry-policy'
import { requireTeamAccess, type MeetingAccess, type TeamAccess } from '../../access/team-access'
import type { Db } from '../../db/connect'
import type { Viewer } from '../../http/app-env'
import type { AccessRead } from '../../audit/access-log'
import type { Reader } from './reader'
import type { OverviewFilter } from '../overview/overview-filter'
import { shownCount } from './shown-count'
import {
  entryLabels,
  findIdByIdempotencyKey,
  findLastAreaAndCategory,
  findStoredEntry,
  listingViewerOf,
  listStoredOfMeeting,
  listStoredOfTeam,
  sensitiveCategoryIds,
  visibleCounts,
  type EntryFilter,
} from './stored-entries'

export type { EntryFilter } from './stored-entries'
export { pictureOf, type ShownPictureCell } from './picture'
import { teamPictureOf, type ShownPictureCell } from './picture'

export type { Reader } from './reader'
export {
  readOwnReportIdByKey,
  readOwnReports,
  readReportInbox,
  readReportToHandle,
  type ShownReport,
} from './reports'
export {
  countExpiredEntries,
  entryIdsWithKeyBefore,
  expiredEntryIds,
  oldestEntryKept,
  reportIdsBefore,
} from './retention'
export {
  readCountsByCategory,
  readCountsByCell,
  readCountsByProblem,
  readMunicipalPicture,
  type ShownCount,
  type ShownMunicipalCount,
} from './counts'

/** The access-log rows for entries shown: full or stub, and the basis a full view of an `agencies` entry rests on. */
function entryReads(
  access: TeamAccess,
  pairs: readonly { entry: StoredEntry; shown: ShownEntry }[],
): AccessRead[] {
  return pairs.map(({ entry, shown }) => ({
    objectType: 'situation_entry',
    objectId: entry.id,
    teamId: access.team.id,
    role: access.role,
    shown: shown.view,
    legalBasisId:
      shown.view === 'full' && !shown.fromOwnAgency && entry.scope === 'agencies'
        ? entry.legalBasisId
        : null,
  }))
}

/** Shows each stored entry to the reader and logs what was shown. */
function showAndLog(
  reader: Reader,
  access: TeamAccess,
  stored: readonly StoredEntry[],
): ShownEntry[] {
  const viewer = entryViewerOf(reader.viewer, access.role)
  const pairs = stored.flatMap((entry) => {
    const shown = showEntry(viewer, entry)
    return shown ? [{ entry, shown }] : []
  })
  reader.log(entryReads(access, pairs))
  return pairs.map((pair) => pair.shown)
}

/** Withdrawn entries stay visible to their own agency only where it manages them (its entry list, the entry page). */
const withoutWithdrawn = (entries: ShownEntry[]) =>
  entries.filter((entry) => !(entry.view === 'full' && entry.withdrawn))

/**
 * One entry as the reader may see it, with the team access it was read under;
 * null when they may not see it at all (or it does not exist). `own` — the
 * stored entry with every field — only for the agency that wrote it, which
 * changes it.
 */
export async function readEntry(
  reader: Reader,
  entryId: string,
): Promise<{ access: TeamAccess; shown: ShownEntry; own: StoredEntry | null } | null> {
  const entry = await findStoredEntry(reader.db, entryId)
  if (!entry) return null
  const access = await requireTeamAccess(reader.db, reader.viewer, entry.teamId)
  const shown = showEntry(entryViewerOf(reader.viewer, access.role), entry)
  if (!shown) return null
  reader.log(entryReads(access, [{ entry, shown }]))
  return { access, shown, own: shown.view === 'full' && shown.fromOwnAgency ? entry : null }
}

/**
 * A meeting's situation picture: its entries, each as the reader may see it,
 * withdrawn ones left out. `aggregate`: the caller shows only counts (the
 * minutes), logged as one aggregate read of the meeting's picture.
 */
export async function readMeetingEntries(
  reader: Reader,
  access: MeetingAccess,
  purpose: 'show' | 'aggregate' = 'show',
): Promise<ShownEntry[]> {
  const stored = await listStoredOfMeeting(reader.db, access.meeting.id)
  if (purpose === 'show') return withoutWithdrawn(showAndLog(reader, access, stored))
  reader.log([
    {
      objectType: 'situation_picture',
      objectId: access.meeting.id,
      teamId: access.team.id,
      role: access.role,
      shown: 'aggregate',
    },
  ])
  return withoutWithdrawn(showEntries(entryViewerOf(reader.viewer, access.role), stored))
}

/**
 * The meeting's picture as the whole team may be shown it, the same whoever
 * asks (the justerat protokoll, made once at approval): logged as one
 * aggregate read of the meeting's picture.
 */
export async function readTeamPictureOfMeeting(
  reader: Reader,
  access: MeetingAccess,
): Promise<ShownPictureCell[]> {
  const stored = await listStoredOfMeeting(reader.db, access.meeting.id)
  reader.log([
    {
      objectType: 'situation_picture',
      objectId: access.meeting.id,
      teamId: access.team.id,
      role: access.role,
      shown: 'aggregate',
    },
  ])
  return teamPictureOf(stored)
}

/**
 * A team's entries the reader may see, newest period first, a page at a time.
 * `withOwnWithdrawn`: the reader's agency's withdrawn entries stay in, marked
 * (its own list); elsewhere they are left out.
 */
export async function readTeamEntries(
  reader: Reader,
  access: TeamAccess,
  filter: EntryFilter & { withOwnWithdrawn: boolean },
): Promise<ShownEntry[]> {
  const stored = await listStoredOfTeam(
    reader.db,
    access.team.id,
    listingViewerOf(reader.viewer, access.role),
    filter,
  )
  // Withdrawn entries left out are not shown, so not logged.
  const kept = filter.withOwnWithdrawn ? stored : stored.filter((entry) => !entry.withdrawn)
  return showAndLog(reader, access, kept)
}

/**
 * The key under which a rendering of counts may be shared: everyone who counts
 * the same (one agency's members; all observers) gets the same counts.
 */
export const countingKey = (viewer: Viewer, access: TeamAccess): string =>
  access.role === 'observer'
    ? 'observer'
    : `agency:${viewer.agencyId}:${viewer.agencyIsPublicAuthority}`

/** The entry the reader already saved with this form's idempotency key (a resent or double-clicked form), if any. */
export function readOwnEntryIdByKey(reader: Reader, key: string): Promise<string | null> {
  return findIdByIdempotencyKey(reader.db, reader.viewer.userId, key)
}

/** The area and category of the reader's own last entry in the team, where the next entry form starts. */
export function readOwnLastAreaAndCategory(
  reader: Reader,
  access: TeamAccess,
): Promise<{ areaId: string; categoryId: string } | null> {
  return findLastAreaAndCategory(reader.db, reader.viewer.userId, access.team.id)
}

/**
 * Labels for entries named in the logs: area and week, never the text. For the
 * auditor and the log reviewers, who see who read what but no content; the same
 * as the stub a member of another agency sees.
 */
export function describeEntriesForReview(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { areaName: string; week: string }>> {
  return entryLabels(db, ids)
}

/**
 * The ids of the entries an agency wrote, as a subquery for the log review
 * ("who read our agency's entries"): ids only, never content.
 */
export function entryIdsFromAgency(db: Db, agencyId: string) {
  return db.selectFrom('situation_entries').select('id').where('source_agency_id', '=', agencyId)
}

/**
 * The entries behind one cell of the overview (an area's week), as the reader
 * may see them — except in a sensitive category whose count the reader sees as
 * "<3": listing those entries would tell the number, so they are left out (and
 * not logged, since they are not shown). Counted as the overview counts, with
 * its filter by kind of agency.
 */
export async function readCellEntries(
  reader: Reader,
  access: TeamAccess,
  cell: {
    areaId: string
    categoryId: string | null
    week: string
    sourceKind: OverviewFilter['sourceKind']
  },
): Promise<ShownEntry[]> {
  const viewer = listingViewerOf(reader.viewer, access.role)
  const [counts, stored, sensitive] = await Promise.all([
    visibleCounts(reader.db, access.team.id, viewer, cell.week, cell.week, {
      areaId: cell.areaId,
      categoryId: cell.categoryId,
      sourceKind: cell.sourceKind,
    }),
    listStoredOfTeam(reader.db, access.team.id, viewer, {
      areaId: cell.areaId,
      categoryId: cell.categoryId,
      week: cell.week,
      limit: 200,
      offset: 0,
    }),
    sensitiveCategoryIds(reader.db, access.team.id),
  ])
  const perCategory = new Map<string, { count: number; own: number }>()
  for (const row of counts) {
    const total = perCategory.get(row.categoryId) ?? { count: 0, own: 0 }
    total.count += row.count
    total.own += row.ownCount
    perCategory.set(row.categoryId, total)
  }
  const hidden = new Set(
    [...perCategory]
      .filter(([id, total]) => shownCount(total.count, sensitive.has(id), total.own) === '<3')
      .map(([id]) => id),
  )
  return showAndLog(
    reader,
    access,
    stored.filter((entry) => !entry.withdrawn && !hidden.has(entry.categoryId)),
  )
}
