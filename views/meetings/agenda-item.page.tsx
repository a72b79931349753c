import type { Child } from 'hono/jsx'
import type { MeetingAccess } from '../../src/access/team-access'
import type { AgendaItemRow } from '../../src/meetings/meeting.table'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** Changing one agenda item on a page of its own: the way it works without JavaScript. */
export const AgendaItemPage = (props: {
  access: MeetingAccess
  item: AgendaItemRow
  form: Child
}) => {
  const { t } = usePage()
  return (
    <Page title={t('agenda.editLabel', { title: props.item.title })}>
      <p class="eyebrow">
        <a href={`/moten/${props.access.meeting.id}#dagordning`}>{props.access.meeting.title}</a>
      </p>
      <h1>{t('agenda.editLabel', { title: props.item.title })}</h1>
      {props.form}
    </Page>
  )
}
