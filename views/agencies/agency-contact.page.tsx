import { mayContactKeepSeat, seatsContactsKeep } from '../../src/access/installation-policy'
import type { FlashedLink } from '../../src/auth/link-flash'
import type { AgencySeat } from '../../src/agencies/agency-people'
import type { AgencyRow } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDay } from '../../src/i18n/format'
import type { UserRow } from '../../src/users/user.table'
import { OneTimeLink } from '../admin/users.page'
import { ErrorSummary, StatusMessage } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

type Person = Pick<UserRow, 'id' | 'name' | 'email' | 'status'>
type Failed = { form: 'invite' | 'seat'; teamId?: string; values: FormValues; errors: FieldErrors }

const useSeatLabels = () => {
  const { t } = usePage()
  return { userId: t('contact.person'), role: t('membership.role'), endsOn: t('membership.endsOn') }
}

/** The agency's contact: its people, an invitation, and its seats team by team. */
export const AgencyContactPage = (props: {
  agency: AgencyRow
  people: Person[]
  seats: AgencySeat[]
  today: string
  failed: Failed | null
  done: boolean
}) => {
  const { t, locale } = usePage()
  const invite = props.failed?.form === 'invite' ? props.failed : { values: {}, errors: {} }
  const teams = [...new Map(props.seats.map((seat) => [seat.team_id, seat.team_name])).entries()]
  const active = (seat: AgencySeat) => seat.ends_on === null || seat.ends_on >= props.today
  const choosable = props.people.filter((person) => person.status !== 'disabled')
  return (
    <Page title={t('contact.title', { agency: props.agency.name })}>
      <h1>{t('contact.title', { agency: props.agency.name })}</h1>
      <StatusMessage message={props.done ? t('admin.done.saved') : null} />
      <p>{t('contact.intro')}</p>

      <section aria-labelledby="people">
        <h2 id="people">{t('contact.people')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('user.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('contact.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((person) => (
              <tr>
                <td>
                  <a href={`/aktor/personer/${person.id}`}>{person.name}</a>
                </td>
                <td>{person.email}</td>
                <td>{t(`userStatus.${person.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="invite" class="card">
        <h2 id="invite">{t('contact.invite')}</h2>
        <ErrorSummary
          errors={invite.errors}
          labels={{ name: t('user.name'), email: t('auth.email') }}
          idPrefix="invite"
        />
        <form method="post" action="/aktor/personer" novalidate>
          <CsrfField />
          <TextField
            idPrefix="invite"
            name="name"
            label={t('user.name')}
            required
            maxlength={120}
            {...invite}
          />
          <TextField
            idPrefix="invite"
            name="email"
            type="email"
            label={t('auth.email')}
            required
            {...invite}
          />
          <button type="submit" class="button">
            {t('contact.inviteButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="seats">
        <h2 id="seats">{t('contact.seats')}</h2>
        {teams.length === 0 ? <p>{t('contact.noSeats')}</p> : null}
        {teams.map(([teamId, teamName]) => {
          const seats = props.seats.filter((seat) => seat.team_id === teamId)
          const failed =
            props.failed?.form === 'seat' && props.failed.teamId === teamId
              ? props.failed
              : { values: {}, errors: {} }
          const prefix = `seat-${teamId}`
          return (
            <div class="card">
              <h3>{teamName}</h3>
              <ul>
                {seats.filter(active).map((seat) => (
                  <li>
                    {seat.user_name} – {t(`role.${seat.role}` as 'role.member')}
                    {seat.ends_on
                      ? ` – ${t('contact.until', { date: formatDay(seat.ends_on, locale) })}`
                      : ''}
                    {mayContactKeepSeat(seat.role) ? (
                      <form
                        method="post"
                        action={`/aktor/team/${teamId}/platser/${seat.membership_id}/avsluta`}
                        class="inline-form"
                      >
                        <CsrfField />
                        <button type="submit" class="button button--secondary">
                          {t('contact.endSeat', { name: seat.user_name })}
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ul>
              <ErrorSummary errors={failed.errors} labels={useSeatLabels()} idPrefix={prefix} />
              <form method="post" action={`/aktor/team/${teamId}/platser`} novalidate>
                <CsrfField />
                <SelectField
                  idPrefix={prefix}
                  name="userId"
                  label={t('contact.person')}
                  placeholder={t('form.choose')}
                  options={choosable.map((person) => ({ value: person.id, label: person.name }))}
                  {...failed}
                />
                <SelectField
                  idPrefix={prefix}
                  name="role"
                  label={t('membership.role')}
                  options={seatsContactsKeep.map((role) => ({
                    value: role,
                    label: t(`role.${role}`),
                  }))}
                  {...failed}
                />
                <TextField
                  idPrefix={prefix}
                  name="endsOn"
                  type="date"
                  label={t('membership.endsOn')}
                  hint={t('membership.endsOnHint')}
                  {...failed}
                />
                <button type="submit" class="button">
                  {t('contact.nameSeat', { team: teamName })}
                </button>
              </form>
            </div>
          )
        })}
      </section>
      <p class="muted">{t('contact.coordinatorTold')}</p>
    </Page>
  )
}

/** One person of the agency: the invitation link once, and their details. */
export const AgencyPersonPage = (props: {
  person: Person
  editable: boolean
  link: FlashedLink | null
  form: { values: FormValues; errors: FieldErrors }
  saved: boolean
}) => {
  const { t } = usePage()
  return (
    <Page title={props.person.name}>
      <div class="narrow">
        <p>
          <a href="/aktor">{t('contact.back')}</a>
        </p>
        <h1>{props.person.name}</h1>
        <StatusMessage message={props.saved ? t('admin.done.saved') : null} />
        {props.link ? <OneTimeLink link={props.link} /> : null}
        {props.editable ? (
          <>
            <ErrorSummary
              errors={props.form.errors}
              labels={{ name: t('user.name'), email: t('auth.email') }}
            />
            <form method="post" action={`/aktor/personer/${props.person.id}`} novalidate>
              <CsrfField />
              <TextField
                name="name"
                label={t('user.name')}
                required
                maxlength={120}
                {...props.form}
              />
              <TextField
                name="email"
                type="email"
                label={t('auth.email')}
                required
                {...props.form}
              />
              <button type="submit" class="button">
                {t('common.save')}
              </button>
            </form>
          </>
        ) : (
          <p>{t('contact.notEditable')}</p>
        )}
      </div>
    </Page>
  )
}
