import type { MeetingRow } from '../../src/meetings/meeting.table'
import { formatMeetingTime } from '../../src/i18n/format'
import { usePage } from '../page-context'

/** A short list of meetings, each a link; with `showTeam` the team's name is shown too. */
export const MeetingList = (props: {
  meetings: (MeetingRow & { team_name?: string })[]
  showTeam?: boolean
}) => {
  const { t, locale } = usePage()
  if (props.meetings.length === 0) return <p class="muted">{t('home.noMeetings')}</p>
  return (
    <ul class="link-list">
      {props.meetings.map((meeting) => (
        <li>
          <a href={`/moten/${meeting.id}`}>
            {formatMeetingTime(meeting.starts_at, meeting.ends_at, locale)}
          </a>
          <br />
          <span class="muted">
            {props.showTeam && meeting.team_name ? `${meeting.team_name} · ` : ''}
            {t(`meetingStatus.${meeting.status}`)}
          </span>
        </li>
      ))}
    </ul>
  )
}
