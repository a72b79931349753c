import { fromFlag } from '../../src/db/ids'
import type { MembershipListRow } from '../../src/teams/team.repository'
import {
  sharingScopes,
  teamKinds,
  type AreaRow,
  type CategoryRow,
  type TeamRow,
} from '../../src/teams/team.table'
import type { UserListRow } from '../../src/users/user.repository'
import { ErrorSummary } from '../components/error-summary'
import {
  CheckboxField,
  CsrfField,
  SelectField,
  TextArea,
  TextField,
} from '../components/form-field'
import { usePage } from '../page-context'
import { MembersSection, RowForm } from '../teams/members-section'
import { AdminPage, type FormState } from './admin-layout'

const TeamFields = (props: { form: FormState; idPrefix: string }) => {
  const { t } = usePage()
  return (
    <>
      <TextField
        name="name"
        label={t('team.name')}
        required
        maxlength={120}
        idPrefix={props.idPrefix}
        {...props.form}
      />
      <SelectField
        name="kind"
        label={t('team.kind')}
        hint={t('team.kindHint')}
        idPrefix={props.idPrefix}
        options={teamKinds.map((kind) => ({ value: kind, label: t(`teamKind.${kind}`) }))}
        {...props.form}
      />
      <TextArea
        name="description"
        label={t('team.description')}
        maxlength={1000}
        idPrefix={props.idPrefix}
        {...props.form}
      />
      <TextField
        name="assessmentScale"
        label={t('team.assessmentScale')}
        hint={t('team.assessmentScaleHint')}
        maxlength={130}
        idPrefix={props.idPrefix}
        {...props.form}
      />
    </>
  )
}

