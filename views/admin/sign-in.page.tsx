import type { IdentityProviderRow } from '../../src/sign-in/sign-in.table'
import { ErrorSummary } from '../components/error-summary'
import { CheckboxField, CsrfField, TextArea, TextField } from '../components/form-field'
import { usePage } from '../page-context'
import { AdminPage, type FormState } from './admin-layout'

const useOidcLabels = () => {
  const { t } = usePage()
  return {
    name: t('admin.signIn.name'),
    slug: t('admin.signIn.slug'),
    issuer: t('admin.signIn.issuer'),
    clientId: t('admin.signIn.clientId'),
    clientSecret: t('admin.signIn.clientSecret'),
    enabled: t('admin.signIn.enabled'),
  }
}

const useSamlLabels = () => {
  const { t } = usePage()
  return {
    name: t('admin.signIn.name'),
    slug: t('admin.signIn.slug'),
    metadataUrl: t('admin.signIn.metadataUrl'),
    metadata: t('admin.signIn.metadata'),
    enabled: t('admin.signIn.enabled'),
  }
}

/** What every provider has: the button's name, the short name in its addresses, and whether it is on. */
const ProviderFields = (props: {
  kind: 'oidc' | 'saml'
  form: FormState
  children: import('hono/jsx').Child
}) => {
  const { t } = usePage()
  const field = { idPrefix: props.kind, ...props.form }
  return (
    <>
      <TextField
        name="name"
        label={t('admin.signIn.name')}
        hint={t('admin.signIn.nameHint')}
        required
        maxlength={80}
        {...field}
      />
      <TextField
        name="slug"
        label={t('admin.signIn.slug')}
        hint={t('admin.signIn.slugHint')}
        required
        maxlength={40}
        {...field}
      />
      {props.children}
      <CheckboxField name="enabled" label={t('admin.signIn.enabled')} {...field} />
    </>
  )
}

const OidcFields = (props: { form: FormState; secretHint: string }) => {
  const labels = useOidcLabels()
  const { t } = usePage()
  const field = { idPrefix: 'oidc', ...props.form }
  return (
    <ProviderFields kind="oidc" form={props.form}>
      <TextField
        name="issuer"
        type="url"
        label={labels.issuer}
        hint={t('admin.signIn.issuerHint')}
        required
        {...field}
      />
      <TextField name="clientId" label={labels.clientId} required maxlength={200} {...field} />
      <TextField
        name="clientSecret"
        type="password"
        label={labels.clientSecret}
        hint={props.secretHint}
        autocomplete="off"
        maxlength={500}
        {...field}
      />
    </ProviderFields>
  )
}

const SamlFields = (props: { form: FormState; metadataHint: string }) => {
  const labels = useSamlLabels()
  const { t } = usePage()
  const field = { idPrefix: 'saml', ...props.form }
  return (
    <ProviderFields kind="saml" form={props.form}>
      <TextField
        name="metadataUrl"
        type="url"
        label={labels.metadataUrl}
        hint={t('admin.signIn.metadataUrlHint')}
        {...field}
      />
      <TextArea
        name="metadata"
        label={labels.metadata}
        hint={props.metadataHint}
        rows={6}
        {...field}
      />
    </ProviderFields>
  )
}

