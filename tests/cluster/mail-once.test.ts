import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { commitAs } from '../../src/changes/commit'
import { connect } from '../../src/db/connect'
import { migrateToLatest } from '../../src/db/migrator'
import { queueMail } from '../../src/mail/outbox'
import { dropSchemas } from '../support/drop-schema'
import { scratchDir, startServerProcess, stopServerProcess } from '../support/server-process'
import { startSmtpServer } from '../support/smtp'
import { usingPostgres } from '../support/test-context'

// Two Läget processes on one PostgreSQL, both with the mail queue's job: each mail goes out once.
const url = process.env.TEST_DATABASE_URL ?? ''
const dir = scratchDir('laget-cluster-mail-')
const schema = `t_${Math.random().toString(36).slice(2, 12)}`

afterAll(async () => {
  if (usingPostgres()) await dropSchemas(url, [schema])
})

describe.skipIf(!usingPostgres())('one job runner across two processes', () => {
  it('sends each queued mail once, though both processes run the mail queue', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const connection = connect({ kind: 'postgres', url }, { searchPath: schema })
    await migrateToLatest(connection.db)
    await commitAs({ db: connection.db }, { userId: null, agencyId: null }, async (trx, change) => {
      for (let i = 0; i < 20; i++)
        await queueMail(trx, change, {
          to: `mottagare.${i}@example.se`,
          userId: null,
          locale: 'sv',
          template: 'actions_due',
          params: { due: '1', overdue: '0', link: 'http://localhost/atgarder' },
        })
    })
    const smtp = await startSmtpServer()
    const inSchema = new URL(url)
    inSchema.searchParams.set('options', `-c search_path=${schema}`)
    const env = {
      DATABASE_URL: inSchema.toString(),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MAIL_FROM: 'laget@exempel.se',
    }
    const [one, two] = await Promise.all([
      startServerProcess(`${dir}/a.sqlite`, env),
      startServerProcess(`${dir}/b.sqlite`, env),
    ])
    try {
      let unsent = 20
      for (let i = 0; i < 150 && unsent > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        const row = await connection.db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('sent_at', 'is', null)
          .executeTakeFirstOrThrow()
        unsent = Number(row.n)
      }
      expect(unsent).toBe(0)
      // A moment more for a second sender, were there one.
      await new Promise((resolve) => setTimeout(resolve, 6000))
      expect(smtp.received).toHaveLength(20)
      expect(
        new Set(smtp.received.map((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '')))
          .size,
      ).toBe(20)
    } finally {
      await stopServerProcess(one, 'SIGTERM')
      await stopServerProcess(two, 'SIGTERM')
      await smtp.close()
      await connection.close()
    }
  })
})
