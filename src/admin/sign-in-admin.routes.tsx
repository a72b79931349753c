import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { SignInAdminPage, ProviderEditPage } from '../../views/admin/sign-in.page'
import { commit } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import {
  checkbox,
  optionalText,
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { readFlagSetting, writeFlagSetting } from '../sign-in/installation-settings'
import { discoverOidc, oidcCallbackPath } from '../sign-in/oidc'
import {
  createProvider,
  findProvider,
  isSlugTaken,
  listProviders,
  updateProvider,
  type ProviderInput,
} from '../sign-in/providers.repository'
import type { IdentityProviderRow } from '../sign-in/sign-in.table'
import { parseIdpMetadata } from '../sign-in/saml-metadata'
import { samlPaths } from '../sign-in/saml'
import { doneMessage } from './done-message'

/**
 * How people sign in: the municipality's identity providers (OpenID Connect,
 * SAML) and whether everyone must have a second factor. A client secret is
 * never shown again once saved.
 */
export const signInAdminRoutes = new Hono<AppEnv>()

const notChecked = { notCheckedBecause: 'configuration of a sign-in service, not a matter' }
const slug = z
  .string({ error: 'error.required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'admin.signIn.slugInvalid')

const oidcSchema = z.object({
  name: requiredText(80, notChecked),
  slug,
  issuer: z
    .string({ error: 'error.required' })
    .trim()
    .url('admin.signIn.issuerInvalid')
    .refine(
      (value) =>
        value.startsWith('https://') ||
        /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(value),
      'admin.signIn.issuerInvalid',
    ),
  clientId: requiredText(200, notChecked),
  clientSecret: optionalText(500, notChecked),
  enabled: checkbox(),
})

const samlSchema = z.object({
  name: requiredText(80, notChecked),
  slug,
  metadataUrl: z
    .string()
    .trim()
    .max(2000, 'error.tooLong')
    .refine(
      (value) => value === '' || /^https?:\/\//.test(value),
      'admin.signIn.metadataUrlInvalid',
    )
    .default(''),
  metadata: z.string().trim().max(200_000, 'error.tooLong').default(''),
  enabled: checkbox(),
})

type FormState = { values: FormValues; errors: FieldErrors }
type Forms = { oidc: FormState; saml: FormState }
const emptyForms: Forms = {
  oidc: { values: { enabled: 'on' }, errors: {} },
  saml: { values: { enabled: 'on' }, errors: {} },
}

async function overview(c: Context<AppEnv>, forms: Forms = emptyForms, status: 200 | 422 = 200) {
  const { db, config } = c.get('deps')
  return render(
    c,
    <SignInAdminPage
      providers={await listProviders(db)}
      secretFromEnvironment={Object.keys(config.oidcSecrets)}
      callbackBase={`${config.publicOrigin}`}
      secondFactorForAll={await readFlagSetting(db, 'second_factor_for_all')}
      forms={forms}
      done={doneMessage(c)}
    />,
    status,
  )
}

signInAdminRoutes.get('/', (c) => overview(c))

/** A SAML provider from the form: its metadata pasted, or fetched from its address now. */
async function samlInput(
  c: Context<AppEnv>,
  values: FormValues,
  existing: IdentityProviderRow | null,
): Promise<{ input: ProviderInput } | { errors: FieldErrors }> {
  const form = validateForm(samlSchema, values)
  if (!form.ok) return { errors: form.errors }
  const data = form.data
  if (await isSlugTaken(c.get('deps').db, data.slug, existing?.id))
    return { errors: { slug: 'admin.signIn.slugTaken' } }
  let metadata = data.metadata || null
  if (!metadata && data.metadataUrl) {
    try {
      const response = await fetch(data.metadataUrl, { signal: AbortSignal.timeout(10_000) })
      metadata = response.ok ? await response.text() : null
    } catch {
      metadata = null
    }
    if (!metadata) return { errors: { metadataUrl: 'admin.signIn.metadataUnreachable' } }
  }
  metadata ??= existing?.saml_idp_metadata ?? null
  if (!metadata) return { errors: { metadata: 'admin.signIn.metadataMissing' } }
  if (!parseIdpMetadata(metadata))
    return {
      errors: { [data.metadata ? 'metadata' : 'metadataUrl']: 'admin.signIn.metadataInvalid' },
    }
  return {
    input: {
      kind: 'saml',
      slug: data.slug,
      name: data.name,
      enabled: data.enabled,
      samlIdpMetadata: metadata,
      samlIdpMetadataUrl: data.metadataUrl || null,
    },
  }
}

/** The form's provider, checked against the provider itself: its discovery document must answer. */
async function oidcInput(
  c: Context<AppEnv>,
  values: FormValues,
  existing: IdentityProviderRow | null,
): Promise<{ input: ProviderInput } | { errors: FieldErrors }> {
  const form = validateForm(oidcSchema, values)
  if (!form.ok) return { errors: form.errors }
  const data = form.data
  if (await isSlugTaken(c.get('deps').db, data.slug, existing?.id))
    return { errors: { slug: 'admin.signIn.slugTaken' } }
  const input: ProviderInput = {
    kind: 'oidc',
    slug: data.slug,
    name: data.name,
    enabled: data.enabled,
    oidcIssuer: data.issuer.replace(/\/$/, ''),
    oidcClientId: data.clientId,
    // Left empty on an edit: the saved secret stays.
    oidcClientSecret: data.clientSecret ? data.clientSecret : existing ? undefined : null,
  }
  try {
    await discoverOidc(
      input.oidcIssuer!,
      input.oidcClientId!,
      input.oidcClientSecret ?? existing?.oidc_client_secret ?? null,
    )
  } catch {
    return { errors: { issuer: 'admin.signIn.issuerUnreachable' } }
  }
  return { input }
}

signInAdminRoutes.post('/oidc', async (c) => {
  const values = await readForm(c)
  const checked = await oidcInput(c, values, null)
  if ('errors' in checked)
    return overview(
      c,
      { ...emptyForms, oidc: { values: { ...values, clientSecret: '' }, errors: checked.errors } },
      422,
    )
  await commit(c, async (trx, change) => {
    const id = await createProvider(trx, checked.input)
    change.audit({
      action: 'identity_provider.create',
      objectType: 'identity_provider',
      objectId: id,
      details: { kind: 'oidc', slug: checked.input.slug },
    })
  })
  return c.redirect('/admin/inloggning?klart=created', 303)
})

signInAdminRoutes.post('/saml', async (c) => {
  const values = await readForm(c)
  const checked = await samlInput(c, values, null)
  if ('errors' in checked)
    return overview(c, { ...emptyForms, saml: { values, errors: checked.errors } }, 422)
  await commit(c, async (trx, change) => {
    const id = await createProvider(trx, checked.input)
    change.audit({
      action: 'identity_provider.create',
      objectType: 'identity_provider',
      objectId: id,
      details: { kind: 'saml', slug: checked.input.slug },
    })
  })
  return c.redirect('/admin/inloggning?klart=created', 303)
})

const secondFactorSchema = z.object({ secondFactorForAll: checkbox() })

signInAdminRoutes.post('/tvastegs', async (c) => {
  const form = validateForm(secondFactorSchema, await readForm(c))
  const on = form.ok ? form.data.secondFactorForAll : false
  await commit(c, async (trx, change) => {
    await writeFlagSetting(trx, 'second_factor_for_all', on)
    change.audit({ action: 'installation.second_factor_for_all', details: { on } })
  })
  return c.redirect('/admin/inloggning?klart=saved', 303)
})

async function requireProvider(c: Context<AppEnv>) {
  const provider = await findProvider(c.get('deps').db, idParam(c, 'providerId'))
  if (!provider) throw notFound()
  return provider
}

const providerValues = (provider: IdentityProviderRow): FormValues => ({
  name: provider.name,
  slug: provider.slug,
  issuer: provider.oidc_issuer ?? '',
  clientId: provider.oidc_client_id ?? '',
  clientSecret: '',
  enabled: provider.enabled === 1 ? 'on' : '',
  metadataUrl: provider.saml_idp_metadata_url ?? '',
  metadata: '',
})

const editPage = (
  c: Context<AppEnv>,
  provider: IdentityProviderRow,
  values: FormValues,
  errors: FieldErrors,
  status: 200 | 422 = 200,
) =>
  render(
    c,
    <ProviderEditPage
      provider={provider}
      secretSaved={provider.oidc_client_secret !== null}
      secretFromEnvironment={provider.slug in c.get('deps').config.oidcSecrets}
      callbackUrl={`${c.get('deps').config.publicOrigin}${
        provider.kind === 'oidc'
          ? oidcCallbackPath(provider.slug)
          : samlPaths(provider.slug).metadata
      }`}
      form={{ values, errors }}
      done={doneMessage(c)}
    />,
    status,
  )

signInAdminRoutes.get('/:providerId', async (c) => {
  const provider = await requireProvider(c)
  return editPage(c, provider, providerValues(provider), {})
})

signInAdminRoutes.post('/:providerId', async (c) => {
  const provider = await requireProvider(c)
  const values = await readForm(c)
  const checked =
    provider.kind === 'oidc'
      ? await oidcInput(c, values, provider)
      : await samlInput(c, values, provider)
  if ('errors' in checked)
    return editPage(c, provider, { ...values, clientSecret: '' }, checked.errors, 422)
  await commit(c, async (trx, change) => {
    await updateProvider(trx, provider.id, checked.input)
    change.audit({
      action: 'identity_provider.update',
      objectType: 'identity_provider',
      objectId: provider.id,
      details: {
        slug: checked.input.slug,
        enabled: checked.input.enabled,
        secretChanged: checked.input.oidcClientSecret !== undefined,
      },
    })
  })
  return c.redirect(`/admin/inloggning/${provider.id}?klart=saved`, 303)
})
