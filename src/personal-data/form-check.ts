import type { Context } from 'hono'
import type { z } from 'zod'
import { mayDo } from '../access/meeting-policy'
import type { AppDeps, AppEnv, Viewer } from '../http/app-env'
import { todayInStockholm } from '../i18n/format'
import { findTeamWithActiveRole } from '../teams/team.repository'
import {
  checkedTextFields,
  validateShape,
  type FieldError,
  type FieldErrors,
  type FormResult,
  type FormValues,
} from '../http/forms'
import type { Translate } from '../i18n/t'
import { findPersonalData, type Finding } from './check'

/** The team's own place names, which may contain personal names: its areas and the coordinator's list. */
async function allowedPlacesOfTeam(
  { db, changeCache }: CheckDeps,
  teamId: string | null,
): Promise<string[]> {
  if (teamId === null) return []
  return changeCache.get(`allowed-places:${teamId}`, ['area', 'team_allowed_place'], async () => {
    const [areas, places] = await Promise.all([
      db.selectFrom('areas').select('name').where('team_id', '=', teamId).execute(),
      db.selectFrom('team_allowed_places').select('name').where('team_id', '=', teamId).execute(),
    ])
    return [...areas, ...places].map((row) => row.name)
  })
}

type CheckDeps = Pick<AppDeps, 'db' | 'changeCache'>

/**
 * A form's shape, then the personal-data check as a hard gate on every free-text
 * field its schema marks as checked: an error for each field whose text contains
 * personal data, with what was found and where. `teamId` null: text outside any
 * team (no allowed place names).
 */
export async function checkedForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  values: FormValues,
  teamId: string | null,
): Promise<FormResult<z.output<S>>> {
  const form = validateShape(schema, values)
  if (!form.ok) return form
  const data = form.data as Record<string, unknown>
  const found = await personalDataErrors(
    c.var.t,
    c.var.deps,
    { teamId, viewer: c.var.viewer },
    data,
    schema,
  )
  return found ? { ok: false, errors: found, values } : form
}

/**
 * Errors for each checked text field of `schema` in `values` that contains
 * personal data, or null. Nothing of the text is logged.
 */
export async function personalDataErrors(
  t: Translate,
  deps: CheckDeps,
  where: { teamId: string | null; viewer: Viewer | null },
  values: Record<string, unknown>,
  schema: z.ZodType,
): Promise<FieldErrors | null> {
  const { teamId } = where
  const fields = checkedTextFields(schema)
  if (fields.length === 0) return null
  const allowedPlaces = await allowedPlacesOfTeam(deps, teamId)
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
      notes: [
        ...kinds.map((kind) => ({ key: `personalData.advice.${kind}` as const })),
        ...placeNotes(findings, teamId, await keepsPlaces(deps.db, where)),
      ],
    }
  }
  return Object.keys(errors).length ? errors : null
}

/** Whether the viewer keeps the team's list of allowed place names (the policy's managePlaces). */
async function keepsPlaces(
  db: CheckDeps['db'],
  { teamId, viewer }: { teamId: string | null; viewer: Viewer | null },
): Promise<boolean> {
  if (teamId === null || viewer === null) return false
  const access = await findTeamWithActiveRole(db, viewer.userId, teamId, todayInStockholm())
  return access !== undefined && access !== null && mayDo(access.role, 'managePlaces')
}

/**
 * A capitalised name may be a place the team uses ("Kalmarvägen" aside, "Rosengård" or "Seved"):
 * say so once, with the way to allow it — a link for the coordinator, who keeps the list.
 */
function placeNotes(
  findings: Finding[],
  teamId: string | null,
  placesKeeper: boolean,
): NonNullable<Exclude<FieldError, string>['notes']> {
  const word = findings.find((f) => f.kind === 'name' && /^\p{Lu}/u.test(f.match))?.match
  if (!word || teamId === null) return []
  return [
    placesKeeper
      ? {
          key: 'personalData.place.coordinator',
          params: { word },
          href: `/team/${teamId}/platser?namn=${encodeURIComponent(word)}#name`,
        }
      : { key: 'personalData.place.member', params: { word } },
  ]
}
