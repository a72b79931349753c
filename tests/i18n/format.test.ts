import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMeetingTime } from '../../src/i18n/format'

describe('formatting instants in Europe/Stockholm', () => {
  it('gives each locale and instant its own text, the same when asked again', () => {
    const starts = '2026-11-24T08:00:00.000Z'
    const ends = '2026-11-24T09:30:00.000Z'
    for (let i = 0; i < 2; i++) {
      expect(formatMeetingTime(starts, ends, 'sv')).toBe('tisdag 24 nov. 2026 09:00–10:30')
      expect(formatMeetingTime(starts, ends, 'en')).toBe('Tuesday 24 Nov 2026 09:00–10:30')
      // Summer time: two hours ahead of UTC.
      expect(formatDateTime('2026-07-01T10:05:00.000Z', 'sv')).toBe('1 juli 2026 12:05')
      expect(formatDateTime(new Date('2026-07-01T10:05:00.000Z'), 'en')).toBe('1 Jul 2026 12:05')
      expect(formatDate('2026-12-31T23:30:00.000Z', 'sv')).toBe('1 jan. 2027')
    }
  })
})
