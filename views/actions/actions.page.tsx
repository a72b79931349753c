import type { ActionListRow } from '../../src/actions/action.repository'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime } from '../../src/i18n/format'
import type { MyTeamRow } from '../../src/teams/team.repository'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextArea } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { ActionList } from './action-list'
import {
  ActionFacts,
  ActionFollowUp,
  ActionMarks,
  ActionStatusForm,
  FollowUpForm,
} from './action-parts'
import { isOpenStatus } from '../../src/actions/action.table'

export const ActionsPage = (props: {
  actions: ActionListRow[]
  teams: MyTeamRow[]
  filter: { status: 'open' | 'closed' | 'all'; teamId: string | null }
  today: string
}) => {
  const { t, viewer } = usePage()
  return (
    <Page title={t('actions.title')}>
      <h1>{t('actions.titleFor', { agency: viewer?.agencyName ?? '' })}</h1>
      <form method="get" action="/atgarder" class="inline-fields" role="search">
        <div class="field">
          <label for="filter-status">{t('actions.filterStatus')}</label>
          <select id="filter-status" name="status">
            {(['open', 'closed', 'all'] as const).map((status) => (
              <option value={status} selected={props.filter.status === status}>
                {t(`actions.filter.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-team">{t('actions.filterTeam')}</label>
          <select id="filter-team" name="team">
            <option value="">{t('actions.allTeams')}</option>
            {props.teams.map((team) => (
              <option value={team.id} selected={props.filter.teamId === team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          {t('actions.filterButton')}
        </button>
      </form>
      <p role="status">{t('actions.count', { count: props.actions.length })}</p>
      <ActionList actions={props.actions} today={props.today} showTeam />
    </Page>
  )
}

type Note = { id: string; text: string; created_at: string; agency_name: string }

export const ActionPage = (props: {
  action: ActionListRow
  team: TeamRow
  notes: Note[]
  /** What the viewer may do here, as the policy answered. */
  can: { update: boolean; note: boolean; followUp: boolean }
  forms: {
    status?: { values: FormValues; errors: FieldErrors }
    note?: { values: FormValues; errors: FieldErrors }
    followUp?: { values: FormValues; errors: FieldErrors }
  }
  today: string
}) => {
  const { t, locale } = usePage()
  const { action } = props
  return (
    <Page title={action.text.slice(0, 60)}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a> ·{' '}
        <a href={`/moten/${action.meeting_id}`}>{t('actions.originMeeting')}</a>
      </p>
      <h1>{action.text}</h1>
      <p>
        <ActionFacts action={action} /> <ActionMarks action={action} today={props.today} />
      </p>
      <p class="muted">{t('actions.cameBack', { count: action.reviews })}</p>
      <ActionFollowUp action={action} />
      {props.can.update ? (
        <section aria-labelledby="status-title" class="card">
          <h2 id="status-title">{t('actions.status')}</h2>
          <ErrorSummary
            errors={props.forms.status?.errors ?? {}}
            labels={{ status: t('actions.status'), reason: t('actions.reason') }}
            idPrefix={`status-${action.id}`}
          />
          <ActionStatusForm
            action={action}
            back={`/atgarder/${action.id}`}
            state={props.forms.status}
          />
        </section>
      ) : null}
      {props.can.followUp ? (
        <section id="uppfoljning" aria-labelledby="follow-up-title" class="card">
          <h2 id="follow-up-title">{t('followUp.formTitle')}</h2>
          {isOpenStatus(action.status) ? (
            <p class="muted">{t('followUp.closedOnly')}</p>
          ) : (
            <>
              <ErrorSummary
                errors={props.forms.followUp?.errors ?? {}}
                labels={{
                  done: t('followUp.done'),
                  effect: t('followUp.effect'),
                  reason: t('followUp.reason'),
                }}
                idPrefix="follow-up"
              />
              <FollowUpForm action={action} state={props.forms.followUp} />
            </>
          )}
        </section>
      ) : null}
      <section id="anteckningar" aria-labelledby="notes-title" class="card">
        <h2 id="notes-title">{t('actions.notes')}</h2>
        {props.notes.length === 0 ? <p class="muted">{t('actions.noNotes')}</p> : null}
        <ul class="row-list">
          {props.notes.map((note) => (
            <li>
              <p class="muted">
                {formatDateTime(note.created_at, locale)} · {note.agency_name}
              </p>
              <p>{note.text}</p>
            </li>
          ))}
        </ul>
        {props.can.note ? (
          <form method="post" action={`/atgarder/${action.id}/anteckningar`} novalidate>
            <CsrfField />
            <ErrorSummary
              errors={props.forms.note?.errors ?? {}}
              labels={{ text: t('actions.noteText') }}
              idPrefix="note"
            />
            <TextArea
              name="text"
              label={t('actions.noteText')}
              maxlength={2000}
              idPrefix="note"
              {...(props.forms.note ?? { values: {}, errors: {} })}
            />
            <button type="submit" class="button">
              {t('actions.addNote')}
            </button>
          </form>
        ) : null}
      </section>
    </Page>
  )
}
