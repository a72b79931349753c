import type { AgendaItemRow } from '../../src/meetings/meeting.table'
import type { MeetingSituationData } from '../../src/situation/meeting-situation'
import { groupByAreaAndCategory } from '../../src/situation/situation-picture'
import type { ShownPictureCell } from '../../src/situation/read'
import { usePage } from '../page-context'
import { EntryCard } from './entry.page'
import { AssessmentsPart, type AssessmentFormState } from '../assessments/assessments'

/**
 * The situation picture on the meeting page, under the agenda's situation
 * item: the period's entries grouped by area and category, each as the viewer
 * may see it. Every area of the team has its place, empty or not, so the live
 * stream can replace one area's group alone when an entry in it changes.
 */
export const SituationSection = (props: {
  data: MeetingSituationData
  items: AgendaItemRow[]
  failedAssessment?: AssessmentFormState | null
}) => {
  const { t } = usePage()
  const groups = groupByAreaAndCategory(props.data.entries)
  return (
    <section id="lagesbild" aria-labelledby="situation-title" class="card">
      <SituationTitle items={props.items} />
      <AssessmentsPart
        meetingId={props.data.meetingId}
        data={props.data.assessments}
        failed={props.failedAssessment ?? null}
      />
      {props.data.hasMap ? (
        <div id="meeting-map">
          <p>
            <a
              href={`/moten/${props.data.meetingId}/karta`}
              hx-get={`/moten/${props.data.meetingId}/karta`}
              hx-target="#meeting-map"
              hx-swap="innerHTML"
            >
              {t('map.showForMeeting')}
            </a>
          </p>
        </div>
      ) : null}
      <h3>{t('situation.entriesTitle')}</h3>
      <SituationCount data={props.data} />
      {props.data.canReport ? (
        <p>
          <a class="button button--secondary" href={`/team/${props.data.teamId}/poster/ny`}>
            {t('situation.new')}
          </a>
        </p>
      ) : null}
      {situationSlots(props.data, groups).map((slot) => (
        <SituationAreaGroup areaId={slot.areaId} group={slot.group} />
      ))}
    </section>
  )
}

/** The section's heading: the agenda's situation item, with its number, when there is one. */
export const SituationTitle = (props: { items: AgendaItemRow[] }) => {
  const { t } = usePage()
  const item = props.items.find((i) => i.kind === 'situation_review')
  const number = item ? props.items.indexOf(item) + 1 : null
  return (
    <h2 id="situation-title">{item ? `${number}. ${item.title}` : t('situation.meetingTitle')}</h2>
  )
}

export const SituationCount = (props: { data: MeetingSituationData }) => {
  const { t } = usePage()
  return (
    <p id="situation-count" class="muted">
      {t('situation.meetingCount', { count: String(props.data.entries.length) })}
    </p>
  )
}

type AreaGroup = ReturnType<typeof groupByAreaAndCategory>[number]

/** Every area of the team in order, with its group of entries when it has any (entries in a retired area keep their place). */
export function situationSlots(
  data: MeetingSituationData,
  groups = groupByAreaAndCategory(data.entries),
): { areaId: string; group: AreaGroup | null }[] {
  const slots = data.areaIds.map((areaId) => ({
    areaId,
    group: groups.find((g) => g.areaId === areaId) ?? null,
  }))
  for (const group of groups)
    if (!data.areaIds.includes(group.areaId)) slots.push({ areaId: group.areaId, group })
  return slots
}

export const SituationAreaGroup = (props: { areaId: string; group: AreaGroup | null }) => {
  if (!props.group) return <div id={`situation-area-${props.areaId}`} hidden></div>
  return (
    <div id={`situation-area-${props.areaId}`} class="entry-group">
      <h4>{props.group.areaName}</h4>
      {props.group.categories.map((category) => (
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
  )
}

/** The picture in the minutes: counts per area × category and trends — never a description. */
export const SituationAggregates = (props: { cells: ShownPictureCell[] }) => {
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
            <td>{cell.entries}</td>
            <td>{cell.events}</td>
            <td>
              {cell.trends
                .map(({ trend, count }) => `${t(`trend.${trend}`)} ${count}`.trim())
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
