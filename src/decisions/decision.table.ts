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
