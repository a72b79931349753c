import type { ActionListRow } from '../../src/actions/action.repository'
import {
  actionStatuses,
  closeReasons,
  escalateAfterReviews,
  followUpDone,
  followUpEffects,
  isOpenStatus,
} from '../../src/actions/action.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDay, localDayAndTime } from '../../src/i18n/format'
import type { Child } from 'hono/jsx'
import { ChoiceGroup, CsrfField, SelectField, TextArea } from '../components/form-field'
import { usePage } from '../page-context'

/** Overdue and escalation marks, in words (never colour alone). */
export const ActionMarks = (props: { action: ActionListRow; today: string }) => {
  const { t } = usePage()
  const { action } = props
  const overdue = isOpenStatus(action.status) && action.due_on < props.today
  return (
    <>
      {overdue ? <span class="tag tag--warn">{t('actions.overdue')}</span> : null}
      {isOpenStatus(action.status) && action.reviews >= escalateAfterReviews ? (
        <span class="tag tag--alert">{t('actions.escalate', { count: action.reviews })}</span>
      ) : null}
    </>
  )
}

export const ActionFacts = (props: { action: ActionListRow }) => {
  const { t, locale } = usePage()
  const { action } = props
  return (
    <span class="muted">
      {action.owner_agency_name}
      {action.owner_user_name ? ` (${action.owner_user_name})` : ''} ·{' '}
      {t('actions.due', { date: formatDay(action.due_on, locale) })} ·{' '}
      {t(`actionStatus.${action.status}`)}
      {action.close_reason ? ` – ${t(`closeReason.${action.close_reason}`)}` : ''}
    </span>
  )
}

/** The choices of the status select: closing without doing it carries its reason ("cancelled:moved_elsewhere"). */
export const statusChoices = [
  ...actionStatuses.filter((status) => status !== 'cancelled'),
  ...closeReasons.map((reason) => `cancelled:${reason}`),
]

/** One select for status and reason; posts to the action and returns to `back`. */
export const ActionStatusForm = (props: {
  action: ActionListRow
  back: string
  state?: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const current =
    props.action.status === 'cancelled'
      ? `cancelled:${props.action.close_reason}`
      : props.action.status
  const state = props.state ?? { values: { status: current }, errors: {} }
  const label = (choice: string) => {
    const [status, reason] = choice.split(':') as [
      (typeof actionStatuses)[number],
      (typeof closeReasons)[number] | undefined,
    ]
    return reason
      ? t('actions.cancelledBecause', { reason: t(`closeReason.${reason}`) })
      : t(`actionStatus.${status}`)
  }
  return (
    <form
      method="post"
      action={`/atgarder/${props.action.id}/status`}
      class="inline-fields status-form"
      novalidate
    >
      <CsrfField />
      <input type="hidden" name="tillbaka" value={props.back} />
      <SelectField
        name="status"
        label={t('actions.statusFor', { text: props.action.text.slice(0, 40) })}
        options={statusChoices.map((choice) => ({ value: choice, label: label(choice) }))}
        idPrefix={`status-${props.action.id}`}
        {...state}
      />
      <button type="submit" class="button button--secondary">
        {t('actions.saveStatus')}
      </button>
    </form>
  )
}

/** The operative goal and, once closed, the owner agency's follow-up in words. */
export const ActionFollowUp = (props: { action: ActionListRow }) => {
  const { t, locale } = usePage()
  const { action } = props
  const fact = (term: string, detail: Child, muted = false) => (
    <div>
      <dt>{term}</dt>
      <dd class={muted ? 'muted' : undefined}>{detail}</dd>
    </div>
  )
  const followedUp = action.follow_up_at && action.follow_up_done && action.follow_up_effect
  if (!action.goal && !followedUp && isOpenStatus(action.status)) return null
  return (
    <dl class="facts">
      {action.goal ? fact(t('actions.goal'), action.goal) : null}
      {action.follow_up_at && action.follow_up_done && action.follow_up_effect ? (
        <>
          {fact(t('followUp.done'), t(`followUp.done.${action.follow_up_done}`))}
          {fact(t('followUp.effect'), t(`followUp.effect.${action.follow_up_effect}`))}
          {fact(
            t('followUp.reason'),
            <>
              {action.follow_up_reason}{' '}
              <span class="muted">
                (
                {t('followUp.reported', {
                  date: formatDay(localDayAndTime(action.follow_up_at).day, locale),
                })}
                )
              </span>
            </>,
          )}
        </>
      ) : isOpenStatus(action.status) ? null : (
        fact(t('followUp.effect'), t('followUp.missing'), true)
      )}
    </dl>
  )
}

/**
 * Carried out (yes / partly / no) and the effect on the problem, as radio
 * groups: the same judgement for an action's follow-up and for a row of the
 * municipality's yearly plan.
 */
export const FollowUpJudgement = (props: {
  state: { values: FormValues; errors: FieldErrors }
  idPrefix: string
}) => {
  const { t } = usePage()
  return (
    <>
      <ChoiceGroup
        name="done"
        label={t('followUp.done')}
        inline
        options={followUpDone.map((value) => ({ value, label: t(`followUp.done.${value}`) }))}
        idPrefix={props.idPrefix}
        {...props.state}
      />
      <ChoiceGroup
        name="effect"
        label={t('followUp.effect')}
        inline
        options={followUpEffects.map((value) => ({
          value,
          label: t(`followUp.effect.${value}`),
        }))}
        idPrefix={props.idPrefix}
        {...props.state}
      />
    </>
  )
}

/** The owner agency's follow-up of a closed action: carried out, effect, why. */
export const FollowUpForm = (props: {
  action: ActionListRow
  state?: { values: FormValues; errors: FieldErrors }
}) => {
  const { t } = usePage()
  const { action } = props
  const state = props.state ?? {
    values: {
      done: action.follow_up_done ?? '',
      effect: action.follow_up_effect ?? '',
      reason: action.follow_up_reason ?? '',
    },
    errors: {},
  }
  return (
    <form method="post" action={`/atgarder/${action.id}/uppfoljning`} novalidate>
      <CsrfField />
      <FollowUpJudgement state={state} idPrefix="follow-up" />
      <TextArea
        name="reason"
        label={t('followUp.reason')}
        hint={t('followUp.reasonHint')}
        maxlength={1000}
        rows={3}
        idPrefix="follow-up"
        {...state}
      />
      <button type="submit" class="button">
        {t('followUp.save')}
      </button>
    </form>
  )
}
