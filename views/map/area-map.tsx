import type { MapDrawing } from '../../src/map/area-map'
import { usePage } from '../page-context'

/** One area as the map and its table show it. */
export type MapArea = {
  id: string
  name: string
  /** The level's position on the team's scale (0 = lowest), null without an assessment. */
  level: number | null
  levelName: string | null
  /** The entries counted, as the viewer may be shown them ("12", "4 +<3"). */
  count: string
  href: string
}

// A denser pattern for each step up the scale: the level reads without colour.
const patterns = [
  { id: 'level-0', body: null, fill: '#ffffff' },
  { id: 'level-1', body: <circle cx="3" cy="3" r="1.1" fill="#1d4f91" />, fill: '#eef3fa' },
  {
    id: 'level-2',
    body: <path d="M0 6 L6 0" stroke="#1d4f91" stroke-width="1.2" />,
    fill: '#dbe6f5',
  },
  {
    id: 'level-3',
    body: <path d="M0 6 L6 0 M0 0 L6 6" stroke="#0b2f5e" stroke-width="1.4" />,
    fill: '#b9cdea',
  },
] as const

const patternOf = (level: number | null, steps: number) => {
  if (level === null || steps <= 1) return patterns[0]
  // Spread the team's scale over the four patterns, the highest level always the densest.
  return patterns[Math.round((level / (steps - 1)) * (patterns.length - 1))]!
}

/**
 * The areas drawn from their outlines, filled by level with a pattern and
 * labelled in words; the table below says the same for keyboard and screen
 * reader (the drawing is hidden from them), and areas without an outline are
 * named beside it.
 */
export const AreaMap = (props: {
  drawing: MapDrawing
  areas: MapArea[]
  scaleSteps: number
  captionId: string
}) => {
  const { t } = usePage()
  const { drawing, areas } = props
  const byId = new Map(areas.map((area) => [area.id, area]))
  const drawn = new Set(drawing.shapes.map((shape) => shape.areaId))
  const without = areas.filter((area) => !drawn.has(area.id))
  const levelText = (area: MapArea) => area.levelName ?? t('map.noLevel')
  return (
    <section class="area-map" aria-labelledby={props.captionId}>
      <h2 id={props.captionId}>{t('map.title')}</h2>
      {drawing.shapes.length > 0 ? (
        <>
          <svg
            viewBox={`0 0 ${drawing.width} ${drawing.height}`}
            width="100%"
            class="area-map__drawing"
            aria-hidden="true"
            focusable="false"
          >
            <defs>
              {patterns.map((pattern) => (
                <pattern id={pattern.id} width="6" height="6" patternUnits="userSpaceOnUse">
                  <rect width="6" height="6" fill={pattern.fill} />
                  {pattern.body}
                </pattern>
              ))}
            </defs>
            {drawing.shapes.map((shape) => {
              const area = byId.get(shape.areaId)
              if (!area) return null
              return (
                <a href={area.href} tabindex={-1}>
                  <path
                    d={shape.d}
                    fill={`url(#${patternOf(area.level, props.scaleSteps).id})`}
                    stroke="#1b1b1b"
                    stroke-width="1.5"
                  />
                </a>
              )
            })}
            {drawing.shapes.map((shape) => {
              const area = byId.get(shape.areaId)
              if (!area) return null
              return (
                <text
                  x={shape.labelX}
                  y={shape.labelY}
                  class="area-map__label"
                  text-anchor="middle"
                >
                  <tspan x={shape.labelX} dy="-0.2em">
                    {area.name}
                  </tspan>
                  <tspan x={shape.labelX} dy="1.2em">
                    {t('map.label', { level: levelText(area), count: area.count })}
                  </tspan>
                </text>
              )
            })}
          </svg>
          <p class="muted">{t('map.legend')}</p>
        </>
      ) : null}
      {without.length > 0 ? (
        <p>{t('map.withoutOutline', { areas: without.map((area) => area.name).join(', ') })}</p>
      ) : null}
      <table class="table">
        <caption>{t('map.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('map.area')}</th>
            <th scope="col">{t('map.level')}</th>
            <th scope="col">{t('map.entries')}</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr>
              <th scope="row">
                <a href={area.href}>{area.name}</a>
              </th>
              <td>{levelText(area)}</td>
              <td>{area.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
