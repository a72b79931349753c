import type { Db } from '../db/connect'
import type { FieldErrors } from '../http/forms'
import type { Translate } from '../i18n/t'
import { findPersonalData } from './check'

/** The team's own place names, which may contain personal names: its areas and the coordinator's list. */
async function allowedPlacesOfTeam(db: Db, teamId: string | null): Promise<string[]> {
  if (teamId === null) return []
  const [areas, places] = await Promise.all([
    db.selectFrom('areas').select('name').where('team_id', '=', teamId).execute(),
    db.selectFrom('team_allowed_places').select('name').where('team_id', '=', teamId).execute(),
  ])
  return [...areas, ...places].map((row) => row.name)
}

/**
 * The personal-data check as a hard gate on a form: errors for each of `fields`
 * whose text contains personal data, with what was found and where, or null.
 * Nothing of the text is logged. `teamId` null: text outside any team (no allowed place names).
 */
export async function personalDataErrors(
  t: Translate,
  db: Db,
  teamId: string | null,
  values: Record<string, unknown>,
  fields: string[],
): Promise<FieldErrors | null> {
  const allowedPlaces = await allowedPlacesOfTeam(db, teamId)
  const errors: FieldErrors = {}
  for (const field of fields) {
    const text = values[field]
    if (typeof text !== 'string' || text === '') continue
    const findings = findPersonalData(text, { allowedPlaces })
    if (findings.length === 0) continue
    const kinds = [...new Set(findings.map((f) => f.kind))]
    errors[field] = {
      key: 'personalData.found',
      params: {
        what: kinds.map((kind) => t(`personalData.kind.${kind}`)).join(', '),
        matches: findings.map((f) => `”${f.match}”`).join(', '),
      },
      highlight: { text, spans: findings.map((f) => [f.start, f.end]) },
    }
  }
  return Object.keys(errors).length ? errors : null
}
