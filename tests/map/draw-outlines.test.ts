import { describe, expect, it } from 'vitest'
import { drawOutlines } from '../../src/map/area-map'
import { parseOutlines } from '../../src/map/outline-geojson'
import { lonLatAreas, planarAreas } from './fixtures'

/** Every x and y the paths visit. */
const pointsOf = (d: string) =>
  [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const)

const outlinesOf = (text: string) =>
  parseOutlines(text).named.map((n, i) => ({ areaId: `a${i}`, geometry: n.geometry }))

describe('drawing outlines', () => {
  for (const [what, text] of [
    ['WGS 84, outer rings counter-clockwise (RFC 7946)', lonLatAreas(['A', 'B', 'C'])],
    [
      'WGS 84, outer rings clockwise',
      lonLatAreas(['A', 'B', 'C']).replace(/\[\[\[.*?\]\]\]/g, (ring) =>
        JSON.stringify([JSON.parse(ring)[0].reverse()]),
      ),
    ],
    ['SWEREF 99 TM metres', planarAreas(['A', 'B', 'C'])],
  ] as const)
    it(`fits ${what} inside the box, side by side from west to east`, () => {
      const drawing = drawOutlines(outlinesOf(text), 720, 480)
      expect(drawing.shapes).toHaveLength(3)
      for (const shape of drawing.shapes)
        for (const [x, y] of pointsOf(shape.d)) {
          expect(x).toBeGreaterThanOrEqual(0)
          expect(x).toBeLessThanOrEqual(720)
          expect(y).toBeGreaterThanOrEqual(0)
          expect(y).toBeLessThanOrEqual(480)
        }
      // Each area is a third of the width at most: drawn as itself, not as the world around it.
      for (const shape of drawing.shapes) {
        const xs = pointsOf(shape.d).map(([x]) => x)
        expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(720 / 3)
      }
      const labels = drawing.shapes.map((shape) => shape.labelX)
      expect([...labels].sort((a, b) => a - b)).toEqual(labels)
    })

  it('refuses what is no outline', () => {
    expect(() => parseOutlines('[]')).toThrow('map.error.notOutlines')
    expect(() =>
      parseOutlines(
        JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [13, 55],
              [374000, 6164000],
              [13, 56],
              [13, 55],
            ],
          ],
        }),
      ),
    ).toThrow('map.error.mixedCoordinates')
  })
})
