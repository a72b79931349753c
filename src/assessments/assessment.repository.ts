import type { Db, Trx } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import type { Trend } from '../situation/situation-entry.table'
import type { AreaAssessmentRow } from './assessment.table'

export type AssessmentInput = { level: number; trend: Trend; justification: string }

/** Sets (or corrects) the meeting's assessment of an area. */
export async function saveAssessment(
  db: Trx,
  at: { teamId: string; meetingId: string; areaId: string; week: string; setBy: string },
  input: AssessmentInput,
): Promise<string> {
  const now = nowIso()
  const existing = await db
    .selectFrom('area_assessments')
    .select('id')
    .where('meeting_id', '=', at.meetingId)
    .where('area_id', '=', at.areaId)
    .executeTakeFirst()
  if (existing) {
    await db
      .updateTable('area_assessments')
      .set({
        level: input.level,
        trend: input.trend,
        justification: input.justification,
        set_by: at.setBy,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute()
    return existing.id
  }
  const id = newId()
  await db
    .insertInto('area_assessments')
    .values({
      id,
      team_id: at.teamId,
      meeting_id: at.meetingId,
      area_id: at.areaId,
      week: at.week,
      level: input.level,
      trend: input.trend,
      justification: input.justification,
      set_by: at.setBy,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export function listAssessmentsOfMeeting(db: Db, meetingId: string): Promise<AreaAssessmentRow[]> {
  return db.selectFrom('area_assessments').selectAll().where('meeting_id', '=', meetingId).execute()
}

/** Each area's latest assessment from the team's meetings before `startsAt`: what the chair compares with. */
export async function previousAssessments(
  db: Db,
  teamId: string,
  startsAt: string,
): Promise<Map<string, AreaAssessmentRow & { meeting_starts_at: string }>> {
  const rows = await db
    .selectFrom('area_assessments')
    .innerJoin('meetings', 'meetings.id', 'area_assessments.meeting_id')
    .selectAll('area_assessments')
    .select('meetings.starts_at as meeting_starts_at')
    .where('area_assessments.team_id', '=', teamId)
    .where('meetings.starts_at', '<', startsAt)
    .orderBy('meetings.starts_at', 'desc')
    .limit(2000)
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.area_id)) latest.set(row.area_id, row)
  return latest
}

/** The team's assessments up to a week, oldest first, for the overview and the analysis. */
export function listAssessmentsOfTeam(
  db: Db,
  teamId: string,
  untilWeek: string,
  areaId: string | null = null,
) {
  let query = db
    .selectFrom('area_assessments')
    .select(['area_id', 'week', 'level', 'trend', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('week', '<=', untilWeek)
  if (areaId) query = query.where('area_id', '=', areaId)
  return query.orderBy('week').orderBy('updated_at').execute()
}
