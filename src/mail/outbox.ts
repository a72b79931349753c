import type { ChangeRecord } from '../changes/commit'
import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { Locale } from '../i18n/t'
import type { MailTemplate } from './mail.table'

export type QueuedMail = {
  to: string
  userId: string | null
  locale: Locale
  template: MailTemplate
  /** Links, times and counts only: a mail never carries what was written about the matter at hand. */
  params: Record<string, string>
}

/** Puts a mail in the queue, in the change it belongs to; audited without its body. */
export async function queueMail(trx: Trx, change: ChangeRecord, mail: QueuedMail): Promise<string> {
  const id = newId()
  const now = nowIso()
  await trx
    .insertInto('mail_outbox')
    .values({
      id,
      to_address: mail.to,
      user_id: mail.userId,
      locale: mail.locale,
      template: mail.template,
      params: JSON.stringify(mail.params),
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      sent_at: null,
      last_error: null,
    })
    .execute()
  change.audit({
    action: 'mail.queued',
    objectType: 'mail',
    objectId: id,
    details: { template: mail.template, userId: mail.userId },
  })
  return id
}

/** Mails whose time to be tried has come, oldest first. */
export function dueMails(db: Db, now: string, limit = 20) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('created_at')
    .limit(limit)
    .execute()
}

export async function markSent(trx: Trx, id: string, attempts: number): Promise<void> {
  await trx
    .updateTable('mail_outbox')
    .set({ sent_at: nowIso(), attempts, last_error: null })
    .where('id', '=', id)
    .execute()
}

export async function markFailed(
  trx: Trx,
  id: string,
  attempts: number,
  nextAttemptAt: string,
  error: string,
): Promise<void> {
  await trx
    .updateTable('mail_outbox')
    .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute()
}
