import type { Trx } from './connect'

/** The tables gallring removes rows of by their id (a row's dependants go by the foreign keys' cascades). */
type RemovableTable = 'actions' | 'decisions' | 'disclosures' | 'action_progress_notes'

/** Removes the rows of `table` whose id is one of `ids`; returns how many went. */
export async function deleteByIds(
  trx: Trx,
  table: RemovableTable,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0
  // One of the tables above, each keyed by a text id: the query is the same for all of them.
  const result = await trx
    .deleteFrom(table as 'actions')
    .where('id', 'in', ids)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
