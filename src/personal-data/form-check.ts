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
import {
  confirmationReasons,
  findSinglingOut,
  type Confirmation,
  type ConfirmationReason,
} from './singling-out'

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
    c.get('t'),
    c.get('deps'),
    { teamId, viewer: c.get('viewer'), raw: values },
    data,
    schema,
  )
  if (found.errors) return { ok: false, errors: found.errors, values }
  rememberConfirmed(c, found.confirmed)
  return form
}

/** Kept for the commit of this request, which audits them with the change (changes/commit.ts). */
export function rememberConfirmed(c: Context<AppEnv>, confirmed: Confirmation[]): void {
  if (confirmed.length > 0) c.set('confirmedDetails', confirmed)
}

/** The name of the choice the form shows beside a text that may single someone out. */
export const confirmationField = (field: string) => `bekraftelse-${field}`

/**
 * Errors for each checked text field of `schema` in `values` that contains
 * personal data, and the details the author confirmed (the second tier, which
 * asks rather than refuses). Nothing of the text is logged.
 */
export async function personalDataErrors(
  t: Translate,
  deps: CheckDeps,
  where: { teamId: string | null; viewer: Viewer | null; raw: Record<string, string> },
  values: Record<string, unknown>,
  schema: z.ZodType,
): Promise<{ errors: FieldErrors | null; confirmed: Confirmation[] }> {
  const { teamId } = where
  const fields = checkedTextFields(schema)
  if (fields.length === 0) return { errors: null, confirmed: [] }
  const allowedPlaces = await allowedPlacesOfTeam(deps, teamId)
  const errors: FieldErrors = {}
  const confirmed: Confirmation[] = []
  for (const field of fields) {
    const text = values[field]
    if (typeof text !== 'string' || text === '') continue
    const findings = findPersonalData(text, { allowedPlaces })
    if (findings.length === 0) {
      const details = findSinglingOut(text)
      if (details.length === 0) continue
      const kinds = [...new Set(details.map((d) => d.kind))]
      const reason = where.raw[confirmationField(field)]
      if (confirmationReasons.includes(reason as ConfirmationReason)) {
        confirmed.push({ field, reason: reason as ConfirmationReason, kinds })
        continue
      }
      errors[field] = {
        key: 'personalData.singlingOut',
        params: { matches: details.map((d) => `”${d.match}”`).join(', ') },
        highlight: { text, spans: details.map((d) => [d.start, d.end]) },
        notes: kinds.map((kind) => ({ key: `personalData.singlingOut.${kind}` as const })),
        confirm: {
          name: confirmationField(field),
          options: confirmationReasons.map((reason) => ({
            value: reason,
            label: `personalData.reason.${reason}` as const,
          })),
        },
      }
      continue
    }
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
        ...placeNotes(text, findings, teamId, await keepsPlaces(deps.db, where)),
      ],
    }
  }
  return { errors: Object.keys(errors).length ? errors : null, confirmed }
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
 * A capitalised name where a place would stand may be a place the team uses ("vid Seved"): say
 * so once, with the way to allow it — a link for the coordinator, who keeps the list.
 */
function placeNotes(
  text: string,
  findings: Finding[],
  teamId: string | null,
  placesKeeper: boolean,
): NonNullable<Exclude<FieldError, string>['notes']> {
  // Where a place would stand: right after "vid", "i", "på" and the like.
  const word = findings.find(
    (f) =>
      f.kind === 'name' &&
      /^\p{Lu}/u.test(f.match) &&
      /(?:^|\s)(?:vid|i|på|från|till|mot|utanför|nära|kring|runt|bakom|över)\s+$/i.test(
        text.slice(Math.max(0, f.start - 12), f.start),
      ),
  )?.match
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
