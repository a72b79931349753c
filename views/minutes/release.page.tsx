import type { MeetingAccess } from '../../src/access/team-access'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime } from '../../src/i18n/format'
import type { MessageKey } from '../../src/i18n/t'
import { maskableSections, type MaskableSection } from '../../src/minutes/minutes-pdf'
import type { MinutesRelease } from '../../src/minutes/minutes.repository'
import type { SecrecyProvisionRow } from '../../src/sharing/secrecy-provision.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export const sectionLabel: Record<MaskableSection, MessageKey> = {
  attendance: 'attendance.title',
  agenda: 'agenda.title',
  followUp: 'followUp.title',
  assessments: 'assessment.title',
  picture: 'situation.entriesTitle',
  decisions: 'decisions.title',
  addenda: 'minutes.addenda',
}

/**
 * A copy of the justerat protokoll for a request for public records: each
 * section released or masked under a secrecy provision, the decision recorded,
 * and the copies made so far.
 */
export const ReleasePage = (props: {
  access: MeetingAccess
  provisions: SecrecyProvisionRow[]
  releases: MinutesRelease[]
  form: { values: FormValues; errors: FieldErrors }
}) => {
  const { t, locale } = usePage()
  const { meeting } = props.access
  const active = props.provisions.filter((p) => p.retired_at === null)
  const reference = new Map(props.provisions.map((p) => [p.id, p.reference]))
  const labels = Object.fromEntries([
    ['requestReference', t('minutes.release.requestReference')],
    ...maskableSections.map((section) => [`mask-${section}`, t(sectionLabel[section])]),
  ])
  return (
    <Page title={t('minutes.release.title')}>
      <p class="eyebrow">
        <a href={`/moten/${meeting.id}/protokoll`}>{t('minutes.release.back')}</a>
      </p>
      <h1>{t('minutes.release.title')}</h1>
      <p>{t('minutes.release.intro')}</p>
      <ErrorSummary errors={props.form.errors} labels={labels} />
      <form method="post" action={`/moten/${meeting.id}/protokoll/utlamnande`} novalidate>
        <CsrfField />
        <TextField
          name="requestReference"
          label={t('minutes.release.requestReference')}
          maxlength={100}
          {...props.form}
        />
        <fieldset>
          <legend>{t('minutes.release.sections')}</legend>
          {maskableSections.map((section) => (
            <SelectField
              name={`mask-${section}`}
              label={t(sectionLabel[section])}
              placeholder={t('minutes.release.released')}
              options={active.map((p) => ({
                value: p.id,
                label: t('minutes.release.maskUnder', { reference: p.reference, title: p.title }),
              }))}
              {...props.form}
            />
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t('minutes.release.decide')}
        </button>
      </form>

      <section id="utlamnade" aria-labelledby="released-title">
        <h2 id="released-title">{t('minutes.release.made')}</h2>
        {props.releases.length === 0 ? (
          <p class="muted">{t('minutes.release.none')}</p>
        ) : (
          <ul>
            {props.releases.map((release) => {
              const masked = Object.entries(release.masks).map(
                ([section, id]) =>
                  `${t(sectionLabel[section as MaskableSection])} (${reference.get(id) ?? ''})`,
              )
              return (
                <li>
                  {t('minutes.release.madeBy', {
                    date: formatDateTime(release.decidedAt, locale),
                    name: release.decidedByName,
                  })}
                  {release.requestReference ? ` · ${release.requestReference}` : ''}
                  {' · '}
                  {masked.length > 0
                    ? t('minutes.release.maskedSections', { sections: masked.join(', ') })
                    : t('minutes.release.nothingMasked')}{' '}
                  <a href={`/moten/${meeting.id}/protokoll/utlamnanden/${release.id}/kopia.pdf`}>
                    {t('minutes.release.download')}
                  </a>
                </li>
              )
            })}
          </ul>
        )}
      </section>
    </Page>
  )
}
