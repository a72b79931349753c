import nodemailer from 'nodemailer'
import { commitAs, type Committer } from '../changes/commit'
import type { MailConfig } from '../config'
import { isLocale, translator, type MessageKey } from '../i18n/t'
import type { Logger } from '../logger'
import type { MailOutboxTable, MailTemplate } from './mail.table'
import { dueMails, markFailed, markSent } from './outbox'

export type Message = { from: string; to: string; subject: string; text: string }
export type MailTransport = { send: (message: Message) => Promise<void> }

/** Sends through the configured SMTP server; with none, writes the mail to the log (development). */
export function mailTransport(config: MailConfig, logger: Pick<Logger, 'info'>): MailTransport {
  if (config.kind === 'log')
    return {
      // The text holds one-time links: in the log only where nobody else reads it (development).
      send: async (message) =>
        logger.info('mail not sent: no SMTP_HOST configured', {
          to: message.to,
          subject: message.subject,
          ...(process.env.NODE_ENV === 'production' ? {} : { text: message.text }),
        }),
    }
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
  })
  return {
    send: async (message) => {
      await transporter.sendMail(message)
    },
  }
}

/** After a failure, the next try: 1 minute, 5, 30, 2 hours, then every 12 hours; after 8 tries, none. */
const retryAfterMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000]
const maxAttempts = 8

const templateKeys: Record<MailTemplate, { subject: MessageKey; body: MessageKey }> = {
  invitation: { subject: 'mail.invitation.subject', body: 'mail.invitation.body' },
  password_reset: { subject: 'mail.password_reset.subject', body: 'mail.password_reset.body' },
  call_published: { subject: 'mail.call_published.subject', body: 'mail.call_published.body' },
  minutes_awaiting: {
    subject: 'mail.minutes_awaiting.subject',
    body: 'mail.minutes_awaiting.body',
  },
  actions_due: { subject: 'mail.actions_due.subject', body: 'mail.actions_due.body' },
  representatives_changed: {
    subject: 'mail.representatives_changed.subject',
    body: 'mail.representatives_changed.body',
  },
  mandates_ending: { subject: 'mail.mandates_ending.subject', body: 'mail.mandates_ending.body' },
  guest_invited: { subject: 'mail.guest_invited.subject', body: 'mail.guest_invited.body' },
  weekly_digest: { subject: 'mail.weekly_digest.subject', body: 'mail.weekly_digest.body' },
  report_handled: { subject: 'mail.report_handled.subject', body: 'mail.report_handled.body' },
}

/** The mail's subject and text, from the catalogue, in the person's language. */
export function renderMail(row: Pick<MailOutboxTable, 'locale' | 'template' | 'params'>) {
  const t = translator(isLocale(row.locale) ? row.locale : 'sv')
  const params = JSON.parse(row.params) as Record<string, string>
  const keys = templateKeys[row.template]
  return { subject: t(keys.subject, params), text: t(keys.body, params) }
}

/**
 * Sends the mails that are due, one at a time; each outcome is recorded (and
 * audited, without the body) through the write door. Returns how many went and failed.
 */
export async function sendDueMails(
  deps: Committer,
  from: string,
  transport: MailTransport,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  let sent = 0
  let failed = 0
  for (const row of await dueMails(deps.db, now.toISOString())) {
    const attempts = row.attempts + 1
    const actor = { userId: null, agencyId: null }
    try {
      await transport.send({ from, to: row.to_address, ...renderMail(row) })
      sent++
      await commitAs(deps, actor, async (trx, change) => {
        await markSent(trx, row.id, attempts)
        change.audit({
          action: 'mail.sent',
          objectType: 'mail',
          objectId: row.id,
          details: { template: row.template, userId: row.user_id, attempts },
        })
        change.nothingChanged()
      })
    } catch (error) {
      failed++
      const next =
        attempts >= maxAttempts
          ? '9999-12-31T00:00:00.000Z'
          : new Date(now.getTime() + (retryAfterMs[attempts - 1] ?? 12 * 3_600_000)).toISOString()
      await commitAs(deps, actor, async (trx, change) => {
        await markFailed(trx, row.id, attempts, next, String(error))
        change.audit({
          action: 'mail.failed',
          objectType: 'mail',
          objectId: row.id,
          outcome: 'failure',
          details: { template: row.template, userId: row.user_id, attempts },
        })
        change.nothingChanged()
      })
    }
  }
  return { sent, failed }
}
