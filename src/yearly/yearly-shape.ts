export type YearlyLabels = Record<
  | 'record'
  | 'summary'
  | 'summaryNone'
  | 'picture'
  | 'pictureIntro'
  | 'pictureNone'
  | 'team'
  | 'area'
  | 'category'
  | 'entries'
  | 'events'
  | 'problems'
  | 'problemsNone'
  | 'cause'
  | 'plan'
  | 'planNone'
  | 'action'
  | 'goal'
  | 'timing'
  | 'agency'
  | 'followUp'
  | 'followUpNone'
  | 'done'
  | 'effect'
  | 'rating'
  | 'note'
  | 'approval',
  string
>

/** The frozen yearly report, format 1: everything it shows, as text, so that names changed later change nothing. */
export type YearlySnapshot = {
  format: 1
  year: number
  title: string
  labels: YearlyLabels
  summary: string
  picture: { team: string; area: string; category: string; entries: string; events: string }[]
  problems: { team: string; area: string; category: string; cause: string }[]
  plan: { cause: string; action: string; goal: string; timing: string; agency: string }[]
  followUp: {
    action: string
    goal: string
    agency: string
    done: string
    effect: string
    rating: string
    note: string
  }[]
  approval: string
  approvedAt: string
}
