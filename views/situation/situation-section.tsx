import type { AgendaItemRow } from '../../src/meetings/meeting.table'
import type { MeetingSituationData } from '../../src/situation/meeting-situation'
import { groupByAreaAndCategory, shownCount, shownEvents, type PictureCell } from '../../src/situation/situation-picture'
import { trends } from '../../src/situation/situation-entry.table'
import { usePage } from '../page-context'
import { EntryCard } from './entry.page'
import { AssessmentsPart, type AssessmentFormState } from '../assessments/assessments'

/**
 * The situation picture on the meeting page, under the agenda's situation
 * item: the period's entries grouped by area and category, each as the viewer
 * may see it. Swapped whole by the live stream when an entry changes.
 */
export const SituationSection = (props: { data: MeetingSituationData; items: AgendaItemRow[]; failedAssessment?: AssessmentFormState | null }) => {
  const { t } = usePage()
  const item = props.items.find((i) => i.kind === 'situation_review')
  const number = item ? props.items.indexOf(item) + 1 : null
  const groups = groupByAreaAndCategory(props.data.entries)
  return (
    <section id="lagesbild" aria-labelledby="situation-title" class="card" sse-swap="situation" hx-swap="outerHTML">
      <h2 id="situation-title">{item ? `${number}. ${item.title}` : t('situation.meetingTitle')}</h2>
      <AssessmentsPart meetingId={props.data.meetingId} data={props.data.assessments} failed={props.failedAssessment ?? null} />
      <h3>{t('situation.entriesTitle')}</h3>
      <p class="muted">{t('situation.meetingCount', { count: String(props.data.entries.length) })}</p>
      {props.data.canReport ? (
        <p>
          <a class="button button--secondary" href={`/team/${props.data.teamId}/poster/ny`}>
            {t('situation.new')}
          </a>
        </p>
      ) : null}
      {groups.map((area) => (
        <div class="entry-group">
          <h4>{area.areaName}</h4>
          {area.categories.map((category) => (
            <>
              <h5>
                {category.categoryName} <span class="counter">({category.entries.length})</span>
              </h5>
              <ul class="entry-list">
                {category.entries.map((entry) => (
                  <li>
                    <EntryCard entry={entry} link />
                  </li>
                ))}
              </ul>
            </>
          ))}
        </div>
      ))}
    </section>
  )
}

/** The picture in the minutes: counts per area × category and trends — never a description. */
export const SituationAggregates = (props: { cells: PictureCell[] }) => {
  const { t } = usePage()
  if (props.cells.length === 0) return <p class="muted">{t('situation.noEntries')}</p>
  return (
    <table class="table">
      <caption class="visually-hidden">{t('minutes.situation')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('situation.area')}</th>
          <th scope="col">{t('situation.category')}</th>
          <th scope="col">{t('situation.entriesCount')}</th>
          <th scope="col">{t('situation.eventsCount')}</th>
          <th scope="col">{t('situation.trends')}</th>
        </tr>
      </thead>
      <tbody>
        {props.cells.map((cell) => (
          <tr>
            <td>{cell.areaName}</td>
            <td>{cell.categoryName}</td>
            <td>{shownCount(cell.entries, cell.sensitive, cell.ownEntries)}</td>
            <td>{shownEvents(cell)}</td>
            <td>
              {trends
                .filter((trend) => cell.trends[trend] > 0)
                .map((trend) => `${t(`trend.${trend}`)} ${cell.sensitive && shownCount(cell.entries, true, cell.ownEntries) === '<3' ? '' : cell.trends[trend]}`.trim())
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

