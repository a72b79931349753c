import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Config } from '../config'
import type { Database } from './database'
import { PreparingClient } from './postgres-statements'

export type DatabaseKind = Config['database']['kind']

/** The database, for reads and for opening a change (changes/commit.ts). */
export type Db = Kysely<Database>

/**
 * An open transaction. Whatever must commit with a change (its derived data, its
 * audit event, its disclosure) takes a `Trx`, so the compiler refuses a `Db` there.
 */
export type Trx = Transaction<Database>

export type Connection = {
  db: Db
  kind: DatabaseKind
  close: () => Promise<void>
  /** The SQLite handle itself, for the few bulk writes kysely would make slow (the access log). */
  sqlite?: SqliteDatabase.Database
}

/**
 * Opens better-sqlite3 with the settings Läget relies on. They are set on every
 * open because better-sqlite3 reopens WAL databases at synchronous=NORMAL, which
 * survives a crash but not a power loss; FULL survives both.
 */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // SQLite's default page cache is 2 MB; a year of entries' indexes is far bigger, and every
  // save and page that misses it goes back to the file.
  sqlite.pragma('cache_size = -32768')
  // Another connection's commit (the read-access log's thread, every half second) makes SQLite drop
  // this connection's whole page cache; pages mapped into memory come back without a read each.
  sqlite.pragma('mmap_size = 268435456')
  // SQLite's own lower() folds only ASCII; Swedish names start with Å, Ä and Ö.
  // This one folds like PostgreSQL's, so case-insensitive checks agree on both.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  return sqlite
}

// PostgreSQL hands back bigint and numeric as strings; Läget's counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/**
 * kysely's SQLite driver prepares every query anew, and preparing costs more
 * than running most of Läget's queries. This hands it statements from a bounded
 * cache keyed by SQL text instead. Safe because the driver runs each statement
 * to completion synchronously (all/run), never leaving one half-iterated.
 */
export function withStatementCache(
  sqlite: SqliteDatabase.Database,
  size = 500,
): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>()
  const prepare = (sql: string) => {
    let statement = cache.get(sql)
    if (statement) {
      cache.delete(sql)
    } else {
      statement = sqlite.prepare(sql)
      if (cache.size >= size) cache.delete(cache.keys().next().value!)
    }
    cache.set(sql, statement)
    return statement
  }
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export type ConnectOptions = {
  searchPath?: string
  /** Told when an idle pooled connection breaks (the server restarted, failed over, or ended it). */
  onConnectionLost?: (error: Error) => void
}

export function connect(database: Config['database'], options: ConnectOptions = {}): Connection {
  if (database.kind === 'sqlite') {
    const sqlite = openSqlite(database.file)
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    })
    return { db, kind: 'sqlite', close: () => db.destroy(), sqlite }
  }
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: database.url,
    max: database.poolSize ?? 10,
    // A server that does not answer is reported as away within seconds, not after the OS gives up.
    connectionTimeoutMillis: 5000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  // Without a listener, an idle connection's error (a restart, pg_terminate_backend, a failover) would
  // end the process. The pool drops that connection; the next query opens a new one.
  pool.on('error', (error) => options.onConnectionLost?.(error))
  // The same for a connection in use (a job holding its lock, a query running): the query fails, the process stays.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', close: () => db.destroy() }
}
