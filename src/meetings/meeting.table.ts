import type { Selectable } from 'kysely'

export const meetingStatuses = [
  'planned',
  'called',
  'open',
  'closed',
  'approved',
  'cancelled',
] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

export const agendaItemKinds = [
  'action_follow_up',
  'situation_review',
  'deep_dive',
  'information',
  'other',
] as const
export type AgendaItemKind = (typeof agendaItemKinds)[number]

export type AgendaTemplateItem = { title: string; kind: AgendaItemKind; minutes: number | null }

export interface MeetingSeriesTable {
  id: string
  team_id: string
  title: string
  cadence: 'weekly' | 'monthly'
  interval_weeks: number
  /** For monthly series: 1–4, or -1 for the last weekday of the month. */
  monthly_nth: number | null
  weekday: number
  start_time: string
  duration_minutes: number
  location: string
  video_link: string
  first_day: string
  /** JSON array of AgendaTemplateItem */
  agenda_template: string
  created_at: string
  updated_at: string
}

export interface MeetingTable {
  id: string
  team_id: string
  series_id: string | null
  /** The day the series rule gave this meeting; stays when the meeting is moved. */
  series_day: string | null
  title: string
  starts_at: string
  ends_at: string
  location: string
  video_link: string
  status: MeetingStatus
  /** Moved or edited by hand: later changes to the series leave it alone. */
  is_moved: number
  /** Incremented on every change calendar clients must see (ICS SEQUENCE). */
  sequence: number
  called_at: string | null
  opened_at: string | null
  closed_at: string | null
  approved_at: string | null
  cancelled_at: string | null
  /** The justerare: an attendee who approves the minutes with the chair. */
  minute_checker_user_id: string | null
  /** Who chairs this meeting and approves its minutes as chair; null: the team's chair. */
  chair_user_id: string | null
  created_at: string
  updated_at: string
}

export interface MeetingAttendanceTable {
  meeting_id: string
  agency_id: string
  present: number
  updated_at: string
}

export interface MeetingGuestTable {
  id: string
  meeting_id: string
  /** An organisation or function ("Räddningstjänsten"), never a person's name. */
  organisation: string
  created_at: string
}

/** A person invited to one meeting: sees it as an observer until its minutes are approved. */
export interface MeetingGuestAccessTable {
  id: string
  meeting_id: string
  user_id: string
  invited_by: string | null
  created_at: string
}

export interface AgendaItemTable {
  id: string
  meeting_id: string
  position: number
  title: string
  kind: AgendaItemKind
  presenter_agency_id: string | null
  minutes: number | null
  notes: string
  created_at: string
  updated_at: string
}

export interface CalendarFeedTable {
  user_id: string
  token_hash: string
  created_at: string
}

export type MeetingSeriesRow = Selectable<MeetingSeriesTable>
export type MeetingRow = Selectable<MeetingTable>
export type AgendaItemRow = Selectable<AgendaItemTable>
