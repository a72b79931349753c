import type { AgendaTemplateItem } from '../meetings/meeting.table'

export const agendaTemplateNames = ['est', 'vbe', 'empty'] as const
export type AgendaTemplateName = (typeof agendaTemplateNames)[number]

/** The EST default agenda of domain.md §1: 60 minutes. */
const est: AgendaTemplateItem[] = [
  { title: 'Uppföljning av öppna åtgärder', kind: 'action_follow_up', minutes: 10 },
  { title: 'Lägesbild per område – runt bordet', kind: 'situation_review', minutes: 25 },
  { title: 'Kommande händelser, lov och högtider', kind: 'information', minutes: 5 },
  { title: 'Beslut, åtgärder och ansvariga', kind: 'other', minutes: 10 },
  { title: 'Vad ska kommuniceras ut?', kind: 'information', minutes: 5 },
  { title: 'Övriga frågor', kind: 'other', minutes: 5 },
]

const vbe: AgendaTemplateItem[] = [
  { title: 'Uppföljning av öppna åtgärder', kind: 'action_follow_up', minutes: 15 },
  { title: 'Lägesbild: vad ser verksamheterna?', kind: 'situation_review', minutes: 30 },
  { title: 'Fördjupning', kind: 'deep_dive', minutes: 20 },
  { title: 'Beslut, åtgärder och ansvariga', kind: 'other', minutes: 15 },
  { title: 'Återkoppling och kommunikation', kind: 'information', minutes: 5 },
  { title: 'Övriga frågor', kind: 'other', minutes: 5 },
]

export const agendaTemplates: Record<AgendaTemplateName, AgendaTemplateItem[]> = {
  est,
  vbe,
  empty: [],
}
