import { describe, expect, it } from 'vitest'
import { periodContaining, periodOf, previousPeriod, weeksOf } from '../src/analysis/period'

describe('analysis periods', () => {
  it('knows quarters, tertials and years, and the one before', () => {
    expect(periodOf('quarter', 2026, 1)).toMatchObject({ from: '2026-01-01', to: '2026-03-31' })
    expect(periodOf('tertial', 2026, 3)).toMatchObject({ from: '2026-09-01', to: '2026-12-31' })
    expect(periodOf('year', 2024, 1)).toMatchObject({ from: '2024-01-01', to: '2024-12-31' })
    expect(periodOf('quarter', 2024, 1).to).toBe('2024-03-31')
    expect(periodContaining('tertial', '2026-11-22')).toMatchObject({
      number: 3,
      from: '2026-09-01',
    })
    expect(previousPeriod(periodOf('quarter', 2026, 1))).toMatchObject({
      year: 2025,
      number: 4,
      from: '2025-10-01',
    })
  })

  it('lists the ISO weeks a period touches, across the turn of the year', () => {
    const weeks = weeksOf(periodOf('quarter', 2027, 1))
    expect(weeks[0]).toBe('2026-W53')
    expect(weeks[weeks.length - 1]).toBe('2027-W13')
    expect(weeksOf(periodOf('year', 2026, 1))).toHaveLength(53)
  })
})
