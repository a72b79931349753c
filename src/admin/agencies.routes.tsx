import { Hono } from 'hono'
import { commit } from '../changes/commit'
import { AgenciesPage, AgencyEditPage } from '../../views/admin/agencies.page'
import { createAgency, findAgency, listAgencies, updateAgency } from '../agencies/agency.repository'
import { isNameTaken } from '../db/unique-name'
import { fromFlag } from '../db/ids'
import type { AppEnv } from '../http/app-env'
import { idParam } from '../http/params'
import { notFound } from '../http/errors'
import { readForm, validateForm, type FieldErrors, type FormValues } from '../http/forms'
import { render } from '../http/render'
import { doneMessage } from './done-message'
import { agencySchema } from './admin-forms'
import { listEnabledProviders } from '../sign-in/providers.repository'

export const agencyAdminRoutes = new Hono<AppEnv>()

const emptyForm = { values: { isPublicAuthority: 'on' }, errors: {} }

agencyAdminRoutes.get('/', async (c) => {
  const agencies = await listAgencies(c.get('deps').db)
  return render(c, <AgenciesPage agencies={agencies} form={emptyForm} done={doneMessage(c)} />)
})

agencyAdminRoutes.post('/', async (c) => {
  const { db } = c.get('deps')
  const form = validateForm(agencySchema, await readForm(c))
  const again = async (values: FormValues, errors: FieldErrors) =>
    render(
      c,
      <AgenciesPage agencies={await listAgencies(db)} form={{ values, errors }} done={null} />,
      422,
    )
  if (!form.ok) return again(form.values, form.errors)
  if (await isNameTaken(db, 'agencies', form.data.name))
    return again(form.values, { name: 'error.nameTaken' })
  if (form.data.ssoRequired && !(await listEnabledProviders(db)).length)
    return again(form.values, { ssoRequired: 'agency.ssoRequiredNoProvider' })
  await commit(c, async (trx, change) => {
    const id = await createAgency(trx, form.data)
    change.audit({
      action: 'agency.create',
      objectType: 'agency',
      objectId: id,
    })
  })
  return c.redirect('/admin/aktorer?klart=created', 303)
})

agencyAdminRoutes.get('/:agencyId', async (c) => {
  const agency = await findAgency(c.get('deps').db, idParam(c, 'agencyId'))
  if (!agency) throw notFound()
  const values = {
    name: agency.name,
    kind: agency.kind,
    isPublicAuthority: fromFlag(agency.is_public_authority) ? 'on' : '',
    ssoRequired: fromFlag(agency.sso_required) ? 'on' : '',
  }
  return render(
    c,
    <AgencyEditPage agency={agency} form={{ values, errors: {} }} done={doneMessage(c)} />,
  )
})

agencyAdminRoutes.post('/:agencyId', async (c) => {
  const { db } = c.get('deps')
  const agency = await findAgency(db, idParam(c, 'agencyId'))
  if (!agency) throw notFound()
  const form = validateForm(agencySchema, await readForm(c))
  const again = (errors: FieldErrors) =>
    render(
      c,
      <AgencyEditPage agency={agency} form={{ values: form.values, errors }} done={null} />,
      422,
    )
  if (!form.ok) return again(form.errors)
  if (await isNameTaken(db, 'agencies', form.data.name, { exceptId: agency.id }))
    return again({ name: 'error.nameTaken' })
  if (form.data.ssoRequired && !(await listEnabledProviders(db)).length)
    return again({ ssoRequired: 'agency.ssoRequiredNoProvider' })
  await commit(c, async (trx, change) => {
    await updateAgency(trx, agency.id, form.data)
    change.audit({
      action: 'agency.update',
      objectType: 'agency',
      objectId: agency.id,
      details: { ssoRequired: form.data.ssoRequired },
    })
  })
  return c.redirect(`/admin/aktorer/${agency.id}?klart=saved`, 303)
})
