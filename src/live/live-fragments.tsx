import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { AgendaEmpty, AgendaItem, AgendaList, AgendaSum } from '../../views/meetings/agenda.partial'
import { MeetingLiveRegion } from '../../views/meetings/meeting.page'
import {
  AttendanceSection,
  DecisionItem,
  FollowUpItem,
  NoDecisions,
} from '../../views/meetings/meeting-record'
import { AssessmentItem, ConfirmUnchanged } from '../../views/assessments/assessments'
import {
  SituationAreaGroup,
  SituationCount,
  SituationTitle,
  situationSlots,
} from '../../views/situation/situation-section'
import type { MeetingAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { renderToString } from '../http/render'
import { agendaSectionData, type AgendaSectionData } from '../agenda/agenda-data'
import { meetingRecordData, type MeetingRecordData } from '../meetings/meeting-record-data'
import { meetingSituationData, type MeetingSituationData } from '../situation/meeting-situation'
import type { MeetingChange } from './meeting-events'
import type { ReadLogger } from '../audit/access-log'

export type LiveMessage = { event: 'meeting' | 'patch'; data: string }

/**
 * What one viewer's stream sends for a batch of changes: the whole live region
 * after a status change, otherwise one `patch` of just the changed fragments,
 * each marked to replace (htmx out-of-band swap) the element with its id.
 * Rendered for this viewer alone, with what they may see now.
 */
export async function liveMessageFor(
  c: Context<AppEnv>,
  access: MeetingAccess,
  changes: readonly MeetingChange[],
  log: ReadLogger,
): Promise<LiveMessage | null> {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const path = `/moten/${access.meeting.id}`
  const render = (view: Child) => renderToString(c, view, path)
  // Each kind of data is read once per batch, and only when a fragment needs it.
  const once = <T,>(load: () => Promise<T>) => {
    let loaded: Promise<T> | null = null
    return () => (loaded ??= load())
  }
  const agenda = once<AgendaSectionData>(() => agendaSectionData(db, access))
  const record = once<MeetingRecordData>(() => meetingRecordData(db, access, viewer))
  const situation = once<MeetingSituationData>(() =>
    meetingSituationData({ db, viewer, log }, access),
  )

  if (changes.some((change) => change.kind === 'meeting')) {
    const [a, r, s] = await Promise.all([agenda(), record(), situation()])
    return {
      event: 'meeting',
      data: await render(
        <MeetingLiveRegion access={access} agenda={a} record={r} situation={s} forms={{}} />,
      ),
    }
  }

  const fragments = new Map<string, Child>()
  const decisionView = (
    a: AgendaSectionData,
    r: MeetingRecordData,
    s: MeetingSituationData,
    decision: MeetingRecordData['decisions'][number],
  ) => (
    <DecisionItem
      meeting={access.meeting}
      items={a.items}
      record={r}
      decision={decision}
      forms={{}}
      entries={s.entries}
    />
  )
  const replace = (id: string, view: Child) => fragments.set(id, view)
  const meeting = access.meeting
  for (const change of changes) {
    switch (change.kind) {
      case 'agenda': {
        const a = await agenda()
        const index = a.items.findIndex((item) => item.id === change.itemId)
        if (change.itemId !== null && index >= 0) {
          replace(
            `agenda-item-${change.itemId}`,
            <AgendaItem
              data={a}
              item={a.items[index]!}
              index={index}
              failed={null}
              changed={false}
            />,
          )
        } else {
          replace('agenda-list', <AgendaList data={a} failed={null} changedItemId={null} />)
          replace('agenda-empty', <AgendaEmpty data={a} />)
        }
        replace('agenda-sum', <AgendaSum data={a} />)
        replace('situation-title', <SituationTitle items={a.items} />)
        // Decisions name their agenda item.
        const r = await record()
        for (const decision of r.decisions) {
          if (change.itemId === null || decision.agenda_item_id === change.itemId) {
            replace(`decision-${decision.id}`, decisionView(a, r, await situation(), decision))
          }
        }
        break
      }
      case 'decision': {
        const [a, r, s] = await Promise.all([agenda(), record(), situation()])
        const decision = r.decisions.find((d) => d.id === change.decisionId)
        if (!decision) break
        const view = decisionView(a, r, s, decision)
        if (change.added) fragments.set(`+decision-${decision.id}`, view)
        else replace(`decision-${decision.id}`, view)
        replace('decisions-none', <NoDecisions record={r} />)
        break
      }
      case 'action': {
        const r = await record()
        const followed = r.followUp.find((action) => action.id === change.actionId)
        if (followed)
          replace(
            `follow-up-${followed.id}`,
            <FollowUpItem meeting={meeting} record={r} action={followed} />,
          )
        const own = r.actions.find((action) => action.id === change.actionId)
        const decision = own && r.decisions.find((d) => d.id === own.decision_id)
        if (decision) {
          const [a, s] = await Promise.all([agenda(), situation()])
          replace(`decision-${decision.id}`, decisionView(a, r, s, decision))
        }
        break
      }
      case 'attendance': {
        replace(
          'narvaro',
          <AttendanceSection meeting={meeting} record={await record()} forms={{}} />,
        )
        break
      }
      case 'entries': {
        const s = await situation()
        for (const slot of situationSlots(s)) {
          if (change.areaIds.includes(slot.areaId))
            replace(
              `situation-area-${slot.areaId}`,
              <SituationAreaGroup areaId={slot.areaId} group={slot.group} />,
            )
        }
        replace('situation-count', <SituationCount data={s} />)
        break
      }
      case 'assessments': {
        const s = await situation()
        for (const area of s.assessments.areas) {
          if (change.areaIds === null || change.areaIds.includes(area.id)) {
            replace(
              `bedomning-${area.id}`,
              <AssessmentItem
                meetingId={meeting.id}
                data={s.assessments}
                area={area}
                failed={null}
              />,
            )
          }
        }
        replace(
          'bedomning-bekrafta',
          <ConfirmUnchanged meetingId={meeting.id} data={s.assessments} />,
        )
        break
      }
    }
  }
  if (fragments.size === 0) return null
  const parts: string[] = []
  for (const [key, view] of fragments) {
    const html = await render(view)
    // A new decision is added at the end of the list; everything else replaces its element by id.
    parts.push(
      key.startsWith('+')
        ? `<ol hx-swap-oob="beforeend:#decision-list">${html}</ol>`
        : outOfBand(html),
    )
  }
  return { event: 'patch', data: parts.join('') }
}

/** Marks a rendered element to replace the element with the same id (htmx out-of-band swap). */
function outOfBand(html: string): string {
  return html.replace(/^<([a-z][a-z0-9]*)/, '<$1 hx-swap-oob="true"')
}
