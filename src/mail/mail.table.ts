/** A mail waiting to be sent, or sent: its template and parameters, never text about the matter at hand. */
export interface MailOutboxTable {
  id: string
  to_address: string
  user_id: string | null
  locale: string
  template: MailTemplate
  /** JSON of the template's parameters */
  params: string
  created_at: string
  attempts: number
  next_attempt_at: string
  sent_at: string | null
  last_error: string | null
}

export const mailTemplates = [
  'invitation',
  'password_reset',
  'call_published',
  'minutes_awaiting',
  'actions_due',
  'representatives_changed',
  'mandates_ending',
  'guest_invited',
  'weekly_digest',
  'report_handled',
] as const
export type MailTemplate = (typeof mailTemplates)[number]
