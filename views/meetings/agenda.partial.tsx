import type { AgendaSectionData } from '../../src/agenda/agenda-data'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { isUnstarted } from '../../src/meetings/meeting-status'
import { agendaItemKinds, type AgendaItemRow } from '../../src/meetings/meeting.table'
import { CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { usePage } from '../page-context'

export type AgendaFormState = { formKey: string; values: FormValues; errors: FieldErrors }

const sectionId = 'dagordning'

/** A form that works as a plain post, and with htmx replaces only the agenda. */
const AgendaForm = (props: {
  action: string
  children: unknown
  class?: string
  plain?: boolean
}) => (
  <form
    method="post"
    action={props.action}
    hx-post={props.plain ? undefined : props.action}
    hx-target={props.plain ? undefined : `#${sectionId}`}
    hx-swap={props.plain ? undefined : 'outerHTML'}
    class={props.class}
  >
    <CsrfField />
    {props.children}
  </form>
)

const ItemFields = (props: {
  state: { values: FormValues; errors: FieldErrors }
  idPrefix: string
  agencies: { id: string; name: string }[]
}) => {
  const { t } = usePage()
  const field = { ...props.state, idPrefix: props.idPrefix }
  return (
    <>
      <TextField name="title" label={t('agenda.itemTitle')} maxlength={200} required {...field} />
      <div class="inline-fields">
        <SelectField
          name="kind"
          label={t('agenda.kind')}
          options={agendaItemKinds.map((kind) => ({ value: kind, label: t(`agendaKind.${kind}`) }))}
          {...field}
        />
        <SelectField
          name="presenterAgencyId"
          label={t('agenda.presenter')}
          placeholder={t('agenda.noPresenter')}
          options={props.agencies.map((a) => ({ value: a.id, label: a.name }))}
          {...field}
        />
        <TextField
          name="minutes"
          label={t('agenda.minutes')}
          inputmode="numeric"
          maxlength={3}
          {...field}
        />
      </div>
      <TextArea name="notes" label={t('agenda.notes')} maxlength={2000} rows={2} {...field} />
    </>
  )
}

const valuesOf = (item: AgendaItemRow): FormValues => ({
  title: item.title,
  kind: item.kind,
  presenterAgencyId: item.presenter_agency_id ?? '',
  minutes: item.minutes === null ? '' : String(item.minutes),
  notes: item.notes,
})

/**
 * The form to change one item. Loaded on demand (a page of its own without
 * JavaScript, inline with htmx) so the agenda stays light; shown inline when it
 * comes back with errors.
 */
export const AgendaItemEditForm = (props: {
  meetingId: string
  item: AgendaItemRow
  state: { values: FormValues; errors: FieldErrors } | null
  agencies: { id: string; name: string }[]
  plain?: boolean
}) => {
  const { t } = usePage()
  return (
    <AgendaForm
      action={`/moten/${props.meetingId}/dagordning/${props.item.id}`}
      class="agenda-item__form"
      plain={props.plain}
    >
      <ItemFields
        state={props.state ?? { values: valuesOf(props.item), errors: {} }}
        idPrefix={`agenda-${props.item.id}`}
        agencies={props.agencies}
      />
      <button type="submit" class="button">
        {t('common.save')}
      </button>
    </AgendaForm>
  )
}

/**
 * What the last change to the agenda did, for screen readers and the eye. It stands outside the
 * agenda section, which live updates replace, so that an update arriving just after one's own change
 * does not wipe its confirmation; an htmx answer sets it out of band.
 */
export const AgendaStatus = (props: { announce: string | null; outOfBand?: boolean }) => (
  <p
    role="status"
    id="agenda-status"
    class="agenda-status"
    hx-swap-oob={props.outOfBand ? 'true' : undefined}
  >
    {props.announce ?? ''}
  </p>
)

/** A decision recorded right under the agenda item being discussed (posted like the form under Beslut). */
const DecisionUnderItem = (props: { meetingId: string; item: { id: string; title: string } }) => {
  const { t } = usePage()
  const prefix = `decide-${props.item.id}`
  return (
    <details class="agenda-item__decide">
      <summary>{t('agenda.decideUnder', { title: props.item.title })}</summary>
      <form method="post" action={`/moten/${props.meetingId}/beslut`} novalidate>
        <CsrfField />
        <input type="hidden" name="agendaItemId" value={props.item.id} />
        <TextArea
          name="text"
          label={t('decisions.text')}
          maxlength={2000}
          rows={2}
          idPrefix={prefix}
          values={{}}
          errors={{}}
        />
        <button type="submit" class="button">
          {t('decisions.create')}
        </button>
      </form>
    </details>
  )
}

export const AgendaSection = (props: {
  data: AgendaSectionData
  failed: AgendaFormState | null
  changedItemId?: string | null
}) => {
  const { t } = usePage()
  const { meeting, agencies, canEdit } = props.data
  const running = meeting.status === 'open'
  const base = `/moten/${meeting.id}/dagordning`
  const stateFor = (key: string, fallback: FormValues) =>
    props.failed?.formKey === key ? props.failed : { values: fallback, errors: {} }
  return (
    <section id={sectionId} aria-labelledby="agenda-title" class="card">
      <h2 id="agenda-title">{t('agenda.title')}</h2>
      <AgendaSum data={props.data} />
      <AgendaEmpty data={props.data} />
      {/* While the meeting runs the agenda is read, not edited: its tools stay folded away until asked for (CSS, no script). */}
      {running && canEdit ? (
        <details class="agenda-edit-toggle" open={props.failed !== null}>
          <summary>{t('agenda.editWhileRunning')}</summary>
        </details>
      ) : null}
      <AgendaList
        data={props.data}
        failed={props.failed}
        changedItemId={props.changedItemId ?? null}
      />
      {canEdit ? (
        <details open={props.failed?.formKey === 'new'} class="agenda-new">
          <summary>{t('agenda.add')}</summary>
          <AgendaForm action={base}>
            <ItemFields
              state={stateFor('new', { kind: 'other' })}
              idPrefix="agenda-new"
              agencies={agencies}
            />
            <button type="submit" class="button">
              {t('agenda.addButton')}
            </button>
          </AgendaForm>
        </details>
      ) : null}
    </section>
  )
}

/** The planned minutes against the meeting's length; over-booking matters while planning, not once the meeting has run. */
export const AgendaSum = (props: { data: AgendaSectionData }) => {
  const { t } = usePage()
  const { meeting, items } = props.data
  const total = items.reduce((sum, item) => sum + (item.minutes ?? 0), 0)
  const length = Math.round((Date.parse(meeting.ends_at) - Date.parse(meeting.starts_at)) / 60_000)
  const over = total > length && isUnstarted(meeting.status)
  return (
    <p id="agenda-sum" class={over ? 'agenda-sum agenda-sum--over' : 'agenda-sum'}>
      {t(over ? 'agenda.sumOver' : 'agenda.sum', { total, length })}
    </p>
  )
}

export const AgendaEmpty = (props: { data: AgendaSectionData }) => {
  const { t } = usePage()
  return (
    <p id="agenda-empty" class="muted" hidden={props.data.items.length > 0}>
      {t('agenda.empty')}
    </p>
  )
}

export const AgendaList = (props: {
  data: AgendaSectionData
  failed: AgendaFormState | null
  changedItemId: string | null
}) => (
  <ol
    id="agenda-list"
    class={props.data.meeting.status === 'open' ? 'agenda agenda--running' : 'agenda'}
  >
    {props.data.items.map((item, index) => (
      <AgendaItem
        data={props.data}
        item={item}
        index={index}
        failed={props.failed}
        changed={item.id === props.changedItemId}
      />
    ))}
  </ol>
)

/** One agenda item; the live stream sends it alone when only it changed. */
export const AgendaItem = (props: {
  data: AgendaSectionData
  item: AgendaItemRow
  index: number
  failed: AgendaFormState | null
  changed: boolean
}) => {
  const { t } = usePage()
  const { meeting, items, agencies, canEdit, canDecide } = props.data
  const { item, index } = props
  const base = `/moten/${meeting.id}/dagordning`
  const agencyName = (id: string | null) => agencies.find((a) => a.id === id)?.name
  return (
    // Focusable by script (never by Tab): the focus stays on the item when a live update replaces it.
    <li
      class="agenda-item"
      id={`agenda-item-${item.id}`}
      tabindex={-1}
      data-focus-after-swap={props.changed ? '' : undefined}
    >
      <p class="agenda-item__title">{item.title}</p>
      <p class="muted">
        {[
          t(`agendaKind.${item.kind}`),
          agencyName(item.presenter_agency_id),
          item.minutes ? t('agenda.minutesShort', { minutes: item.minutes }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {item.notes ? <p class="agenda-item__notes">{item.notes}</p> : null}
      {canEdit ? (
        <div class="agenda-item__tools">
          <AgendaForm action={`${base}/${item.id}/upp`} class="inline-form">
            <button
              type="submit"
              id={`up-${item.id}`}
              class="button button--secondary"
              disabled={index === 0}
              aria-label={t('agenda.moveUpLabel', { title: item.title })}
            >
              {t('agenda.moveUp')}
            </button>
          </AgendaForm>
          <AgendaForm action={`${base}/${item.id}/ner`} class="inline-form">
            <button
              type="submit"
              id={`down-${item.id}`}
              class="button button--secondary"
              disabled={index === items.length - 1}
              aria-label={t('agenda.moveDownLabel', { title: item.title })}
            >
              {t('agenda.moveDown')}
            </button>
          </AgendaForm>
          <AgendaForm action={`${base}/${item.id}/ta-bort`} class="inline-form">
            <button
              type="submit"
              class="button button--danger"
              aria-label={t('agenda.removeLabel', { title: item.title })}
            >
              {t('agenda.remove')}
            </button>
          </AgendaForm>
          {props.failed?.formKey === item.id ? null : (
            <a
              href={`${base}/${item.id}`}
              hx-get={`${base}/${item.id}`}
              hx-target={`#agenda-item-${item.id}`}
              hx-swap="beforeend"
              class="agenda-item__edit"
            >
              {t('agenda.editLabel', { title: item.title })}
            </a>
          )}
        </div>
      ) : null}
      {canEdit && props.failed?.formKey === item.id ? (
        <AgendaItemEditForm
          meetingId={meeting.id}
          item={item}
          state={props.failed}
          agencies={agencies}
        />
      ) : null}
      {canDecide ? <DecisionUnderItem meetingId={meeting.id} item={item} /> : null}
    </li>
  )
}
