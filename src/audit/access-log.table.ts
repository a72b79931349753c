import type { Selectable } from 'kysely'

/** How much of an object a read revealed. */
export const accessShownKinds = ['full', 'stub', 'aggregate'] as const
export type AccessShown = (typeof accessShownKinds)[number]

/** Where a read happened: the surface that showed it. */
export const accessVias = [
  'entry_page',
  'entry_fragment',
  'entry_list',
  'team_page',
  'meeting',
  'live',
  'minutes',
  'overview',
  'overview_cell',
  'analysis',
  'export',
  'calendar',
  'yearly_report',
  'reports',
] as const
export type AccessVia = (typeof accessVias)[number]

export interface AccessLogHeadTable {
  id: number
  last_seq: number
  last_batch: number
  last_hash: string
}

/** One request's (or one live update's) reads: who, when, where, and the set of objects read. */
export interface AccessLogTable {
  seq: number
  batch: number
  read_at: string
  request_id: string | null
  user_id: string
  agency_id: string
  via: AccessVia
  read_set_id: string
}

/** The objects of a read set, in order; the set's id is the SHA-256 of them. */
export interface AccessReadSetItemTable {
  set_id: string
  position: number
  object_type: string
  object_id: string
  team_id: string | null
  role: string | null
  shown: AccessShown
  legal_basis_id: string | null
}

export interface AccessLogSealTable {
  batch: number
  first_seq: number
  last_seq: number
  sealed_at: string
  prev_hash: string
  hash: string
}

/** A log reviewer's review of their agency's reads, done and noted (append-only). */
export interface LogReviewTable {
  id: string
  agency_id: string
  reviewer_user_id: string
  period_from: string
  period_to: string
  reads_sampled: number
  note: string
  created_at: string
}

/** The view `access_log_rows`: one row per object and request. */
export interface AccessLogRowsView extends AccessLogTable, Omit<AccessReadSetItemTable, 'set_id'> {}

export type AccessLogRow = Selectable<AccessLogTable>
export type AccessLogObjectRow = Selectable<AccessLogRowsView>
