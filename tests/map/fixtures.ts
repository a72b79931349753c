// Invented outlines of three areas, as a GIS exports them: WGS 84 longitude/latitude, and
// SWEREF 99 TM metres (planar). Counter-clockwise outer rings, as RFC 7946 writes them.
const square = (x: number, y: number, size: number) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
]

export const lonLatAreas = (names: string[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: names.map((name, i) => ({
      type: 'Feature',
      properties: { namn: name, kommun: 'Exempelstad' },
      geometry: { type: 'Polygon', coordinates: square(13.0 + i * 0.01, 55.6, 0.008) },
    })),
  })

export const planarAreas = (names: string[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: names.map((name, i) => ({
      type: 'Feature',
      properties: { NAMN: name },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square(374_000 + i * 700, 6_164_000, 600)],
      },
    })),
  })
