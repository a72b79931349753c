import { entryViewerOf, showEntries } from '../access/entry-policy'
import { mayDo } from '../access/meeting-policy'
import type { MeetingAccess } from '../access/team-access'
import type { Db } from '../db/connect'
import type { Viewer } from '../http/app-env'
import { listEntriesOfMeeting } from './situation-entry.repository'

/** The meeting's situation picture as this viewer may see it: withdrawn entries are left out here. */
export async function meetingSituationData(db: Db, access: MeetingAccess, viewer: Viewer) {
  const stored = await listEntriesOfMeeting(db, access.meeting.id)
  const entries = showEntries(entryViewerOf(viewer, access.role), stored).filter((entry) => !(entry.view === 'full' && entry.withdrawn))
  const status = access.meeting.status
  return {
    meetingId: access.meeting.id,
    teamId: access.team.id,
    entries,
    canReport: mayDo(access.role, 'report') && status !== 'approved' && status !== 'cancelled',
  }
}

export type MeetingSituationData = Awaited<ReturnType<typeof meetingSituationData>>
