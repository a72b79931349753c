import type { AgencyRow } from '../../src/agencies/agency.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatMeetingTime } from '../../src/i18n/format'
import type { MeetingRow } from '../../src/meetings/meeting.table'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary, StatusMessage } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

type Guest = { id: string; name: string; status: string; agency_name: string }

/** The coordinator's page for a meeting's guests: who has access, and an invitation. */
export const GuestInvitationPage = (props: {
  meeting: MeetingRow
  team: TeamRow
  guests: Guest[]
  agencies: AgencyRow[]
  form: { values: FormValues; errors: FieldErrors }
  done: boolean
}) => {
  const { t, locale } = usePage()
  const when = formatMeetingTime(props.meeting.starts_at, props.meeting.ends_at, locale)
  const labels = {
    email: t('auth.email'),
    name: t('guest.nameForNew'),
    agencyId: t('guest.agencyForNew'),
  }
  return (
    <Page title={t('guest.title')}>
      <div class="narrow">
        <p>
          <a href={`/moten/${props.meeting.id}`}>
            {t('guest.back', { team: props.team.name, when })}
          </a>
        </p>
        <h1>{t('guest.title')}</h1>
        <StatusMessage message={props.done ? t('admin.done.saved') : null} />
        <p>{t('guest.intro')}</p>
        <section aria-labelledby="guests">
          <h2 id="guests">{t('guest.invited')}</h2>
          {props.guests.length === 0 ? <p>{t('guest.none')}</p> : null}
          <ul>
            {props.guests.map((guest) => (
              <li>
                {guest.name} ({guest.agency_name})
                {guest.status === 'invited' ? ` – ${t('guest.notYetActive')}` : ''}
                <form
                  method="post"
                  action={`/moten/${props.meeting.id}/gastinbjudan/${guest.id}/ta-bort`}
                  class="inline-form"
                >
                  <CsrfField />
                  <button type="submit" class="button button--secondary">
                    {t('guest.revoke', { name: guest.name })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="invite-guest" class="card">
          <h2 id="invite-guest">{t('guest.invite')}</h2>
          <ErrorSummary errors={props.form.errors} labels={labels} />
          <form method="post" action={`/moten/${props.meeting.id}/gastinbjudan`} novalidate>
            <CsrfField />
            <TextField
              name="email"
              type="email"
              label={labels.email}
              hint={t('guest.emailHint')}
              required
              {...props.form}
            />
            <fieldset>
              <legend>{t('guest.newPersonLegend')}</legend>
              <TextField name="name" label={labels.name} maxlength={120} {...props.form} />
              <SelectField
                name="agencyId"
                label={labels.agencyId}
                placeholder={t('form.choose')}
                options={props.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
                {...props.form}
              />
            </fieldset>
            <button type="submit" class="button">
              {t('guest.inviteButton')}
            </button>
          </form>
        </section>
      </div>
    </Page>
  )
}
