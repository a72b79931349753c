import type { Db, Trx } from '../../src/db/connect'

/** Arranges a test's data with the write functions, which run only in a transaction. */
export const inTransaction = <T>(db: Db, write: (trx: Trx) => Promise<T>): Promise<T> =>
  db.transaction().execute(write)
