import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env'
import { isHtmx } from '../http/htmx'
import { readerFor } from '../http/reader'
import { render } from '../http/render'
import { meetingAccess } from '../meetings/meeting.routes'
import { meetingSituationData } from '../situation/meeting-situation'
import { pictureOf } from '../situation/read'
import { AreaMap, type MapArea } from '../../views/map/area-map'
import { MeetingMapPage } from '../../views/map/meeting-map.page'
import { drawOutlines } from './area-map'
import { listOutlines } from './area-outline.repository'

/** The meeting's picture on the map: on its own page, or loaded into the meeting page on demand. */
export const meetingMapRoutes = new Hono<AppEnv>()

meetingMapRoutes.get('/karta', async (c) => {
  const access = await meetingAccess(c)
  const [data, outlines] = await Promise.all([
    meetingSituationData(readerFor(c, 'meeting'), access),
    listOutlines(c.get('deps').db, access.team.id),
  ])
  // Per area, the entries as the picture shows them to this viewer: "<3" cells add as "+<3".
  const counts = new Map<string, { total: number; hidden: boolean }>()
  for (const cell of pictureOf(data.entries)) {
    const count = counts.get(cell.areaId) ?? { total: 0, hidden: false }
    if (cell.entries === '<3') count.hidden = true
    else count.total += Number(cell.entries)
    counts.set(cell.areaId, count)
  }
  const { scale, areas, current, previous } = data.assessments
  const mapAreas: MapArea[] = areas.map((area) => {
    const level = current.get(area.id)?.level ?? previous.get(area.id)?.level ?? null
    const count = counts.get(area.id) ?? { total: 0, hidden: false }
    return {
      id: area.id,
      name: area.name,
      level,
      levelName: level === null ? null : (scale[level] ?? String(level)),
      count: count.hidden ? `${count.total} +<3` : String(count.total),
      href: `/moten/${access.meeting.id}#lagesbild`,
    }
  })
  const map = (
    <AreaMap
      drawing={drawOutlines(outlines)}
      areas={mapAreas}
      scaleSteps={scale.length}
      captionId="meeting-map-title"
    />
  )
  if (isHtmx(c)) return render(c, map)
  return render(c, <MeetingMapPage meeting={access.meeting} team={access.team} map={map} />)
})
