import { z } from 'zod'
import type { MessageKey } from '../i18n/t'

/** A ring of [x, y] positions; polygons are rings (the outer first), a multipolygon is polygons. */
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: number[][][][] }

/**
 * How positions are given: WGS 84 longitude/latitude as RFC 7946 says, or the
 * planar metres a Swedish GIS usually exports (SWEREF 99 TM), drawn as they are.
 */
export type CoordinateKind = 'lonlat' | 'planar'

export type ParsedOutlines = {
  kind: CoordinateKind
  /** Each feature's geometry under its name (properties namn, name, omrade or område). */
  named: { name: string | null; geometry: MultiPolygon }[]
}

export class OutlineError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string> = {},
  ) {
    super(key)
  }
}

const position = z.array(z.number().finite()).min(2).max(4)
const ring = z.array(position).min(4)
const polygon = z.array(ring).min(1)
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
])
const feature = z.object({
  type: z.literal('Feature'),
  geometry,
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
})
const document = z.union([
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature).min(1) }),
  feature,
  geometry,
])

const maxPositions = 200_000
const nameKeys = ['namn', 'name', 'omrade', 'område', 'NAMN', 'NAME', 'OMRADE', 'OMRÅDE']

const asMulti = (g: z.infer<typeof geometry>): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) =>
    p.map((r) => r.map(([x, y]) => [x!, y!])),
  ),
})

/** Reads a GeoJSON document of area outlines, or says in a catalogue key why it cannot. */
export function parseOutlines(text: string): ParsedOutlines {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new OutlineError('map.error.notJson')
  }
  const parsed = document.safeParse(json)
  if (!parsed.success) throw new OutlineError('map.error.notOutlines')
  const features =
    parsed.data.type === 'FeatureCollection'
      ? parsed.data.features
      : parsed.data.type === 'Feature'
        ? [parsed.data]
        : [{ type: 'Feature' as const, geometry: parsed.data, properties: null }]
  const named = features.map((f) => {
    const key = nameKeys.find((k) => typeof f.properties?.[k] === 'string')
    return { name: key ? String(f.properties![key]).trim() : null, geometry: asMulti(f.geometry) }
  })
  const positions = named.flatMap((n) => n.geometry.coordinates.flat(2))
  if (positions.length > maxPositions)
    throw new OutlineError('map.error.tooDetailed', { max: maxPositions.toLocaleString('sv') })
  const lonlat = positions.every(([x, y]) => Math.abs(x!) <= 180 && Math.abs(y!) <= 90)
  const planar = positions.every(([x, y]) => Math.abs(x!) > 180 || Math.abs(y!) > 90)
  if (!lonlat && !planar) throw new OutlineError('map.error.mixedCoordinates')
  return { kind: lonlat ? 'lonlat' : 'planar', named }
}

export const coordinateKindOf = (geometry: MultiPolygon): CoordinateKind =>
  geometry.coordinates.flat(2).every(([x, y]) => Math.abs(x!) <= 180 && Math.abs(y!) <= 90)
    ? 'lonlat'
    : 'planar'
