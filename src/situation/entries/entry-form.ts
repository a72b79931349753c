import { z } from 'zod'
import { choice, isValidDay, optionalText, requiredText } from '../../http/forms'
import { isUuid } from '../../http/params'
import { guidePurposes, type GuidePurpose } from '../../sharing/legal-basis.table'
import type { GuideAnswers } from '../../sharing/sharing-guide'
import { sharingScopes } from '../../teams/team.table'
import { trends } from '../situation-entry.table'

export const descriptionMaxLength = 1000

const day = () =>
  z
    .string({ error: 'error.required' })
    .trim()
    .min(1, 'error.required')
    .refine(isValidDay, 'error.date')

export const entrySchema = z
  .object({
    areaId: z.string({ error: 'error.choice' }).refine(isUuid, 'error.choice'),
    categoryId: z.string({ error: 'error.choice' }).refine(isUuid, 'error.choice'),
    periodFrom: day(),
    periodTo: day(),
    eventCount: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || /^\d{1,5}$/.test(value), 'situation.error.count')
      .transform((value) => (value ? Number(value) : null)),
    trend: choice(trends),
    description: requiredText(descriptionMaxLength),
    ownReference: optionalText(60),
    scope: choice(sharingScopes),
    recipients: z
      .string()
      .optional()
      .transform((value) => (value ? [...new Set(value.split(','))] : []))
      .refine(
        (ids) => ids.every(isUuid) && ids.length <= 50,
        'situation.error.recipientOutsideTeam',
      ),
    legalBasisId: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .refine((value) => value === null || isUuid(value), 'situation.error.basisNotProposed'),
  })
  .superRefine((entry, ctx) => {
    if (entry.periodFrom > entry.periodTo)
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'situation.error.periodOrder' })
  })

export type EntryFormData = z.output<typeof entrySchema>

const yesNo = (value: string | undefined): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined

export const consentGivers = ['person', 'guardian'] as const

/**
 * The sharing guide's answers from the form; null until the first question
 * (does this concern an identifiable person?) is answered. Unknown values read
 * as unanswered, so a tampered answer only narrows what is proposed.
 */
export function readGuideAnswers(
  values: Record<string, string>,
): (GuideAnswers & { consentBy: (typeof consentGivers)[number] | null }) | null {
  const identifiable = yesNo(values.guideIdentifiable)
  if (identifiable === undefined) return null
  const purpose = (guidePurposes as readonly string[]).includes(values.guidePurpose ?? '')
    ? (values.guidePurpose as GuidePurpose)
    : null
  const consent = yesNo(values.guideConsent)
  const consentBy =
    consent && (consentGivers as readonly string[]).includes(values.guideConsentBy ?? '')
      ? (values.guideConsentBy as (typeof consentGivers)[number])
      : null
  return {
    identifiable,
    ...(identifiable
      ? { under18: yesNo(values.guideUnder18), under21: yesNo(values.guideUnder21), consent }
      : {}),
    purpose,
    consentBy,
  }
}
