import { describe, expect, it } from 'vitest'
import { parseWeekInput } from '../src/i18n/format'

describe('parseWeekInput', () => {
  it('reads a week as people write it', () => {
    const today = '2026-11-30' // week 49 of 2026
    for (const [input, key] of [
      ['2026-W47', '2026-W47'],
      ['2026-w47', '2026-W47'],
      ['2026W47', '2026-W47'],
      ['v. 47', '2026-W47'],
      ['v.47', '2026-W47'],
      ['V47', '2026-W47'],
      ['vecka 47', '2026-W47'],
      ['47', '2026-W47'],
      [' 47 ', '2026-W47'],
      ['v. 47 2025', '2025-W47'],
      ['52', '2025-W52'],
      ['2026-W53', '2026-W53'],
    ] as const) {
      expect(parseWeekInput(input, today), input).toBe(key)
    }
  })

  it('refuses what is no week', () => {
    for (const input of [
      '',
      'v. 0',
      '54',
      '2025-W53',
      'förra veckan',
      '2026-11-30',
      "47' or 1=1",
    ]) {
      expect(parseWeekInput(input, '2026-11-30'), input).toBeNull()
    }
  })
})
