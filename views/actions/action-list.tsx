import type { ActionListRow } from '../../src/actions/action.repository'
import { usePage } from '../page-context'
import { ActionFacts, ActionMarks } from './action-parts'

/** A short list of actions, overdue first; `showTeam` adds the team's name. */
export const ActionList = (props: {
  actions: ActionListRow[]
  today: string
  showTeam?: boolean
}) => {
  const { t } = usePage()
  if (props.actions.length === 0) return <p class="muted">{t('home.noActions')}</p>
  const overdue = props.actions.filter((a) => a.due_on < props.today)
  const ordered = [...overdue, ...props.actions.filter((a) => !overdue.includes(a))]
  return (
    <ul class="link-list">
      {ordered.map((action) => (
        <li>
          <a href={`/atgarder/${action.id}`}>{action.text}</a>{' '}
          <ActionMarks action={action} today={props.today} />
          <br />
          {props.showTeam ? <span class="muted">{action.team_name} · </span> : null}
          <ActionFacts action={action} />
        </li>
      ))}
    </ul>
  )
}
