import type { Db, Trx } from '../db/connect'
import type { AnalysisRow } from '../assessments/assessment.table'
import { newId, nowIso } from '../db/ids'
import type { Period } from './period'

export type AnalysisText = { conclusions: string; priorities: string }

export async function createAnalysis(
  db: Trx,
  teamId: string,
  period: Period,
  text: AnalysisText,
  createdBy: string,
): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('analyses')
    .values({
      id,
      team_id: teamId,
      period_kind: period.kind,
      period_from: period.from,
      period_to: period.to,
      ...text,
      created_by: createdBy,
      approved_by: null,
      approved_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** Changes a draft; false when it was approved meanwhile (approved analyses are frozen). */
export async function updateAnalysis(db: Trx, id: string, text: AnalysisText): Promise<boolean> {
  const result = await db
    .updateTable('analyses')
    .set({ ...text, updated_at: nowIso() })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function approveAnalysis(db: Trx, id: string, approvedBy: string): Promise<boolean> {
  const now = nowIso()
  const result = await db
    .updateTable('analyses')
    .set({ approved_by: approvedBy, approved_at: now, updated_at: now })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findAnalysis(db: Db, id: string): Promise<AnalysisRow | null> {
  return (
    (await db.selectFrom('analyses').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  )
}

export function listAnalyses(db: Db, teamId: string): Promise<AnalysisRow[]> {
  return db
    .selectFrom('analyses')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}
