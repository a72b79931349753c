import { Hono, type Context } from 'hono'
import { commit } from '../changes/commit'
import { requireRole, requireTeamAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { findTeam, listAreas } from '../teams/team.repository'
import type { TeamRow } from '../teams/team.table'
import { AreaOutlinesPage, type OutlinesForm } from '../../views/map/outlines.page'
import { listOutlines, removeOutline, saveOutline } from './area-outline.repository'
import { coordinateKindOf, OutlineError, parseOutlines, type MultiPolygon } from './outline-geojson'

/** Whose door: the team whose outlines are kept, and where its outline page lives. */
type MapAccess = { team: TeamRow; base: string; teamLinks: boolean }

/**
 * The areas' outlines, uploaded as GeoJSON and drawn on the overview: kept by
 * the team's coordinator (under /team/:teamId) and by the admin, who sets teams
 * up and sees no content (under /admin/team/:teamId). The same routes, two doors.
 */
function outlineRoutes(mapAccess: (c: Context<AppEnv>) => Promise<MapAccess>) {
  const routes = new Hono<AppEnv>()

  async function outlinesPage(
    c: Context<AppEnv>,
    access: MapAccess,
    form: OutlinesForm,
    status: 200 | 422 = 200,
  ) {
    const { db } = c.get('deps')
    const [areas, outlines] = await Promise.all([
      listAreas(db, access.team.id),
      listOutlines(db, access.team.id),
    ])
    return render(
      c,
      <AreaOutlinesPage
        team={access.team}
        base={access.base}
        teamLinks={access.teamLinks}
        areas={areas.filter((area) => area.retired_at === null)}
        withOutline={new Set(outlines.map((outline) => outline.areaId))}
        form={form}
      />,
      status,
    )
  }

  routes.get('/karta', async (c) =>
    outlinesPage(c, await mapAccess(c), { values: {}, errors: {}, saved: [], unmatched: [] }),
  )

  /** The GeoJSON a person chose as a file or pasted, and the area it is for (if one). */
  async function readUpload(c: Context<AppEnv>) {
    const type = c.req.header('content-type') ?? ''
    if (
      !type.startsWith('multipart/form-data') &&
      !type.startsWith('application/x-www-form-urlencoded')
    )
      throw new AppError(400, 'error.badForm')
    const body = await c.req.parseBody().catch(() => {
      throw new AppError(400, 'error.badForm')
    })
    const file = body.fil instanceof File && body.fil.size > 0 ? await body.fil.text() : ''
    const pasted = typeof body.geojson === 'string' ? body.geojson.trim() : ''
    const areaId = typeof body.areaId === 'string' ? body.areaId : ''
    return { text: file || pasted, pasted, areaId }
  }

  routes.post('/karta', async (c) => {
    const access = await mapAccess(c)
    const { db } = c.get('deps')
    const { text, pasted, areaId } = await readUpload(c)
    const values = { geojson: pasted, areaId }
    const refuse = (error: OutlinesForm['errors']['geojson']) =>
      outlinesPage(c, access, { values, errors: { geojson: error }, saved: [], unmatched: [] }, 422)
    if (!text) return refuse('map.error.nothing')
    let parsed
    try {
      parsed = parseOutlines(text)
    } catch (error) {
      if (error instanceof OutlineError) return refuse({ key: error.key, params: error.params })
      throw error
    }
    const [areas, existing] = await Promise.all([
      listAreas(db, access.team.id),
      listOutlines(db, access.team.id),
    ])
    const active = areas.filter((area) => area.retired_at === null)
    if (areaId && !active.some((area) => area.id === areaId))
      return outlinesPage(
        c,
        access,
        { values, errors: { areaId: 'error.choice' }, saved: [], unmatched: [] },
        422,
      )
    // One drawing holds one coordinate system: the new outlines must be in the one already kept.
    const others = existing.filter((outline) => outline.areaId !== areaId)
    if (others.length > 0 && coordinateKindOf(others[0]!.geometry) !== parsed.kind)
      return refuse('map.error.otherSystem')

    const byName = new Map(active.map((area) => [area.name.toLocaleLowerCase('sv'), area]))
    const assignments: { areaId: string; name: string; geometry: MultiPolygon }[] = []
    const unmatched: string[] = []
    if (areaId) {
      const area = active.find((a) => a.id === areaId)!
      assignments.push({
        areaId,
        name: area.name,
        geometry: {
          type: 'MultiPolygon',
          coordinates: parsed.named.flatMap((n) => n.geometry.coordinates),
        },
      })
    } else {
      for (const { name, geometry } of parsed.named) {
        const area = name ? byName.get(name.toLocaleLowerCase('sv')) : undefined
        if (!area) {
          if (name) unmatched.push(name)
          continue
        }
        const already = assignments.find((a) => a.areaId === area.id)
        if (already) already.geometry.coordinates.push(...geometry.coordinates)
        else assignments.push({ areaId: area.id, name: area.name, geometry })
      }
      if (assignments.length === 0) return refuse('map.error.noMatch')
    }
    await commit(c, async (trx, change) => {
      for (const assignment of assignments) {
        await saveOutline(trx, assignment.areaId, assignment.geometry, c.get('viewer')!.userId)
        change.audit({
          action: 'area_outline.save',
          objectType: 'area',
          objectId: assignment.areaId,
          details: { teamId: access.team.id, kind: parsed.kind },
        })
      }
    })
    return outlinesPage(c, access, {
      values: {},
      errors: {},
      saved: assignments.map((a) => a.name),
      unmatched,
    })
  })

  routes.post('/karta/:areaId/ta-bort', async (c) => {
    const access = await mapAccess(c)
    const areaId = idParam(c, 'areaId')
    const outlines = await listOutlines(c.get('deps').db, access.team.id)
    if (!outlines.some((outline) => outline.areaId === areaId)) throw notFound()
    await commit(c, async (trx, change) => {
      await removeOutline(trx, areaId)
      change.audit({
        action: 'area_outline.remove',
        objectType: 'area',
        objectId: areaId,
        details: { teamId: access.team.id },
      })
    })
    return c.redirect(access.base, 303)
  })
  return routes
}

export const mapRoutes = outlineRoutes(async (c) => {
  const access = await requireTeamAccess(c.get('deps').db, c.get('viewer')!, idParam(c, 'teamId'))
  requireRole(access, 'manageMap')
  return { team: access.team, base: `/team/${access.team.id}/karta`, teamLinks: true }
})

/** Mounted under /admin, behind the admin's own check. */
export const adminMapRoutes = outlineRoutes(async (c) => {
  const team = await findTeam(c.get('deps').db, idParam(c, 'teamId'))
  if (!team) throw notFound()
  return { team, base: `/admin/team/${team.id}/karta`, teamLinks: false }
})