export const SignInAdminPage = (props: {
  providers: IdentityProviderRow[]
  secretFromEnvironment: string[]
  callbackBase: string
  secondFactorForAll: boolean
  forms: { oidc: FormState; saml: FormState }
  done: string | null
}) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.signIn.title')} done={props.done}>
      <p>{t('admin.signIn.intro')}</p>
      <section aria-labelledby="providers">
        <h2 id="providers">{t('admin.signIn.providers')}</h2>
        {props.providers.length === 0 ? (
          <p>{t('admin.signIn.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.signIn.name')}</th>
                <th scope="col">{t('admin.signIn.kind')}</th>
                <th scope="col">{t('admin.signIn.address')}</th>
                <th scope="col">{t('admin.signIn.state')}</th>
              </tr>
            </thead>
            <tbody>
              {props.providers.map((provider) => (
                <tr>
                  <td>
                    <a href={`/admin/inloggning/${provider.id}`}>{provider.name}</a>
                  </td>
                  <td>{provider.kind === 'oidc' ? 'OpenID Connect' : 'SAML 2.0'}</td>
                  <td>
                    <code>{`/logga-in/${provider.kind}/${provider.slug}`}</code>
                  </td>
                  <td>{provider.enabled ? t('admin.signIn.on') : t('admin.signIn.off')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="new-oidc" class="card">
        <h2 id="new-oidc">{t('admin.signIn.newOidc')}</h2>
        <p>
          {t('admin.signIn.callbackNote', {
            address: `${props.callbackBase}/logga-in/oidc/<kortnamn>/svar`,
          })}
        </p>
        <ErrorSummary errors={props.forms.oidc.errors} labels={useOidcLabels()} idPrefix="oidc" />
        <form method="post" action="/admin/inloggning/oidc" novalidate>
          <CsrfField />
          <OidcFields form={props.forms.oidc} secretHint={t('admin.signIn.secretHintNew')} />
          <button type="submit" class="button">
            {t('admin.signIn.add')}
          </button>
        </form>
      </section>
      <section aria-labelledby="new-saml" class="card">
        <h2 id="new-saml">{t('admin.signIn.newSaml')}</h2>
        <p>
          {t('admin.signIn.samlNote', {
            address: `${props.callbackBase}/logga-in/saml/<kortnamn>/metadata`,
          })}
        </p>
        <ErrorSummary errors={props.forms.saml.errors} labels={useSamlLabels()} idPrefix="saml" />
        <form method="post" action="/admin/inloggning/saml" novalidate>
          <CsrfField />
          <SamlFields form={props.forms.saml} metadataHint={t('admin.signIn.metadataHint')} />
          <button type="submit" class="button">
            {t('admin.signIn.add')}
          </button>
        </form>
      </section>
      <section aria-labelledby="second-factor-all" class="card">
        <h2 id="second-factor-all">{t('admin.signIn.secondFactorTitle')}</h2>
        <p>{t('admin.signIn.secondFactorIntro')}</p>
        <form method="post" action="/admin/inloggning/tvastegs" novalidate>
          <CsrfField />
          <CheckboxField
            name="secondFactorForAll"
            label={t('admin.signIn.secondFactorForAll')}
            values={{ secondFactorForAll: props.secondFactorForAll ? 'on' : '' }}
            errors={{}}
          />
          <button type="submit" class="button">
            {t('common.save')}
          </button>
        </form>
      </section>
    </AdminPage>
  )
}

export const ProviderEditPage = (props: {
  provider: IdentityProviderRow
  secretSaved: boolean
  secretFromEnvironment: boolean
  callbackUrl: string
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  const oidcLabels = useOidcLabels()
  const samlLabels = useSamlLabels()
  const secretHint = props.secretFromEnvironment
    ? t('admin.signIn.secretFromEnvironment', {
        variable: `OIDC_SECRET_${props.provider.slug.toUpperCase().replace(/-/g, '_')}`,
      })
    : props.secretSaved
      ? t('admin.signIn.secretSaved')
      : t('admin.signIn.secretHintNew')
  return (
    <AdminPage title={props.provider.name} done={props.done}>
      <p>
        <a href="/admin/inloggning">{t('admin.signIn.back')}</a>
      </p>
      <p>
        {props.provider.kind === 'oidc'
          ? t('admin.signIn.callbackIs')
          : t('admin.signIn.spMetadataIs')}{' '}
        {props.provider.kind === 'oidc' ? (
          <code>{props.callbackUrl}</code>
        ) : (
          <a href={props.callbackUrl}>{props.callbackUrl}</a>
        )}
      </p>
      <ErrorSummary
        errors={props.form.errors}
        labels={props.provider.kind === 'oidc' ? oidcLabels : samlLabels}
        idPrefix={props.provider.kind}
      />
      <form method="post" action={`/admin/inloggning/${props.provider.id}`} novalidate class="card">
        <CsrfField />
        {props.provider.kind === 'oidc' ? (
          <OidcFields form={props.form} secretHint={secretHint} />
        ) : (
          <SamlFields form={props.form} metadataHint={t('admin.signIn.metadataKeep')} />
        )}
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
    </AdminPage>
  )
}
