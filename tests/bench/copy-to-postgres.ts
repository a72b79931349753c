// The bench's seeded SQLite installation, copied into a PostgreSQL schema of its own (migrated there
// first), so that the same pages can be measured on both engines with the same data.
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { connect } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'

export async function copyToPostgres(file: string, url: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`drop schema if exists ${schema} cascade`)
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const target = connect({ kind: 'postgres', url }, { searchPath: schema })
  await migrateToLatest(target.db)
  await target.close()

  const source = new SqliteDatabase(file, { readonly: true })
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  // Rows go in as they are: no triggers (append-only guards) or foreign-key checks while copying.
  await client.query('set session_replication_role = replica')
  const tables = (
    source
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
      )
      .all() as { name: string }[]
  ).map((row) => row.name)
  // What the migrations seeded goes first, all at once: a truncate cascading later would empty tables already copied.
  await client.query(`truncate ${tables.join(', ')} cascade`)
  for (const table of tables) {
    const columns = (source.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map(
      (column) => column.name,
    )
    const perBatch = Math.max(1, Math.floor(30_000 / columns.length))
    let batch: unknown[][] = []
    const flush = async () => {
      if (batch.length === 0) return
      const values = batch
        .map(
          (_, row) =>
            `(${columns.map((__, col) => `$${row * columns.length + col + 1}`).join(',')})`,
        )
        .join(',')
      await client.query(
        `insert into ${table} (${columns.map((c) => `"${c}"`).join(',')}) values ${values}`,
        batch.flat(),
      )
      batch = []
    }
    for (const row of source.prepare(`select * from ${table}`).raw().iterate() as Iterable<
      unknown[]
    >) {
      batch.push(row)
      if (batch.length >= perBatch) await flush()
    }
    await flush()
  }
  await client.query('analyze')
  await client.end()
  source.close()
  const inSchema = new URL(url)
  inSchema.searchParams.set('options', `-c search_path=${schema}`)
  return inSchema.toString()
}
