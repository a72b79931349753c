// A real SMTP server on loopback for the mail tests (smtp-server), collecting what it receives.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort } from './free-port'

export type LocalSmtp = {
  port: number
  received: ParsedMail[]
  /** While true, the server refuses every message (a mailbox that is unavailable). */
  refusing: { on: boolean }
  close: () => Promise<void>
}

export async function startSmtpServer(): Promise<LocalSmtp> {
  const port = await freePort()
  const received: ParsedMail[] = []
  const refusing = { on: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refusing.on) {
        stream.resume()
        stream.on('end', () => callback(new Error('mailbox unavailable')))
        return
      }
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port,
    received,
    refusing,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The address a parsed mail went to. */
export const recipientOf = (mail: ParsedMail): string =>
  mail.to && 'text' in mail.to ? mail.to.text : ''
