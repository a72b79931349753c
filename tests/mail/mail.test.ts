import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailTransport, sendDueMails } from '../../src/mail/sender'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { recipientOf, startSmtpServer, type LocalSmtp } from '../support/smtp'
import { createTestContext, type TestContext } from '../support/test-context'

// E-mail that carries no content (issue 15): sent through a real SMTP server on loopback.
let ctx: TestContext
let smtp: LocalSmtp
const from = 'laget@exempelstad.example'

beforeAll(async () => {
  ctx = await createTestContext()
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp?.close()
  await ctx?.destroy()
})

const transport = () =>
  mailTransport(
    {
      kind: 'smtp',
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      password: null,
      from,
    },
    { info: () => {} },
  )
const send = () => sendDueMails({ db: ctx.db, live: ctx.live }, from, transport())

describe('mail from the queue', () => {
  it('sends an invitation made through the admin form; the link in it activates the account', async () => {
    const admin = await aUser(ctx.db, { isAdmin: true })
    const adminClient = new TestClient(ctx.app)
    await adminClient.login(admin.email, admin.password)
    const email = 'ines.inbjuden@exempelstad.example'
    const invited = await adminClient.submit('/admin/anvandare/ny', {
      name: 'Ines Inbjuden',
      email,
      agencyId: admin.agencyId,
    })
    expect(invited.status).toBe(303)
    expect(await send()).toEqual({ sent: 1, failed: 0 })
    const mail = smtp.received.at(-1)!
    expect(recipientOf(mail)).toBe(email)
    expect(mail.from?.text).toBe(from)
    expect(mail.subject).toBe('Inbjudan till Läget')
    const link = /http:\/\/localhost(\/inbjudan\/[\w-]+)/.exec(mail.text ?? '')![1]!
    // Sent once: the queue is empty now.
    expect(await send()).toEqual({ sent: 0, failed: 0 })

    const person = new TestClient(ctx.app)
    const activated = await person.submit(link, {
      password: 'ett långt lösenord här',
      passwordConfirm: 'ett långt lösenord här',
    })
    expect(activated.status).toBe(303)
    await new TestClient(ctx.app).login(email, 'ett långt lösenord här')

    // Audited without the body: the template and the person, never the link or the text.
    const events = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'in', ['mail.queued', 'mail.sent'])
      .execute()
    expect(events.map((event) => event.action)).toEqual(['mail.queued', 'mail.sent'])
    for (const event of events) {
      expect(event.details).toContain('"template":"invitation"')
      expect(event.details).not.toContain('/inbjudan/')
    }
  })

  it('keeps a mail the server refused and tries it again later, not at once', async () => {
    const person = await aUser(ctx.db)
    const adminClient = new TestClient(ctx.app)
    const admin = await aUser(ctx.db, { isAdmin: true })
    await adminClient.login(admin.email, admin.password)
    const page = `/admin/anvandare/${person.id}`
    expect(
      (await adminClient.submit(page, {}, { action: `${page}/aterstall-losenord` })).status,
    ).toBe(303)
    smtp.refusing.on = true
    expect(await send()).toEqual({ sent: 0, failed: 1 })
    smtp.refusing.on = false
    // Not due yet: retried after a minute.
    expect(await send()).toEqual({ sent: 0, failed: 0 })
    const later = new Date(Date.now() + 2 * 60_000)
    expect(await sendDueMails({ db: ctx.db, live: ctx.live }, from, transport(), later)).toEqual({
      sent: 1,
      failed: 0,
    })
    expect(smtp.received.at(-1)!.subject).toBe('Välj nytt lösenord i Läget')
  })

  it('never carries what was written about the matter at hand', async () => {
    // Every mail sent in this file: links, times and greetings only.
    const texts = smtp.received.map((mail) => `${mail.subject}\n${mail.text}`)
    expect(texts.length).toBeGreaterThan(0)
    const rows = await ctx.db.selectFrom('mail_outbox').select(['template', 'params']).execute()
    for (const row of rows)
      expect(Object.keys(JSON.parse(row.params)).sort(), row.template).toEqual(['expires', 'link'])
  })
})
