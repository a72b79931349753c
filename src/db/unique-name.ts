import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database'

type NamedTable = 'agencies' | 'teams' | 'areas' | 'categories' | 'team_allowed_places'

/**
 * Whether `name` is already used in `table`, ignoring case, optionally within
 * one team and leaving out the row being renamed. The database's unique
 * constraints are case-sensitive; this check is what people see.
 */
export async function isNameTaken(
  db: Kysely<Database> | Transaction<Database>,
  table: NamedTable,
  name: string,
  scope: { teamId?: string; exceptId?: string } = {},
): Promise<boolean> {
  // The four tables share id, name and (for areas and categories) team_id; kysely cannot type a table chosen at run time.
  const anyDb = db as unknown as Kysely<any>
  let query = anyDb
    .selectFrom(table)
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
  if (scope.teamId) query = query.where('team_id', '=', scope.teamId)
  if (scope.exceptId) query = query.where('id', '!=', scope.exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

/** A unique constraint refused a write: two people saved the same thing at once. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  )
}
