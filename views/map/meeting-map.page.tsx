import type { Child } from 'hono/jsx'
import type { MeetingRow } from '../../src/meetings/meeting.table'
import type { TeamRow } from '../../src/teams/team.table'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

/** The meeting's picture on the map, as a page of its own (without JavaScript, or to print). */
export const MeetingMapPage = (props: { meeting: MeetingRow; team: TeamRow; map: Child }) => {
  const { t } = usePage()
  return (
    <Page title={`${t('map.title')} – ${props.meeting.title}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a> ·{' '}
        <a href={`/moten/${props.meeting.id}#lagesbild`}>{props.meeting.title}</a>
      </p>
      <h1>{props.meeting.title}</h1>
      {props.map}
    </Page>
  )
}
