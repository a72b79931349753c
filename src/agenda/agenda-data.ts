import { mayDo } from '../access/meeting-policy'
import type { MeetingAccess } from '../access/team-access'
import type { Db } from '../db/connect'
import { todayInStockholm } from '../i18n/format'
import { listPresenterAgencies } from '../teams/team.repository'
import { isEditable } from '../meetings/meeting-status'
import { listAgendaItems } from '../meetings/meeting.repository'

export type AgendaSectionData = Awaited<ReturnType<typeof agendaSectionData>>

export async function agendaSectionData(db: Db, access: MeetingAccess) {
  const [items, agencies] = await Promise.all([
    listAgendaItems(db, access.meeting.id),
    listPresenterAgencies(db, access.team.id, access.meeting.id, todayInStockholm()),
  ])
  return {
    meeting: access.meeting,
    items,
    agencies,
    canEdit: mayDo(access.role, 'editAgenda') && isEditable(access.meeting.status),
    // While the meeting runs, each agenda item offers the chair a decision under it.
    canDecide: mayDo(access.role, 'record') && access.meeting.status === 'open',
  }
}
