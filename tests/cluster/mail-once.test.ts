import { describe, expect, it } from 'vitest'
import { commitAs } from '../../src/changes/commit'
import { queueMail } from '../../src/mail/outbox'
import { useClusterSchema } from '../support/cluster'
import { scratchDir } from '../support/server-process'
import { startSmtpServer } from '../support/smtp'
import { usingPostgres } from '../support/test-context'

// Two Läget processes on one PostgreSQL, both with the mail queue's job: each mail goes out once.
const dir = scratchDir('laget-cluster-mail-')

describe.skipIf(!usingPostgres())('one job runner across two processes', () => {
  const cluster = useClusterSchema(dir)

  it('sends each queued mail once, though both processes run the mail queue', async () => {
    const { connection } = cluster
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
    await cluster.startTwo({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MAIL_FROM: 'laget@exempel.se',
    })
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
      await smtp.close()
    }
  })
})
