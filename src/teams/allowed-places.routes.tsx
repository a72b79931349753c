import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { z } from 'zod'
import { AllowedPlacesPage } from '../../views/teams/allowed-places.page'
import { requireRole, requireTeamAccess, type TeamAccess } from '../access/team-access'
import { newId, nowIso } from '../db/ids'
import { isNameTaken } from '../db/unique-name'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import {
  readForm,
  requiredText,
  validateForm,
  type FieldErrors,
  type FormValues,
} from '../http/forms'
import { idParam } from '../http/params'
import { render } from '../http/render'

/** The team's allowed place names for the personal-data check, kept by the coordinator. */
export const allowedPlacesRoutes = new Hono<AppEnv>()

async function placesAccess(c: Context<AppEnv>) {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  requireRole(access, 'managePlaces')
  return access
}

async function placesPage(
  c: Context<AppEnv>,
  access: TeamAccess,
  form: { values: FormValues; errors: FieldErrors },
  status: 200 | 422 = 200,
) {
  const places = await c
    .get('deps')
    .db.selectFrom('team_allowed_places')
    .selectAll()
    .where('team_id', '=', access.team.id)
    .orderBy('name')
    .execute()
  return render(c, <AllowedPlacesPage team={access.team} places={places} form={form} />, status)
}

// ?namn=… from the personal-data check's note: the word it refused, ready to be added.
allowedPlacesRoutes.get('/platser', async (c) =>
  placesPage(c, await placesAccess(c), {
    values: { name: (c.req.query('namn') ?? '').slice(0, 120) },
    errors: {},
  }),
)

const placeSchema = z.object({
  name: requiredText(120, {
    notCheckedBecause: 'the team’s own list of place names that the check lets pass',
  }),
})

allowedPlacesRoutes.post('/platser', async (c) => {
  const { db } = c.get('deps')
  const access = await placesAccess(c)
  const form = validateForm(placeSchema, await readForm(c))
  if (!form.ok) return placesPage(c, access, form, 422)
  if (await isNameTaken(db, 'team_allowed_places', form.data.name, { teamId: access.team.id })) {
    return placesPage(c, access, { values: form.values, errors: { name: 'error.nameTaken' } }, 422)
  }
  await commit(c, async (trx, change) => {
    const id = newId()
    await trx
      .insertInto('team_allowed_places')
      .values({ id, team_id: access.team.id, name: form.data.name, created_at: nowIso() })
      .execute()
    change.audit({
      action: 'allowed_place.add',
      objectType: 'team_allowed_place',
      objectId: id,
      details: { teamId: access.team.id },
    })
  })
  return c.redirect(`/team/${access.team.id}/platser`, 303)
})

allowedPlacesRoutes.post('/platser/:placeId/ta-bort', async (c) => {
  const access = await placesAccess(c)
  const placeId = idParam(c, 'placeId')
  await commit(c, async (trx, change) => {
    const result = await trx
      .deleteFrom('team_allowed_places')
      .where('id', '=', placeId)
      .where('team_id', '=', access.team.id)
      .executeTakeFirst()
    if (Number(result.numDeletedRows) !== 1) throw notFound()
    change.audit({
      action: 'allowed_place.remove',
      objectType: 'team_allowed_place',
      objectId: placeId,
      details: { teamId: access.team.id },
    })
  })
  return c.redirect(`/team/${access.team.id}/platser`, 303)
})
