import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { z } from 'zod'
import { LegalBasesPage, LegalBasisEditPage } from '../../views/admin/legal-bases.page'
import { agencyKinds, type AgencyKind } from '../agencies/agency.table'
import { isUniqueViolation } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import {
  checkbox,
  choice,
  optionalDay,
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import {
  createLegalBasis,
  findLegalBasis,
  listLegalBases,
  setLegalBasisRetired,
  updateLegalBasis,
  type LegalBasisInput,
} from '../sharing/legal-basis.repository'
import { guidePurposes, type AppliesWhen, type LegalBasis } from '../sharing/legal-basis.table'
import { doneMessage } from './done-message'

/** The legal-basis catalogue: data the municipality's lawyers own, edited here, never deleted. */
export const legalBasisAdminRoutes = new Hono<AppEnv>()

const lawText = { notCheckedBecause: 'the text of a law, a regulation or an agreement' }
const answer = z.enum(['any', 'yes', 'no'], { error: 'error.choice' }).default('any')

const basisSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,60}$/, 'legalBasis.error.code'),
    reference: requiredText(200, lawText),
    title: requiredText(200, lawText),
    explanation: requiredText(2000, lawText),
    allowsPrivateRecipients: checkbox(),
    identifiable: answer,
    under18: answer,
    under21: answer,
    consent: answer,
    purpose: z.union([z.literal(''), choice(guidePurposes)], { error: 'error.choice' }).default(''),
    validFrom: optionalDay(),
    validTo: optionalDay(),
    verifyBeforeUse: checkbox(),
  })
  .refine((v) => !v.validFrom || !v.validTo || v.validTo >= v.validFrom, {
    message: 'legalBasis.error.validTo',
    path: ['validTo'],
  })

/**
 * "Any agency", or the kinds ticked one by one (`discloser-police`, …). Both at
 * once is ambiguous: the admin is asked which was meant rather than one choice
 * silently winning.
 */
function kindsFrom(
  values: FormValues,
  prefix: 'discloser' | 'recipient',
): AgencyKind[] | 'any' | 'none' | 'both' {
  const kinds = agencyKinds.filter((kind) => values[`${prefix}-${kind}`] === 'on')
  if (values[`${prefix}-any`] === 'on') return kinds.length ? 'both' : 'any'
  return kinds.length ? kinds : 'none'
}

const kindErrors = {
  none: 'legalBasis.error.noKinds',
  both: 'legalBasis.error.anyAndKinds',
} as const

function parseBasis(
  values: FormValues,
): { ok: true; input: LegalBasisInput } | { ok: false; errors: FieldErrors } {
  const form = validateForm(basisSchema, values)
  const disclosers = kindsFrom(values, 'discloser')
  const recipients = kindsFrom(values, 'recipient')
  const errors: FieldErrors = form.ok ? {} : { ...form.errors }
  if (disclosers === 'none' || disclosers === 'both') errors.disclosers = kindErrors[disclosers]
  if (recipients === 'none' || recipients === 'both') errors.recipients = kindErrors[recipients]
  if (
    !form.ok ||
    disclosers === 'none' ||
    disclosers === 'both' ||
    recipients === 'none' ||
    recipients === 'both'
  )
    return { ok: false, errors }
  const d = form.data
  const yesNo = (value: 'any' | 'yes' | 'no') => (value === 'any' ? undefined : value === 'yes')
  const answers = {
    identifiable: yesNo(d.identifiable),
    under18: yesNo(d.under18),
    under21: yesNo(d.under21),
    consent: yesNo(d.consent),
    purpose: d.purpose || undefined,
  }
  const appliesWhen = Object.fromEntries(
    Object.entries(answers).filter(([, value]) => value !== undefined),
  ) as AppliesWhen
  return {
    ok: true,
    input: {
      code: d.code,
      reference: d.reference,
      title: d.title,
      explanation: d.explanation,
      disclosers,
      recipients,
      allowsPrivateRecipients: d.allowsPrivateRecipients,
      appliesWhen,
      validFrom: d.validFrom,
      validTo: d.validTo,
      verifyBeforeUse: d.verifyBeforeUse,
    },
  }
}

