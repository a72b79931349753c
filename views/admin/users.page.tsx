import type { FlashedLink } from '../../src/auth/link-flash'
import { formatDateTime } from '../../src/i18n/format'
import type { AgencyRow } from '../../src/agencies/agency.table'
import type { UserListRow } from '../../src/users/user.repository'
import type { UserRow } from '../../src/users/user.table'
import { ErrorSummary } from '../components/error-summary'
import { CheckboxField, CsrfField, SelectField, TextField } from '../components/form-field'
import { usePage } from '../page-context'
import { AdminPage, type FormState } from './admin-layout'

export type UserFormState = FormState

const UserFields = (props: { form: FormState; agencies: AgencyRow[] }) => {
  const { t } = usePage()
  return (
    <>
      <TextField name="name" label={t('user.name')} required maxlength={120} {...props.form} />
      <SelectField
        name="agencyId"
        label={t('user.agency')}
        placeholder={t('form.choose')}
        options={props.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
        {...props.form}
      />
      <fieldset>
        <legend>{t('user.installationRoles')}</legend>
        <CheckboxField name="isAdmin" label={t('user.isAdmin')} {...props.form} />
        <CheckboxField name="isAuditor" label={t('user.isAuditor')} {...props.form} />
        <CheckboxField name="isLogReviewer" label={t('user.isLogReviewer')} {...props.form} />
        <CheckboxField
          name="isAgencyContact"
          label={t('user.isAgencyContact')}
          hint={t('user.isAgencyContactHint')}
          {...props.form}
        />
        <CheckboxField
          name="isMunicipalCoordinator"
          label={t('user.isMunicipalCoordinator')}
          hint={t('user.isMunicipalCoordinatorHint')}
          {...props.form}
        />
        <CheckboxField
          name="isSteeringGroup"
          label={t('user.isSteeringGroup')}
          hint={t('user.isSteeringGroupHint')}
          {...props.form}
        />
      </fieldset>
    </>
  )
}

const useLabels = () => {
  const { t } = usePage()
  return {
    name: t('user.name'),
    email: t('auth.email'),
    agencyId: t('user.agency'),
    isAdmin: t('user.isAdmin'),
  }
}

type UsersPageProps = {
  users: UserListRow[]
  total: number
  search: string
  page: number
  pages: number
  done: string | null
}

const pageLink = (search: string, page: number) => {
  const query = new URLSearchParams()
  if (search) query.set('sok', search)
  if (page > 1) query.set('sida', String(page))
  const text = query.toString()
  return text ? `/admin/anvandare?${text}` : '/admin/anvandare'
}

export const UsersPage = (props: UsersPageProps) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.users')} done={props.done}>
      <p>
        <a href="/admin/anvandare/ny" class="button">
          {t('admin.user.invite')}
        </a>
      </p>
      <form method="get" action="/admin/anvandare" role="search" class="inline-fields">
        <div class="field">
          <label for="user-search">{t('admin.user.search')}</label>
          <input id="user-search" name="sok" type="search" value={props.search} maxlength={100} />
        </div>
        <button type="submit" class="button button--secondary">
          {t('admin.user.searchButton')}
        </button>
      </form>
      <p role="status">
        {props.search
          ? t('admin.user.countMatching', { count: props.total, search: props.search })
          : t('admin.user.count', { count: props.total })}
      </p>
      <table class="table">
        <caption class="visually-hidden">{t('admin.users')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('user.name')}</th>
            <th scope="col">{t('auth.email')}</th>
            <th scope="col">{t('user.agency')}</th>
            <th scope="col">{t('user.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td>
                <a href={`/admin/anvandare/${user.id}`}>{user.name}</a>
                {user.is_admin ? <span class="tag">{t('user.isAdminShort')}</span> : null}
                {user.is_auditor ? <span class="tag">{t('user.isAuditorShort')}</span> : null}
                {user.is_log_reviewer ? (
                  <span class="tag">{t('user.isLogReviewerShort')}</span>
                ) : null}
                {user.is_agency_contact ? (
                  <span class="tag">{t('user.isAgencyContactShort')}</span>
                ) : null}
                {user.is_municipal_coordinator ? (
                  <span class="tag">{t('user.isMunicipalCoordinatorShort')}</span>
                ) : null}
                {user.is_steering_group ? (
                  <span class="tag">{t('user.isSteeringGroupShort')}</span>
                ) : null}
              </td>
              <td>{user.email}</td>
              <td>{user.agency_name}</td>
              <td>{t(`userStatus.${user.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.pages > 1 ? (
        <nav aria-label={t('pager.label')} class="pager">
          {props.page > 1 ? (
            <a href={pageLink(props.search, props.page - 1)} rel="prev">
              {t('pager.previous')}
            </a>
          ) : null}
          <span>{t('pager.position', { page: props.page, pages: props.pages })}</span>
          {props.page < props.pages ? (
            <a href={pageLink(props.search, props.page + 1)} rel="next">
              {t('pager.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminPage>
  )
}

/** Its own page, so the list stays a list however many people the installation has. */
export const InviteUserPage = (props: { agencies: AgencyRow[]; form: FormState }) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.user.invite')} done={null}>
      <p>
        <a href="/admin/anvandare">{t('admin.backToUsers')}</a>
      </p>
      <p>{t('admin.user.inviteIntro')}</p>
      <ErrorSummary errors={props.form.errors} labels={useLabels()} />
      <form method="post" action="/admin/anvandare" novalidate>
        <CsrfField />
        <TextField
          name="email"
          type="email"
          label={t('auth.email')}
          required
          autocomplete="off"
          {...props.form}
        />
        <UserFields form={props.form} agencies={props.agencies} />
        <button type="submit" class="button">
          {t('admin.user.inviteButton')}
        </button>
      </form>
    </AdminPage>
  )
}

export const UserEditPage = (props: {
  user: UserRow
  agencies: AgencyRow[]
  form: FormState
  link: FlashedLink | null
  done: string | null
}) => {
  const { t } = usePage()
  const { user } = props
  const statusAction = (action: string, label: string) => (
    <form method="post" action={`/admin/anvandare/${user.id}/${action}`} class="inline-form">
      <CsrfField />
      <button type="submit" class="button button--secondary">
        {label}
      </button>
    </form>
  )
  return (
    <AdminPage title={user.name} done={props.done}>
      <p>
        {user.email} · {t(`userStatus.${user.status}`)}
      </p>
      {props.link ? <OneTimeLink link={props.link} /> : null}
      <ErrorSummary errors={props.form.errors} labels={useLabels()} />
      <form method="post" action={`/admin/anvandare/${user.id}`} novalidate class="card">
        <CsrfField />
        <UserFields form={props.form} agencies={props.agencies} />
        <button type="submit" class="button">
          {t('common.save')}
        </button>
      </form>
      <section aria-labelledby="account-status" class="card">
        <h2 id="account-status">{t('admin.user.accountStatus')}</h2>
        <div class="button-row">
          {user.status === 'disabled'
            ? statusAction('aktivera', t('admin.user.enable'))
            : statusAction('inaktivera', t('admin.user.disable'))}
          {user.status === 'invited'
            ? statusAction('ny-inbjudan', t('admin.user.newInvitation'))
            : null}
          {user.status === 'active'
            ? statusAction('aterstall-losenord', t('admin.user.resetPassword'))
            : null}
          {user.totp_enabled_at
            ? statusAction('aterstall-tvastegs', t('admin.user.resetSecondFactor'))
            : null}
        </div>
        <p class="muted">
          {user.totp_enabled_at ? t('admin.user.secondFactorOn') : t('admin.user.secondFactorOff')}
        </p>
      </section>
      <p>
        <a href="/admin/anvandare">{t('admin.backToUsers')}</a>
      </p>
    </AdminPage>
  )
}

/** The link just made for the person, shown once, with how long it is valid and a copy button. */
export const OneTimeLink = (props: { link: FlashedLink }) => {
  const { t, locale } = usePage()
  const kind = props.link.kind === 'invitation' ? 'invitation' : 'reset'
  return (
    <div class="notice" role="status">
      <h2>{t(`admin.user.${kind}LinkTitle`)}</h2>
      <p>
        {t(`admin.user.${kind}LinkIntro`, { until: formatDateTime(props.link.expiresAt, locale) })}
      </p>
      <div class="copy-field">
        <label for="one-time-link">{t('admin.user.link')}</label>
        <input id="one-time-link" type="text" readonly value={props.link.url} class="copyable" />
        <button
          type="button"
          class="button button--secondary"
          data-copy="one-time-link"
          data-copied={t('admin.user.linkCopied')}
          hidden
        >
          {t('admin.user.copyLink')}
        </button>
      </div>
      <p class="muted">{t('admin.user.linkDelivery')}</p>
    </div>
  )
}
