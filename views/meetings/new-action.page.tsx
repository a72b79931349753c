import type { Child } from 'hono/jsx'
import type { MeetingAccess } from '../../src/access/team-access'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** A new action on a page of its own: the way it works without JavaScript. */
export const NewActionPage = (props: {
  access: MeetingAccess
  decisionText: string
  form: Child
}) => {
  const { t } = usePage()
  const title = t('actions.newFor', { decision: props.decisionText.slice(0, 60) })
  return (
    <Page title={title}>
      <p class="eyebrow">
        <a href={`/moten/${props.access.meeting.id}#beslut`}>{props.access.meeting.title}</a>
      </p>
      <h1>{title}</h1>
      {props.form}
    </Page>
  )
}