export function valuesOfBasis(basis: LegalBasis): FormValues {
  const values: FormValues = {
    code: basis.code,
    reference: basis.reference,
    title: basis.title,
    explanation: basis.explanation,
    allowsPrivateRecipients: basis.allowsPrivateRecipients ? 'on' : '',
    validFrom: basis.valid_from ?? '',
    validTo: basis.valid_to ?? '',
    verifyBeforeUse: basis.verifyBeforeUse ? 'on' : '',
    purpose: basis.appliesWhen.purpose ?? '',
  }
  for (const key of ['identifiable', 'under18', 'under21', 'consent'] as const) {
    const value = basis.appliesWhen[key]
    values[key] = value === undefined ? 'any' : value ? 'yes' : 'no'
  }
  for (const [prefix, kinds] of [
    ['discloser', basis.disclosers],
    ['recipient', basis.recipients],
  ] as const) {
    if (kinds === 'any') values[`${prefix}-any`] = 'on'
    else for (const kind of kinds) values[`${prefix}-${kind}`] = 'on'
  }
  return values
}

async function listPage(
  c: Context<AppEnv>,
  form: { values: FormValues; errors: FieldErrors },
  status: 200 | 422 = 200,
) {
  return render(
    c,
    <LegalBasesPage
      bases={await listLegalBases(c.get('deps').db)}
      form={form}
      done={doneMessage(c)}
    />,
    status,
  )
}

legalBasisAdminRoutes.get('/', (c) =>
  listPage(c, {
    values: { 'discloser-any': 'on', 'recipient-any': 'on', identifiable: 'yes' },
    errors: {},
  }),
)

legalBasisAdminRoutes.post('/', async (c) => {
  const values = await readForm(c)
  const parsed = parseBasis(values)
  if (!parsed.ok) return listPage(c, { values, errors: parsed.errors }, 422)
  try {
    await commit(c, async (trx, change) => {
      const id = await createLegalBasis(trx, parsed.input)
      change.audit({
        action: 'legal_basis.create',
        objectType: 'legal_basis',
        objectId: id,
        details: { code: parsed.input.code },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error))
      return listPage(c, { values, errors: { code: 'error.nameTaken' } }, 422)
    throw error
  }
  return c.redirect('/admin/rattsliga-grunder?klart=created', 303)
})

async function requireBasis(c: Context<AppEnv>) {
  const basis = await findLegalBasis(c.get('deps').db, idParam(c, 'basisId'))
  if (!basis) throw notFound()
  return basis
}

legalBasisAdminRoutes.get('/:basisId', async (c) => {
  const basis = await requireBasis(c)
  return render(
    c,
    <LegalBasisEditPage
      basis={basis}
      form={{ values: valuesOfBasis(basis), errors: {} }}
      done={doneMessage(c)}
    />,
  )
})

legalBasisAdminRoutes.post('/:basisId', async (c) => {
  const basis = await requireBasis(c)
  const values = await readForm(c)
  const parsed = parseBasis(values)
  const again = (errors: FieldErrors) =>
    render(c, <LegalBasisEditPage basis={basis} form={{ values, errors }} done={null} />, 422)
  if (!parsed.ok) return again(parsed.errors)
  try {
    await commit(c, async (trx, change) => {
      await updateLegalBasis(trx, basis.id, parsed.input)
      change.audit({
        action: 'legal_basis.update',
        objectType: 'legal_basis',
        objectId: basis.id,
        details: { code: parsed.input.code },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) return again({ code: 'error.nameTaken' })
    throw error
  }
  return c.redirect(`/admin/rattsliga-grunder/${basis.id}?klart=saved`, 303)
})

for (const [path, retired] of [
  ['avveckla', true],
  ['ateraktivera', false],
] as const) {
  legalBasisAdminRoutes.post(`/:basisId/${path}`, async (c) => {
    const basis = await requireBasis(c)
    await commit(c, async (trx, change) => {
      await setLegalBasisRetired(trx, basis.id, retired)
      change.audit({
        action: retired ? 'legal_basis.retire' : 'legal_basis.reinstate',
        objectType: 'legal_basis',
        objectId: basis.id,
      })
    })
    return c.redirect(`/admin/rattsliga-grunder/${basis.id}?klart=saved`, 303)
  })
}
