import { listAssessmentsOfTeam } from '../assessments/assessment.repository'
import { isoWeekKey } from '../i18n/format'
import type { TeamAccess } from '../access/team-access'
import { readCountsByCategory, readCountsByProblem, type Reader } from '../situation/read'
import {
  isOpenStatus,
  type ActionStatus,
  type FollowUpDone,
  type FollowUpEffect,
} from '../actions/action.table'
import { listProblemActions } from './analysis.repository'
import type { AreaRow, CategoryRow } from '../teams/team.table'
import { previousPeriod, weeksOf, type Period } from './period'

export type LevelMove = { area: AreaRow; start: number | null; end: number | null }
export type CategoryChange = {
  category: CategoryRow
  before: string
  now: string
  grew: boolean
  fell: boolean
}
export type ActionInArea = {
  id: string
  text: string
  status: string
  ownerAgencyName: string
  week: string
  levelThen: number | null
  levelAtEnd: number | null
}

/** An action taken on a problem, with its owner agency's follow-up. */
export type ProblemAction = {
  id: string
  text: string
  status: ActionStatus
  ownerAgencyName: string
  week: string
  goal: string | null
  done: FollowUpDone | null
  effect: FollowUpEffect | null
  confirmed: boolean
  /** Closed, and its owner agency has not said what it did. */
  notFollowedUp: boolean
}

/** A cell of the picture the period's decisions answered: counts before and now, what was done, what it did. */
export type ProblemToEffect = {
  key: string
  areaName: string
  categoryName: string
  before: string
  now: string
  levelStart: number | null
  levelEnd: number | null
  decisions: { id: string; text: string }[]
  actions: ProblemAction[]
}

/** Category counts over a period, all areas together, as the viewer may be shown them. */
function categoryTotals(reader: Reader, access: TeamAccess, period: { from: string; to: string }) {
  const weeks = weeksOf(period)
  return readCountsByCategory(reader, access, weeks[0]!, weeks[weeks.length - 1]!)
}

/** The level in force at a week: the latest assessment up to it. */
function levelAt(history: { week: string; level: number }[], week: string): number | null {
  let level: number | null = null
  for (const a of history) {
    if (a.week > week) break
    level = a.level
  }
  return level
}

/**
 * What a quarter, tertial or year shows: areas whose level rose or fell, the
 * categories that grew against the period before, and the actions taken per
 * area with how the area's level moved after them. Counts through the one
 * visibility policy, small sensitive counts as "<3".
 */
export async function analysisData(
  reader: Reader,
  access: TeamAccess,
  period: Period,
  allAreas: AreaRow[],
  categories: CategoryRow[],
) {
  const { db } = reader
  const team = access.team
  const weeks = weeksOf(period)
  const first = weeks[0]!
  const last = weeks[weeks.length - 1]!
  const areas = allAreas.filter((a) => a.retired_at === null)
  const previous = previousPeriod(period)
  const previousWeeks = weeksOf(previous)
  const [now, before, assessments, actions, problemRows, problemsNow, problemsBefore] =
    await Promise.all([
      categoryTotals(reader, access, period),
      categoryTotals(reader, access, previous),
      listAssessmentsOfTeam(db, team.id, last),
      db
        .selectFrom('actions')
        .innerJoin('agencies', 'agencies.id', 'actions.owner_agency_id')
        .select([
          'actions.id',
          'actions.text',
          'actions.status',
          'actions.area_id',
          'actions.created_at',
          'agencies.name as owner_agency_name',
        ])
        .where('actions.team_id', '=', team.id)
        .where('actions.created_at', '>=', `${period.from}T00:00:00`)
        .where('actions.created_at', '<=', `${period.to}T23:59:59.999Z`)
        .orderBy('actions.created_at')
        .execute(),
      listProblemActions(db, team.id, period.from, period.to),
      readCountsByProblem(reader, access, first, last),
      readCountsByProblem(
        reader,
        access,
        previousWeeks[0]!,
        previousWeeks[previousWeeks.length - 1]!,
      ),
    ])
  const history = new Map<string, { week: string; level: number; updated_at: string }[]>()
  for (const a of assessments) history.set(a.area_id, [...(history.get(a.area_id) ?? []), a])

  const levels: LevelMove[] = areas.map((area) => {
    const h = history.get(area.id) ?? []
    const beforeStart = h.filter((a) => a.week < first)
    const within = h.filter((a) => a.week >= first)
    const start = beforeStart.length
      ? beforeStart[beforeStart.length - 1]!.level
      : (within[0]?.level ?? null)
    return { area, start, end: levelAt(h, last) }
  })

  const none = { shown: '0', count: 0 }
  const changes: CategoryChange[] = categories
    .filter((category) => now.has(category.id) || before.has(category.id))
    .map((category) => {
      const n = now.get(category.id) ?? none
      const b = before.get(category.id) ?? none
      // No direction where a small sensitive count is hidden ("<3", no number): it would tell the number.
      const direction = n.count === null || b.count === null ? 0 : Math.sign(n.count - b.count)
      return {
        category,
        before: b.shown,
        now: n.shown,
        grew: direction > 0,
        fell: direction < 0,
      }
    })

  const byArea = new Map<string | null, ActionInArea[]>()
  for (const action of actions) {
    const week = isoWeekKey(action.created_at.slice(0, 10))
    const h = action.area_id ? (history.get(action.area_id) ?? []) : []
    const list = byArea.get(action.area_id) ?? []
    // The level when the action was decided: the latest assessment set before it.
    const then = h.filter((a) => a.updated_at <= action.created_at)
    list.push({
      id: action.id,
      text: action.text,
      status: action.status,
      ownerAgencyName: action.owner_agency_name,
      week,
      levelThen: then.length ? then[then.length - 1]!.level : null,
      levelAtEnd: action.area_id ? levelAt(h, last) : null,
    })
    byArea.set(action.area_id, list)
  }
  const problems = new Map<string, ProblemToEffect>()
  for (const row of problemRows) {
    const key = `${row.area_id}:${row.category_id}`
    let problem = problems.get(key)
    if (!problem) {
      const level = levels.find((move) => move.area.id === row.area_id)
      problem = {
        key,
        areaName: row.area_name,
        categoryName: row.category_name,
        before: problemsBefore.get(key)?.shown ?? '0',
        now: problemsNow.get(key)?.shown ?? '0',
        levelStart: level?.start ?? null,
        levelEnd: level?.end ?? null,
        decisions: [],
        actions: [],
      }
      problems.set(key, problem)
    }
    if (!problem.decisions.some((d) => d.id === row.decision_id))
      problem.decisions.push({ id: row.decision_id, text: row.decision_text })
    if (row.action_id && !problem.actions.some((a) => a.id === row.action_id)) {
      const status = row.action_status as ActionStatus
      problem.actions.push({
        id: row.action_id,
        text: row.action_text!,
        status,
        ownerAgencyName: row.owner_agency_name!,
        week: isoWeekKey(row.action_created_at!.slice(0, 10)),
        goal: row.goal,
        done: row.follow_up_done as FollowUpDone | null,
        effect: row.follow_up_effect as FollowUpEffect | null,
        confirmed: row.follow_up_confirmed_at !== null,
        notFollowedUp: !isOpenStatus(status) && row.follow_up_done === null,
      })
    }
  }
  return {
    period,
    weeks,
    levels,
    changes,
    actionsByArea: byArea,
    areas: allAreas,
    problems: [...problems.values()],
  }
}

export type AnalysisData = Awaited<ReturnType<typeof analysisData>>
