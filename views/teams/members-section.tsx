import type { Child } from 'hono/jsx'
import { formatDate, formatDay } from '../../src/i18n/format'
import type { MembershipListRow } from '../../src/teams/team.repository'
import { teamRoles } from '../../src/teams/team.table'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { usePage } from '../page-context'

type FormState = {
  values: Record<string, string>
  errors: import('../../src/http/forms').FieldErrors
}
const empty: FormState = { values: {}, errors: {} }

/** One row's own small form: its fields and a save button. */
export const RowForm = (props: { action: string; children: Child }) => {
  const { t } = usePage()
  return (
    <form method="post" action={props.action} novalidate class="inline-fields">
      <CsrfField />
      {props.children}
      <button type="submit" class="button button--secondary">
        {t('common.save')}
      </button>
    </form>
  )
}

/**
 * A team's members with their role and last day, and a form to add one: the
 * admin's (who may also remove a membership) and the coordinator's (who ends
 * one by its last day, and keeps their own seat as it is).
 */
export const MembersSection = (props: {
  base: string
  memberships: MembershipListRow[]
  candidates: { id: string; name: string; agency_name: string }[]
  forms: Record<string, FormState>
  today: string
  removable?: boolean
  /** The viewer's own user id: their own membership is shown, not edited. */
  self?: string
}) => {
  const { t, locale } = usePage()
  const { base } = props
  const roleOptions = teamRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))
  return (
    <section id="members" aria-labelledby="members-title" class="card">
      <h2 id="members-title">{t('admin.team.members')}</h2>
      {props.memberships.length === 0 ? <p class="muted">{t('admin.team.noMembers')}</p> : null}
      <ul class="row-list">
        {props.memberships.map((membership) => {
          const key = `member-${membership.id}`
          const form = props.forms[key] ?? {
            values: { role: membership.role, endsOn: membership.ends_on ?? '' },
            errors: {},
          }
          const ended = membership.ends_on !== null && membership.ends_on < props.today
          return (
            <li>
              <p class="row-list__title">
                {membership.user_name} <span class="muted">({membership.agency_name})</span>
                {ended ? (
                  <span class="tag tag--warn">
                    {t('membership.ended', { date: formatDay(membership.ends_on!, locale) })}
                  </span>
                ) : null}
                {membership.named_by_contact_at ? (
                  <span class="tag">
                    {t('membership.namedByContact', {
                      date: formatDate(membership.named_by_contact_at, locale),
                    })}
                  </span>
                ) : null}
              </p>
              {membership.user_id === props.self ? (
                <p class="muted">{t('membership.ownSeat')}</p>
              ) : (
                <RowForm action={`${base}/medlemmar/${membership.id}`}>
                  <SelectField
                    name="role"
                    label={t('membership.role')}
                    options={roleOptions}
                    idPrefix={key}
                    {...form}
                  />
                  <TextField
                    name="endsOn"
                    type="date"
                    label={t('membership.endsOn')}
                    idPrefix={key}
                    {...form}
                  />
                </RowForm>
              )}
              {props.removable ? (
                <form
                  method="post"
                  action={`${base}/medlemmar/${membership.id}/ta-bort`}
                  class="inline-form"
                >
                  <CsrfField />
                  <button type="submit" class="button button--danger">
                    {t('admin.team.removeMember', { name: membership.user_name })}
                  </button>
                </form>
              ) : null}
            </li>
          )
        })}
      </ul>
      <h3>{t('admin.team.addMember')}</h3>
      {props.candidates.length === 0 ? (
        <p class="muted">{t('admin.team.noCandidates')}</p>
      ) : (
        <form method="post" action={`${base}/medlemmar`} novalidate class="inline-fields">
          <CsrfField />
          <SelectField
            name="userId"
            label={t('membership.user')}
            placeholder={t('form.choose')}
            options={props.candidates.map((user) => ({
              value: user.id,
              label: `${user.name} (${user.agency_name})`,
            }))}
            idPrefix="newMember"
            {...(props.forms.newMember ?? empty)}
          />
          <SelectField
            name="role"
            label={t('membership.role')}
            options={roleOptions}
            idPrefix="newMember"
            {...(props.forms.newMember ?? empty)}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t('membership.endsOn')}
            hint={t('membership.endsOnHint')}
            idPrefix="newMember"
            {...(props.forms.newMember ?? empty)}
          />
          <button type="submit" class="button">
            {t('admin.team.addMemberButton')}
          </button>
        </form>
      )}
    </section>
  )
}
