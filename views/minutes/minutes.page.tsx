import type { Child } from 'hono/jsx'
import type { Locale, Translate } from '../../src/i18n/t'
import type { MeetingAccess } from '../../src/access/team-access'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime, formatMeetingTime } from '../../src/i18n/format'
import type { MinutesData } from '../../src/minutes/minutes-data'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextArea } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { ActionFacts } from '../actions/action-parts'
import { SituationAggregates } from '../situation/situation-section'
import { AssessmentSummary } from '../assessments/assessments'

/**
 * The minutes: facts, attendance by agency, agenda, follow-up outcomes, decisions
 * with actions, the situation picture in aggregate, approvals and addenda. Never
 * entry descriptions, so the minutes can go to every member agency.
 */
/** The minutes' title and time, on the page and at the head of every printed page. */
export function minutesHeading(access: MeetingAccess, t: Translate, locale: Locale) {
  const { meeting, team } = access
  return {
    title: t('minutes.titleFor', { meeting: meeting.title, team: team.name }),
    when: formatMeetingTime(meeting.starts_at, meeting.ends_at, locale),
  }
}

export const MinutesPage = (props: {
  access: MeetingAccess
  data: MinutesData
  addendum: { values: FormValues; errors: FieldErrors } | null
}) => {
  const { t, locale } = usePage()
  const { meeting, can } = props.access
  const { items, approvals, addenda, record, canApproveAs } = props.data
  const { title, when } = minutesHeading(props.access, t, locale)
  const approval = (capacity: 'chair' | 'minute_checker') =>
    approvals.find((a) => a.capacity === capacity)
  const checker = record.members.find((m) => m.userId === meeting.minute_checker_user_id)
  return (
    <MinutesFrame access={props.access}>
      <header class="minutes-section">
        <h1>{title}</h1>
        <dl class="facts">
          <div>
            <dt>{t('meeting.when')}</dt>
            <dd>{when}</dd>
          </div>
          {meeting.location ? (
            <div>
              <dt>{t('meeting.location')}</dt>
              <dd>{meeting.location}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('meeting.status')}</dt>
            <dd>
              {meeting.status === 'approved' ? t('minutes.approved') : t('minutes.notApproved')}
            </dd>
          </div>
        </dl>
      </header>

      <section class="minutes-section" aria-labelledby="m-attendance">
        <h2 id="m-attendance">{t('attendance.title')}</h2>
        <ul>
          {record.agencies
            .filter((agency) => record.present.has(agency.id))
            .map((agency) => (
              <li>{agency.name}</li>
            ))}
          {record.guests.map((guest) => (
            <li>{t('minutes.guest', { name: guest.organisation })}</li>
          ))}
        </ul>
        {record.present.size === 0 && record.guests.length === 0 ? (
          <p class="muted">{t('attendance.none')}</p>
        ) : null}
      </section>

      <section class="minutes-section" aria-labelledby="m-agenda">
        <h2 id="m-agenda">{t('agenda.title')}</h2>
        <ol>
          {items.map((item) => (
            <li>{item.title}</li>
          ))}
        </ol>
      </section>

      <section class="minutes-section" aria-labelledby="m-follow-up">
        <h2 id="m-follow-up">{t('followUp.title')}</h2>
        {record.followUp.length === 0 ? <p class="muted">{t('followUp.none')}</p> : null}
        <ul>
          {record.followUp.map((action) => (
            <li>
              {action.text} – <ActionFacts action={action} />
              {action.outcome ? (
                <> · {t('minutes.outcome', { status: t(`actionStatus.${action.outcome}`) })}</>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section class="minutes-section" aria-labelledby="m-situation">
        <h2 id="m-situation">{t('minutes.situation')}</h2>
        <h3>{t('assessment.title')}</h3>
        <AssessmentSummary data={props.data.assessments} />
        <h3>{t('situation.entriesTitle')}</h3>
        <SituationAggregates cells={props.data.picture} />
      </section>

      <section class="minutes-section" aria-labelledby="m-decisions">
        <h2 id="m-decisions">{t('decisions.title')}</h2>
        {record.decisions.length === 0 ? <p class="muted">{t('decisions.none')}</p> : null}
        <ol>
          {record.decisions.map((decision) => (
            <li>
              {items.find((item) => item.id === decision.agenda_item_id) ? (
                <span class="muted">
                  {items.find((item) => item.id === decision.agenda_item_id)!.title}:{' '}
                </span>
              ) : null}
              {decision.text}
              <ul>
                {record.actions
                  .filter((action) => action.decision_id === decision.id)
                  .map((action) => (
                    <li>
                      {action.text} – <ActionFacts action={action} />
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      <section id="justering" class="minutes-section" aria-labelledby="m-approval">
        <h2 id="m-approval">{t('minutes.approval')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('role.chair')}</dt>
            <dd>
              {approval('chair')
                ? t('minutes.approvedBy', {
                    name: approval('chair')!.user_name,
                    date: formatDateTime(approval('chair')!.approved_at, locale),
                  })
                : t('minutes.awaiting')}
            </dd>
          </div>
          <div>
            <dt>{t('minutes.checker')}</dt>
            <dd>
              {approval('minute_checker')
                ? t('minutes.approvedBy', {
                    name: approval('minute_checker')!.user_name,
                    date: formatDateTime(approval('minute_checker')!.approved_at, locale),
                  })
                : checker
                  ? t('minutes.awaitingPerson', { name: checker.name })
                  : t('minutes.noChecker')}
            </dd>
          </div>
        </dl>
        {canApproveAs ? (
          <form method="post" action={`/moten/${meeting.id}/protokoll/justera`} class="no-print">
            <CsrfField />
            <button type="submit" class="button">
              {t(canApproveAs === 'chair' ? 'minutes.approveAsChair' : 'minutes.approveAsChecker')}
            </button>
          </form>
        ) : null}
      </section>

      <AddendaSection
        meetingId={meeting.id}
        addenda={addenda}
        canAdd={can.addAddendum && meeting.status === 'approved'}
        addendum={props.addendum}
      />
    </MinutesFrame>
  )
}

/** The page around minutes, draft or approved: its title, the printed running head, the way back; `aside` after the minutes. */
export const MinutesFrame = (props: { access: MeetingAccess; children: Child; aside?: Child }) => {
  const { t, locale } = usePage()
  const { meeting } = props.access
  const { title, when } = minutesHeading(props.access, t, locale)
  return (
    <Page
      title={`${title}, ${when}`}
      wide
      printStylesheet={`/moten/${meeting.id}/protokoll/utskrift.css`}
    >
      <article class="minutes">
        <p class="eyebrow no-print">
          <a href={`/moten/${meeting.id}`}>{t('minutes.backToMeeting')}</a>
        </p>
        {props.children}
      </article>
      {props.aside ?? null}
    </Page>
  )
}

/** Tillägg och rättelser: signed and dated, after the minutes, never inside them. */
export const AddendaSection = (props: {
  meetingId: string
  addenda: MinutesData['addenda']
  canAdd: boolean
  addendum: { values: FormValues; errors: FieldErrors } | null
}) => {
  const { t, locale } = usePage()
  return (
    <section id="tillagg" class="minutes-section" aria-labelledby="m-addenda">
      <h2 id="m-addenda">{t('minutes.addenda')}</h2>
      {props.addenda.length === 0 ? <p class="muted">{t('minutes.noAddenda')}</p> : null}
      <ol>
        {props.addenda.map((addendum) => (
          <li>
            <p>{addendum.text}</p>
            <p class="muted">
              {t('minutes.signed', {
                name: addendum.signer_name,
                date: formatDateTime(addendum.created_at, locale),
              })}
            </p>
          </li>
        ))}
      </ol>
      {props.canAdd ? (
        <form
          method="post"
          action={`/moten/${props.meetingId}/protokoll/tillagg`}
          class="no-print"
          novalidate
        >
          <CsrfField />
          <ErrorSummary
            errors={props.addendum?.errors ?? {}}
            labels={{ text: t('minutes.addendumText') }}
            idPrefix="addendum"
          />
          <TextArea
            name="text"
            label={t('minutes.addendumText')}
            maxlength={2000}
            idPrefix="addendum"
            {...(props.addendum ?? { values: {}, errors: {} })}
          />
          <button type="submit" class="button">
            {t('minutes.addAddendum')}
          </button>
        </form>
      ) : null}
    </section>
  )
}
