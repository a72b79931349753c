// The ceiling for this stack on this machine: plain Hono + kysely + hono/jsx rendering
// 200 rows of an indexed 100,000-row table. No auth, no policy, no middleware.
import { serve } from '@hono/node-server'
import SqliteDatabase from 'better-sqlite3'
import { Hono } from 'hono'
import { Kysely, SqliteDialect } from 'kysely'

type Row = { id: number; bucket: number; title: string; note: string }
const file = process.argv[2]!
const port = Number(process.argv[3])
const sqlite = new SqliteDatabase(file)
sqlite.pragma('journal_mode = WAL')
const db = new Kysely<{ reference_rows: Row }>({ dialect: new SqliteDialect({ database: sqlite }) })

const app = new Hono()
let page = 0
app.get('/', async (c) => {
  page = (page + 1) % 500
  const rows = await db
    .selectFrom('reference_rows')
    .selectAll()
    .where('bucket', '=', page)
    .orderBy('id')
    .limit(200)
    .execute()
  return c.html(
    '<!DOCTYPE html>' +
    (
      <html lang="sv">
        <head>
          <title>Referens</title>
        </head>
        <body>
          <main>
            <table>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>{row.id}</td>
                    <td>{row.title}</td>
                    <td>{row.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </main>
        </body>
      </html>
    ),
  )
})
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('listening'))
