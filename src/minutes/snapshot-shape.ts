/** The headings and column names of the record, as the catalogue had them when it was made. */
export type SnapshotLabels = Record<
  | 'record'
  | 'when'
  | 'location'
  | 'attendance'
  | 'attendanceNone'
  | 'agenda'
  | 'followUp'
  | 'followUpNone'
  | 'situation'
  | 'assessments'
  | 'assessmentsNone'
  | 'area'
  | 'level'
  | 'trend'
  | 'justification'
  | 'entries'
  | 'entriesNone'
  | 'category'
  | 'entriesCount'
  | 'eventsCount'
  | 'trends'
  | 'decisions'
  | 'decisionsNone'
  | 'approval',
  string
>

/**
 * The justerat protokoll as stored at the second approval: everything it says,
 * as text fixed at that moment — names as they were, each action's status
 * then, the picture as the whole team may see it — so that re-rendering it
 * gives the same bytes forever. Labels come from the catalogue when it is made
 * and are stored with it. The record is kept in Swedish, the team's language.
 */
export type MinutesSnapshot = {
  format: 1
  meetingId: string
  teamId: string
  title: string
  when: string
  location: string
  labels: SnapshotLabels
  attendance: string[]
  agenda: string[]
  followUp: { actionId: string; text: string; facts: string; outcome: string | null }[]
  decisions: {
    decisionId: string
    item: string | null
    text: string
    /** "Svarar på: …": the cells of the picture it answers; absent when it named none (and in older records). */
    problems?: string
    /** `goal`: "Operativt mål: …", absent when the action had none. */
    actions: { actionId: string; text: string; facts: string; status: string; goal?: string }[]
  }[]
  assessments: { area: string; level: string; trend: string; justification: string }[]
  picture: { area: string; category: string; entries: string; events: string; trends: string }[]
  approvals: { capacity: string; text: string }[]
  approvedAt: string
}
