import type { AgencyKind } from '../agencies/agency.table'
import type { GuidePurpose, LegalBasis } from './legal-basis.table'

/** The sharing guide's questions; unanswered ones are left out. */
export type GuideAnswers = {
  identifiable: boolean
  under18?: boolean
  under21?: boolean
  consent?: boolean
  purpose?: GuidePurpose | null
}

export type Recipient = { id: string; kind: AgencyKind; isPublicAuthority: boolean }

/**
 * The bases from the catalogue that may apply, for an agency of `discloserKind`
 * answering the guide's questions on `today` (YYYY-MM-DD). A basis is proposed
 * when it is in force and not retired, the discloser's kind may use it, and
 * every condition it sets is met by an answer. The guide informs; the member
 * chooses, and the choice is recorded.
 */
export function proposeBases(
  catalogue: readonly LegalBasis[],
  answers: GuideAnswers,
  discloserKind: AgencyKind,
  today: string,
): LegalBasis[] {
  return catalogue.filter((basis) => {
    if (basis.retired_at !== null) return false
    if (basis.valid_from && basis.valid_from > today) return false
    if (basis.valid_to && basis.valid_to < today) return false
    if (basis.disclosers !== 'any' && !basis.disclosers.includes(discloserKind)) return false
    const when = basis.appliesWhen
    if (when.identifiable !== undefined && when.identifiable !== answers.identifiable) return false
    for (const key of ['under18', 'under21', 'consent'] as const) {
      if (when[key] !== undefined && when[key] !== answers[key]) return false
    }
    if (when.purpose !== undefined && when.purpose !== answers.purpose) return false
    return true
  })
}

/**
 * The recipients a basis does not allow: a kind it does not name, or a private
 * actor (housing company, security firm, civil society) when it does not allow
 * private recipients. Empty when every recipient is allowed.
 */
export function refusedRecipients(
  basis: LegalBasis,
  recipients: readonly Recipient[],
): Recipient[] {
  return recipients.filter(
    (recipient) =>
      (basis.recipients !== 'any' && !basis.recipients.includes(recipient.kind)) ||
      (!recipient.isPublicAuthority && !basis.allowsPrivateRecipients),
  )
}
