import { geoIdentity, geoMercator, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, MultiPolygon as GeoMultiPolygon } from 'geojson'
import type { AreaOutline } from './area-outline.repository'
import { coordinateKindOf } from './outline-geojson'

export type MapShape = { areaId: string; d: string; labelX: number; labelY: number }
export type MapDrawing = { width: number; height: number; shapes: MapShape[] }

/** Twice the signed area of a ring, x east and y north: positive when it runs counter-clockwise. */
const signedArea = (ring: number[][]) =>
  ring.reduce((sum, [x1, y1], i) => {
    const [x2, y2] = ring[(i + 1) % ring.length]!
    return sum + x1! * y2! - x2! * y1!
  }, 0)

/**
 * d3 draws on the sphere, where a ring's direction says which side is inside:
 * outer rings clockwise, holes counter-clockwise. GeoJSON files come either way
 * (RFC 7946 says the opposite), so each ring is turned the way d3 reads it.
 */
function windForSphere(coordinates: number[][][][]): number[][][][] {
  return coordinates.map((polygon) =>
    polygon.map((ring, index) => {
      const clockwise = signedArea(ring) < 0
      const wantClockwise = index === 0
      return clockwise === wantClockwise ? ring : [...ring].reverse()
    }),
  )
}

/** The areas' outlines as SVG paths fitted to a `width` × `height` box, with a point for each label. */
export function drawOutlines(
  outlines: readonly AreaOutline[],
  width = 720,
  height = 480,
): MapDrawing {
  if (outlines.length === 0) return { width, height, shapes: [] }
  const onSphere = outlines.every((o) => coordinateKindOf(o.geometry) === 'lonlat')
  const features: Feature<GeoMultiPolygon, { areaId: string }>[] = outlines.map((o) => ({
    type: 'Feature',
    properties: { areaId: o.areaId },
    geometry: {
      type: 'MultiPolygon',
      coordinates: onSphere ? windForSphere(o.geometry.coordinates) : o.geometry.coordinates,
    },
  }))
  const collection: FeatureCollection<GeoMultiPolygon, { areaId: string }> = {
    type: 'FeatureCollection',
    features,
  }
  const margin = 12
  const box: [[number, number], [number, number]] = [
    [margin, margin],
    [width - margin, height - margin],
  ]
  // Planar metres (SWEREF 99 TM) are drawn as they are, north up.
  const projection = onSphere
    ? geoMercator().fitExtent(box, collection)
    : geoIdentity().reflectY(true).fitExtent(box, collection)
  const path = geoPath(projection).digits(1)
  return {
    width,
    height,
    shapes: features.map((feature) => {
      const [labelX, labelY] = path.centroid(feature)
      return {
        areaId: feature.properties.areaId,
        d: path(feature) ?? '',
        labelX: Math.round(labelX),
        labelY: Math.round(labelY),
      }
    }),
  }
}
