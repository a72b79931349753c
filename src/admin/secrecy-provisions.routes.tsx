import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SecrecyProvisionsPage } from '../../views/admin/secrecy-provisions.page'
import { commit } from '../changes/commit'
import { isUniqueViolation } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import {
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import {
  createSecrecyProvision,
  findSecrecyProvision,
  listSecrecyProvisions,
  setSecrecyProvisionRetired,
} from '../sharing/secrecy-provision.repository'
import { doneMessage } from './done-message'

/** The secrecy provisions a release copy's masks may cite: kept by the administrator, retired, never deleted. */
export const secrecyProvisionAdminRoutes = new Hono<AppEnv>()

const lawText = { notCheckedBecause: 'the text of a law' }
const provisionSchema = z.object({
  reference: requiredText(100, lawText),
  title: requiredText(200, lawText),
})

async function listPage(
  c: Context<AppEnv>,
  form: { values: FormValues; errors: FieldErrors } = { values: {}, errors: {} },
  status: 200 | 422 = 200,
) {
  const provisions = await listSecrecyProvisions(c.get('deps').db, { withRetired: true })
  return render(
    c,
    <SecrecyProvisionsPage provisions={provisions} form={form} done={doneMessage(c)} />,
    status,
  )
}

secrecyProvisionAdminRoutes.get('/', (c) => listPage(c))

secrecyProvisionAdminRoutes.post('/', async (c) => {
  const values = await readForm(c)
  const form = validateForm(provisionSchema, values)
  if (!form.ok) return listPage(c, form, 422)
  try {
    await commit(c, async (trx, change) => {
      const id = await createSecrecyProvision(trx, form.data)
      change.audit({
        action: 'secrecy_provision.create',
        objectType: 'secrecy_provision',
        objectId: id,
        details: { reference: form.data.reference },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error))
      return listPage(c, { values, errors: { reference: 'error.nameTaken' } }, 422)
    throw error
  }
  return c.redirect('/admin/sekretess?klart=created', 303)
})

for (const [path, retired] of [
  ['/:provisionId/avveckla', true],
  ['/:provisionId/aterinfor', false],
] as const) {
  secrecyProvisionAdminRoutes.post(path, async (c) => {
    const provision = await findSecrecyProvision(c.get('deps').db, idParam(c, 'provisionId'))
    if (!provision) throw notFound()
    await commit(c, async (trx, change) => {
      await setSecrecyProvisionRetired(trx, provision.id, retired)
      change.audit({
        action: retired ? 'secrecy_provision.retire' : 'secrecy_provision.reinstate',
        objectType: 'secrecy_provision',
        objectId: provision.id,
      })
    })
    return c.redirect('/admin/sekretess?klart=saved', 303)
  })
}
