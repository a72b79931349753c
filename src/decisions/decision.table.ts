import type { Selectable } from 'kysely'

export interface DecisionTable {
  id: string
  meeting_id: string
  agenda_item_id: string | null
  text: string
  created_by: string
  created_at: string
  updated_at: string
}

export type DecisionRow = Selectable<DecisionTable>

/** A problem a decision answers: one cell of the picture, an area × a category. */
export interface DecisionProblemTable {
  decision_id: string
  area_id: string
  category_id: string
}

/** An entry of the meeting's picture a decision names: a link by id, never a copy of its text. */
export interface DecisionEntryTable {
  decision_id: string
  entry_id: string
}