export const TeamsAdminPage = (props: {
  teams: TeamRow[]
  form: FormState
  done: string | null
}) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.teams')} done={props.done}>
      <p>{t('admin.team.noContentNote')}</p>
      <ul class="link-list">
        {props.teams.map((team) => (
          <li>
            <a href={`/admin/team/${team.id}`}>{team.name}</a>{' '}
            <span class="muted">{t(`teamKind.${team.kind}`)}</span>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-team" class="card">
        <h2 id="new-team">{t('admin.team.new')}</h2>
        <ErrorSummary
          errors={props.form.errors}
          labels={{
            name: t('team.name'),
            kind: t('team.kind'),
            description: t('team.description'),
            assessmentScale: t('team.assessmentScale'),
          }}
          idPrefix="team"
        />
        <form method="post" action="/admin/team" novalidate>
          <CsrfField />
          <TeamFields form={props.form} idPrefix="team" />
          <button type="submit" class="button">
            {t('admin.team.create')}
          </button>
        </form>
      </section>
    </AdminPage>
  )
}

export type TeamAdminForms = Record<string, FormState>

const empty: FormState = { values: {}, errors: {} }

export const TeamAdminPage = (props: {
  team: TeamRow
  memberships: MembershipListRow[]
  areas: AreaRow[]
  categories: CategoryRow[]
  candidates: UserListRow[]
  forms: TeamAdminForms
  today: string
  done: string | null
}) => {
  const { t } = usePage()
  const { team, forms } = props
  const base = `/admin/team/${team.id}`
  const scopeOptions = sharingScopes.map((scope) => ({ value: scope, label: t(`scope.${scope}`) }))
  const allErrors = Object.values(forms).reduce((all, form) => ({ ...all, ...form.errors }), {})
  const labels = {
    name: t('common.name'),
    assessmentScale: t('team.assessmentScale'),
    kind: t('team.kind'),
    userId: t('membership.user'),
    role: t('membership.role'),
    endsOn: t('membership.endsOn'),
    defaultScope: t('category.defaultScope'),
  }
  return (
    <AdminPage title={team.name} done={props.done}>
      <p>{t('admin.team.noContentNote')}</p>
      <ErrorSummary
        errors={allErrors}
        labels={labels}
        idPrefix={Object.keys(forms).find((key) => Object.keys(forms[key]!.errors).length) ?? 'f'}
      />

      <section id="team-settings" aria-labelledby="team-settings-title" class="card">
        <h2 id="team-settings-title">{t('admin.team.settings')}</h2>
        <form method="post" action={base} novalidate>
          <CsrfField />
          <TeamFields form={forms.team ?? empty} idPrefix="team" />
          <button type="submit" class="button">
            {t('common.save')}
          </button>
        </form>
      </section>

      <MembersSection
        base={base}
        memberships={props.memberships}
        candidates={props.candidates}
        forms={forms}
        today={props.today}
        removable
      />

      <section id="areas" aria-labelledby="areas-title" class="card">
        <h2 id="areas-title">{t('team.areas')}</h2>
        <p class="muted">{t('admin.team.areasHint')}</p>
        <p>
          <a href={`/admin/team/${props.team.id}/karta`}>{t('map.manageLink')}</a>
        </p>
        <ul class="row-list">
          {props.areas.map((area) => {
            const key = `area-${area.id}`
            const form = forms[key] ?? {
              values: { name: area.name, retired: area.retired_at ? 'on' : '' },
              errors: {},
            }
            return (
              <li>
                <RowForm action={`${base}/omraden/${area.id}`}>
                  <TextField
                    name="name"
                    label={t('common.name')}
                    idPrefix={key}
                    maxlength={120}
                    {...form}
                  />
                  <CheckboxField
                    name="retired"
                    label={t('common.retired')}
                    idPrefix={key}
                    {...form}
                  />
                </RowForm>
              </li>
            )
          })}
        </ul>
        <form method="post" action={`${base}/omraden`} novalidate class="inline-fields">
          <CsrfField />
          <TextField
            name="name"
            label={t('admin.team.newArea')}
            idPrefix="newArea"
            maxlength={120}
            {...(forms.newArea ?? empty)}
          />
          <button type="submit" class="button">
            {t('admin.team.addArea')}
          </button>
        </form>
      </section>

      <section id="categories" aria-labelledby="categories-title" class="card">
        <h2 id="categories-title">{t('admin.team.categories')}</h2>
        <ul class="row-list">
          {props.categories.map((category) => {
            const key = `category-${category.id}`
            const form = forms[key] ?? {
              values: {
                name: category.name,
                isSensitive: fromFlag(category.is_sensitive) ? 'on' : '',
                defaultScope: category.default_scope,
                retired: category.retired_at ? 'on' : '',
              },
              errors: {},
            }
            return (
              <li>
                <RowForm action={`${base}/kategorier/${category.id}`}>
                  <TextField
                    name="name"
                    label={t('common.name')}
                    idPrefix={key}
                    maxlength={120}
                    {...form}
                  />
                  <SelectField
                    name="defaultScope"
                    label={t('category.defaultScope')}
                    options={scopeOptions}
                    idPrefix={key}
                    {...form}
                  />
                  <CheckboxField
                    name="isSensitive"
                    label={t('category.sensitive')}
                    idPrefix={key}
                    {...form}
                  />
                  <CheckboxField
                    name="retired"
                    label={t('common.retired')}
                    idPrefix={key}
                    {...form}
                  />
                </RowForm>
              </li>
            )
          })}
        </ul>
        <h3>{t('admin.team.newCategory')}</h3>
        <form method="post" action={`${base}/kategorier`} novalidate class="inline-fields">
          <CsrfField />
          <TextField
            name="name"
            label={t('common.name')}
            idPrefix="newCategory"
            maxlength={120}
            {...(forms.newCategory ?? empty)}
          />
          <SelectField
            name="defaultScope"
            label={t('category.defaultScope')}
            options={scopeOptions}
            idPrefix="newCategory"
            {...(forms.newCategory ?? empty)}
          />
          <CheckboxField
            name="isSensitive"
            label={t('category.sensitive')}
            idPrefix="newCategory"
            {...(forms.newCategory ?? empty)}
          />
          <button type="submit" class="button">
            {t('admin.team.addCategory')}
          </button>
        </form>
      </section>
      <p>
        <a href="/admin/team">{t('admin.backToTeams')}</a>
      </p>
    </AdminPage>
  )
}
