import type { MeetingRecordData } from '../../src/meetings/meeting-record-data'
import { errorText, type FieldErrors, type FormValues } from '../../src/http/forms'
import type { MeetingPageForms } from '../../src/meetings/meeting-page-forms'
import type { AgendaItemRow, MeetingRow } from '../../src/meetings/meeting.table'
import type { ShownEntry } from '../../src/access/entry-policy'
import { formatWeekKey } from '../../src/i18n/format'
import { ActionFacts, ActionFollowUp, ActionMarks } from '../actions/action-parts'
import { ErrorSummary } from '../components/error-summary'
import { ChoiceGroup, CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { usePage } from '../page-context'

const empty = { values: {}, errors: {} }

export const AttendanceSection = (props: {
  meeting: MeetingRow
  record: MeetingRecordData
  forms: MeetingPageForms
}) => {
  const { t } = usePage()
  const { record, meeting } = props
  const presentMembers = record.checkerCandidates
  const checker = record.members.find((m) => m.userId === record.minuteCheckerId)
  return (
    <section id="narvaro" aria-labelledby="attendance-title" class="card">
      <h2 id="attendance-title">{t('attendance.title')}</h2>
      {record.canRecord ? (
        <form method="post" action={`/moten/${meeting.id}/narvaro`}>
          <CsrfField />
          <fieldset>
            <legend>{t('attendance.legend')}</legend>
            {record.agencies.map((agency) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`present-${agency.id}`}
                  name={`present-${agency.id}`}
                  checked={record.present.has(agency.id)}
                />
                <label for={`present-${agency.id}`}>{agency.name}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button--secondary">
            {t('attendance.save')}
          </button>
        </form>
      ) : (
        <ul>
          {record.agencies
            .filter((agency) => record.present.has(agency.id))
            .map((agency) => (
              <li>{agency.name}</li>
            ))}
          {record.present.size === 0 ? <li class="muted">{t('attendance.none')}</li> : null}
        </ul>
      )}
      <h3>{t('attendance.guests')}</h3>
      {record.guests.length === 0 ? <p class="muted">{t('attendance.noGuests')}</p> : null}
      <ul>
        {record.guests.map((guest) => (
          <li>
            {guest.organisation}{' '}
            {record.canRecord ? (
              <form
                method="post"
                action={`/moten/${meeting.id}/gaster/${guest.id}/ta-bort`}
                class="inline-form"
              >
                <CsrfField />
                <button type="submit" class="button button--link">
                  {t('attendance.removeGuest', { name: guest.organisation })}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {record.canRecord ? (
        <form method="post" action={`/moten/${meeting.id}/gaster`} class="inline-fields" novalidate>
          <CsrfField />
          <TextField
            name="organisation"
            label={t('attendance.guestOrganisation')}
            hint={t('attendance.guestHint')}
            idPrefix="guest"
            maxlength={120}
            {...(props.forms.guest ?? empty)}
          />
          <button type="submit" class="button button--secondary">
            {t('attendance.addGuest')}
          </button>
        </form>
      ) : null}
      <h3>{t('minutes.checker')}</h3>
      <p>{checker ? `${checker.name} (${checker.agencyName})` : t('minutes.noChecker')}</p>
      {record.canRecord && presentMembers.length > 0 ? (
        <form
          method="post"
          action={`/moten/${meeting.id}/justerare`}
          class="inline-fields"
          novalidate
        >
          <CsrfField />
          <SelectField
            name="userId"
            label={t('minutes.chooseChecker')}
            placeholder={t('form.choose')}
            options={presentMembers.map((m) => ({
              value: m.userId,
              label: `${m.name} (${m.agencyName})`,
            }))}
            idPrefix="checker"
            {...(props.forms.minuteChecker ?? {
              values: { userId: record.minuteCheckerId ?? '' },
              errors: {},
            })}
          />
          <button type="submit" class="button button--secondary">
            {t('minutes.setChecker')}
          </button>
        </form>
      ) : null}
    </section>
  )
}

export const FollowUpSection = (props: { meeting: MeetingRow; record: MeetingRecordData }) => {
  const { t } = usePage()
  const { record, meeting } = props
  return (
    <section id="uppfoljning" aria-labelledby="follow-up-title" class="card">
      <h2 id="follow-up-title">{t('followUp.title')}</h2>
      <p class="muted">{t('followUp.intro')}</p>
      {record.followUp.length === 0 ? <p class="muted">{t('followUp.none')}</p> : null}
      <ul class="row-list">
        {record.followUp.map((action) => (
          <FollowUpItem meeting={meeting} record={record} action={action} />
        ))}
      </ul>
      {record.followUpsToConfirm.length > 0 ? (
        <>
          <h3>{t('followUp.closedTitle')}</h3>
          <p class="muted">{t('followUp.closedIntro')}</p>
          <ul class="row-list">
            {record.followUpsToConfirm.map((action) => (
              <li id={`closed-follow-up-${action.id}`}>
                <p class="row-list__title">
                  <a href={`/atgarder/${action.id}`}>{action.text}</a>
                </p>
                <ActionFollowUp action={action} />
                {action.follow_up_confirmed_at ? (
                  <p>{t('followUp.confirmed')}</p>
                ) : record.canConfirmFollowUp ? (
                  <form
                    method="post"
                    action={`/moten/${meeting.id}/uppfoljning/${action.id}/bekrafta`}
                  >
                    <CsrfField />
                    <button type="submit" class="button button--secondary">
                      {t('followUp.confirm', { action: action.text.slice(0, 60) })}
                    </button>
                  </form>
                ) : (
                  <p class="muted">{t('followUp.notConfirmed')}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

/** One action followed up at the meeting; the live stream replaces it alone when its status changes. */
export const FollowUpItem = (props: {
  meeting: MeetingRow
  record: MeetingRecordData
  action: MeetingRecordData['followUp'][number]
}) => {
  const { t } = usePage()
  const { action, meeting, record } = props
  return (
    <li id={`follow-up-${action.id}`}>
      <p class="row-list__title">
        <a href={`/atgarder/${action.id}`}>{action.text}</a>{' '}
        <ActionMarks action={action} today={record.today} />
      </p>
      <ActionFacts action={action} />
      {action.mayUpdate && meeting.status !== 'approved' ? (
        // The form comes on demand: thirty of them would make the meeting page heavy for everyone.
        <a
          class="button button--secondary"
          href={`/atgarder/${action.id}`}
          hx-get={`/atgarder/${action.id}/status?tillbaka=${encodeURIComponent(`/moten/${meeting.id}#uppfoljning`)}`}
          hx-target="this"
          hx-swap="outerHTML"
        >
          {t('actions.updateStatus')}
        </a>
      ) : null}
    </li>
  )
}

/** A new action from a decision. Loaded on demand; shown inline when it comes back with errors. */
export const NewActionForm = (props: {
  meetingId: string
  decisionId: string
  record: MeetingRecordData
  state: { values: FormValues; errors: FieldErrors } | null
}) => {
  const { t } = usePage()
  const { record } = props
  const actionForm = props.state ?? { values: { dueOn: record.dueDay }, errors: {} }
  const prefix = `action-${props.decisionId}`
  return (
    <div class="new-action">
      <ErrorSummary
        errors={actionForm.errors}
        labels={{
          text: t('actions.text'),
          goal: t('actions.goal'),
          ownerAgencyId: t('actions.ownerAgency'),
          ownerUserId: t('actions.ownerUser'),
          dueOn: t('actions.dueOn'),
          areaId: t('actions.area'),
        }}
        idPrefix={prefix}
      />
      <form
        method="post"
        action={`/moten/${props.meetingId}/beslut/${props.decisionId}/atgarder`}
        novalidate
      >
        <CsrfField />
        <TextArea
          name="text"
          label={t('actions.text')}
          maxlength={1000}
          rows={2}
          idPrefix={prefix}
          {...actionForm}
        />
        <TextArea
          name="goal"
          label={t('actions.goal')}
          hint={t('actions.goalHint')}
          maxlength={500}
          rows={2}
          idPrefix={prefix}
          {...actionForm}
        />
        <div class="inline-fields">
          <SelectField
            name="ownerAgencyId"
            label={t('actions.ownerAgency')}
            placeholder={t('form.choose')}
            options={record.agencies.map((a) => ({ value: a.id, label: a.name }))}
            idPrefix={prefix}
            {...actionForm}
          />
          <SelectField
            name="ownerUserId"
            label={t('actions.ownerUser')}
            placeholder={t('actions.noOwnerUser')}
            options={record.members.map((m) => ({
              value: m.userId,
              label: `${m.name} (${m.agencyName})`,
            }))}
            idPrefix={prefix}
            {...actionForm}
          />
          <TextField
            name="dueOn"
            type="date"
            label={t('actions.dueOn')}
            idPrefix={prefix}
            {...actionForm}
          />
          <SelectField
            name="areaId"
            label={t('actions.area')}
            placeholder={t('actions.noArea')}
            options={record.areas.map((area) => ({ value: area.id, label: area.name }))}
            idPrefix={prefix}
            {...actionForm}
          />
        </div>
        <button type="submit" class="button">
          {t('actions.create')}
        </button>
      </form>
    </div>
  )
}

export const DecisionsSection = (props: {
  meeting: MeetingRow
  items: AgendaItemRow[]
  record: MeetingRecordData
  forms: MeetingPageForms
  /** The meeting's entries as this reader sees them: what a decision may name, and link to. */
  entries: readonly ShownEntry[]
}) => {
  const { t } = usePage()
  const { record, meeting } = props
  const decisionForm = props.forms.decision ?? empty
  return (
    <section id="beslut" aria-labelledby="decisions-title" class="card">
      <h2 id="decisions-title">{t('decisions.title')}</h2>
      <NoDecisions record={record} />
      <ol class="row-list" id="decision-list">
        {record.decisions.map((decision) => (
          <DecisionItem
            meeting={meeting}
            items={props.items}
            record={record}
            decision={decision}
            forms={props.forms}
            entries={props.entries}
          />
        ))}
      </ol>
      {record.canRecord ? (
        <>
          <h3>{t('decisions.new')}</h3>
          <ErrorSummary
            errors={decisionForm.errors}
            labels={{
              text: t('decisions.text'),
              agendaItemId: t('decisions.agendaItem'),
              problem: t('decisions.problems.legend'),
            }}
            idPrefix="decision"
          />
          <form method="post" action={`/moten/${meeting.id}/beslut`} novalidate>
            <CsrfField />
            <SelectField
              name="agendaItemId"
              label={t('decisions.agendaItem')}
              placeholder={t('decisions.noAgendaItem')}
              options={props.items.map((item) => ({ value: item.id, label: item.title }))}
              idPrefix="decision"
              {...decisionForm}
            />
            <TextArea
              name="text"
              label={t('decisions.text')}
              maxlength={2000}
              rows={3}
              idPrefix="decision"
              {...decisionForm}
            />
            <ProblemChoice record={record} form={decisionForm} />
            <EntryChoice entries={props.entries} form={decisionForm} />
            <button type="submit" class="button">
              {t('decisions.create')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  )
}

/** The cells of the picture a new decision answers, by area: open when some are chosen or refused. */
const ProblemChoice = (props: {
  record: MeetingRecordData
  form: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const { record, form } = props
  if (record.areas.length === 0 || record.categories.length === 0) return null
  const error = form.errors.problem
  return (
    <details class="problem-choice" open={Boolean(form.values.problem || error)}>
      <summary>{t('decisions.problems.summary')}</summary>
      <fieldset
        id="decision-problem"
        class={error ? 'field field--error' : 'field'}
        aria-describedby={`decision-problem-hint${error ? ' decision-problem-error' : ''}`}
        tabindex={-1}
      >
        <legend>{t('decisions.problems.legend')}</legend>
        <p class="field__hint" id="decision-problem-hint">
          {t('decisions.problems.hint')}
        </p>
        {error ? (
          <p class="field__error" id="decision-problem-error">
            <span class="visually-hidden">{t('form.errorPrefix')} </span>
            {errorText(t, error)}
          </p>
        ) : null}
        {record.areas.map((area) => (
          <ChoiceGroup
            name="problem"
            label={area.name}
            multiple
            inline
            options={record.categories.map((category) => ({
              value: `${area.id}:${category.id}`,
              label: category.name,
            }))}
            idPrefix={`problem-${area.id}`}
            values={form.values}
            errors={{}}
          />
        ))}
      </fieldset>
    </details>
  )
}

/** How an entry is named beside a decision: what its stub shows (area, category, week), never its text. */
const useEntryLabel = () => {
  const { t } = usePage()
  return (entry: ShownEntry) =>
    t('decisions.entries.label', {
      area: entry.areaName,
      category: entry.categoryName,
      week: formatWeekKey(entry.week),
    })
}

/** Entries of the picture a new decision names (optional): those the recorder sees, by their stub. */
const EntryChoice = (props: {
  entries: readonly ShownEntry[]
  form: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const label = useEntryLabel()
  if (props.entries.length === 0) return null
  const { form } = props
  return (
    <details class="problem-choice" open={Boolean(form.values.entry || form.errors.entry)}>
      <summary>{t('decisions.entries.summary')}</summary>
      <ChoiceGroup
        name="entry"
        label={t('decisions.entries.legend')}
        hint={t('decisions.entries.hint')}
        multiple
        options={props.entries.map((entry) => ({ value: entry.id, label: label(entry) }))}
        idPrefix="decision"
        {...form}
      />
    </details>
  )
}

/** "No decisions yet", kept as an empty placeholder once there are some, so the live stream can update it. */
export const NoDecisions = (props: { record: MeetingRecordData }) => {
  const { t } = usePage()
  return (
    <p id="decisions-none" class="muted" hidden={props.record.decisions.length > 0}>
      {t('decisions.none')}
    </p>
  )
}

/** One decision with its actions; the live stream sends it alone when it or its actions change. */
export const DecisionItem = (props: {
  meeting: MeetingRow
  items: AgendaItemRow[]
  record: MeetingRecordData
  decision: MeetingRecordData['decisions'][number]
  forms: MeetingPageForms
  entries: readonly ShownEntry[]
}) => {
  const { t } = usePage()
  const entryLabel = useEntryLabel()
  const { record, meeting, decision } = props
  const linked = new Set(
    record.entryLinks.filter((link) => link.decisionId === decision.id).map((link) => link.entryId),
  )
  // Only the entries this reader sees: a link is never a way to learn of one.
  const entries = props.entries.filter((entry) => linked.has(entry.id))
  const itemTitle = props.items.find((item) => item.id === decision.agenda_item_id)?.title
  const actions = record.actions.filter((action) => action.decision_id === decision.id)
  const problems = record.problems.filter((problem) => problem.decisionId === decision.id)
  const failed = props.forms.action?.decisionId === decision.id ? props.forms.action : null
  return (
    <li id={`decision-${decision.id}`}>
      {itemTitle ? <p class="eyebrow">{itemTitle}</p> : null}
      <p class="row-list__title">{decision.text}</p>
      {problems.length > 0 ? (
        <p class="muted">
          {t('decisions.problems.answers')}:{' '}
          {problems
            .map((p) =>
              t('decisions.problems.cell', { area: p.areaName, category: p.categoryName }),
            )
            .join(', ')}
        </p>
      ) : null}
      {entries.length > 0 ? (
        <p class="muted">
          {t('decisions.entries.names')}:{' '}
          {entries.map((entry, index) => (
            <>
              {index > 0 ? ', ' : ''}
              <a href={`/poster/${entry.id}`}>{entryLabel(entry)}</a>
            </>
          ))}
        </p>
      ) : null}
      {actions.length > 0 ? (
        <ul>
          {actions.map((action) => (
            <li>
              <a href={`/atgarder/${action.id}`}>{action.text}</a> <ActionFacts action={action} />
            </li>
          ))}
        </ul>
      ) : null}
      {record.canRecord && failed ? (
        <NewActionForm
          meetingId={meeting.id}
          decisionId={decision.id}
          record={record}
          state={failed}
        />
      ) : null}
      {record.canRecord && !failed ? (
        <a
          href={`/moten/${meeting.id}/beslut/${decision.id}/atgarder/ny`}
          hx-get={`/moten/${meeting.id}/beslut/${decision.id}/atgarder/ny`}
          hx-target={`#decision-${decision.id}`}
          hx-swap="beforeend"
        >
          {t('actions.newFor', { decision: decision.text.slice(0, 60) })}
        </a>
      ) : null}
    </li>
  )
}
