import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailTransport, sendDueMails } from '../../src/mail/sender'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { startSmtpServer, type LocalSmtp } from '../support/smtp'
import { createTestContext, type TestContext } from '../support/test-context'

// "Glömt lösenordet?" once mail is set up: through the pages, with a real SMTP server on loopback.
let ctx: TestContext
let smtp: LocalSmtp

beforeAll(async () => {
  smtp = await startSmtpServer()
  ctx = await createTestContext({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'laget@exempel.se' },
  })
})
afterAll(async () => {
  await smtp?.close()
  await ctx?.destroy()
})

const send = () =>
  sendDueMails(
    { db: ctx.db, live: ctx.live },
    ctx.config.mail.from,
    mailTransport(ctx.config.mail, { info: () => {} }),
  )

describe('glömt lösenordet', () => {
  it('mails a link to an active account; the link sets a new password; the old session ends only then', async () => {
    const person = await aUser(ctx.db)
    const signedIn = new TestClient(ctx.app)
    await signedIn.login(person.email, person.password)

    const visitor = new TestClient(ctx.app)
    const login = await (await visitor.get('/logga-in')).text()
    expect(login).toContain('href="/glomt-losenord"')
    const asked = await visitor.submit('/glomt-losenord', { email: person.email.toUpperCase() })
    expect(asked.status).toBe(303)
    const answer = await (await visitor.get(asked.headers.get('location')!)).text()
    expect(answer).toContain('Om det finns ett konto för adressen har vi skickat en länk dit.')
    // Asking signs nobody out.
    expect((await signedIn.get('/')).status).toBe(200)

    expect(await send()).toEqual({ sent: 1, failed: 0 })
    const mail = smtp.received.at(-1)!
    expect(mail.subject).toBe('Välj nytt lösenord i Läget')
    const link = /http:\/\/localhost(\/aterstall\/[\w-]+)/.exec(mail.text ?? '')![1]!
    const reset = await visitor.submit(link, {
      password: 'ett nytt långt lösenord',
      passwordConfirm: 'ett nytt långt lösenord',
    })
    expect(reset.status).toBe(303)
    await new TestClient(ctx.app).login(person.email, 'ett nytt långt lösenord')
    // Setting it ended the old session.
    expect((await signedIn.get('/')).status).toBe(303)
    // The token never reaches the request log.
    const token = link.split('/').at(-1)!
    expect(JSON.stringify(ctx.logged)).not.toContain(token)
  })

  it('answers the same for an address with no account, and sends nothing', async () => {
    const before = smtp.received.length
    const visitor = new TestClient(ctx.app)
    const asked = await visitor.submit('/glomt-losenord', { email: 'ingen.alls@exempel.se' })
    expect(asked.status).toBe(303)
    expect(asked.headers.get('location')).toBe('/glomt-losenord?skickat=1')
    expect(await send()).toEqual({ sent: 0, failed: 0 })
    expect(smtp.received.length).toBe(before)
  })

  it('slows down repeated requests for one address', async () => {
    const person = await aUser(ctx.db)
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const visitor = new TestClient(ctx.app)
      statuses.push((await visitor.submit('/glomt-losenord', { email: person.email })).status)
    }
    expect(statuses.slice(0, 3)).toEqual([303, 303, 303])
    expect(statuses.at(-1)).toBe(429)
  })
})
