import { TZDate } from '@date-fns/tz'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import {
  occurrences,
  swedishHolidayOn,
  type Cadence,
  type RecurrenceRule,
} from '../../src/series/recurrence'

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

const localParts = (instant: string) => {
  const local = new TZDate(new Date(instant).getTime(), 'Europe/Stockholm')
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    day: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
    weekday: local.getDay() || 7,
  }
}

const dayArb = fc
  .date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))
const cadenceArb: fc.Arbitrary<Cadence> = fc.oneof(
  fc
    .integer({ min: 1, max: 4 })
    .map((intervalWeeks) => ({ kind: 'weekly' as const, intervalWeeks })),
  fc
    .constantFrom(1, 2, 3, 4, -1)
    .map((nth) => ({ kind: 'monthly' as const, nth: nth as 1 | 2 | 3 | 4 | -1 })),
)
const ruleArb: fc.Arbitrary<RecurrenceRule> = fc.record({
  cadence: cadenceArb,
  weekday: fc.integer({ min: 1, max: 7 }),
  // 03:00–22:59: real meeting times, clear of the hour that does not exist in spring
  startTime: fc
    .tuple(fc.integer({ min: 3, max: 22 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  durationMinutes: fc.integer({ min: 15, max: 240 }),
  firstDay: dayArb,
})

describe('occurrences', () => {
  for (const tz of ['UTC', 'Europe/Stockholm', 'America/New_York']) {
    it(`gives the count asked for, on the weekday, at the same local time, in order (server TZ ${tz})`, () => {
      process.env.TZ = tz
      fc.assert(
        fc.property(ruleArb, dayArb, fc.integer({ min: 1, max: 30 }), (rule, fromDay, count) => {
          const list = occurrences(rule, fromDay, count)
          expect(list).toHaveLength(count)
          for (const occurrence of list) {
            const local = localParts(occurrence.startsAt)
            expect(local.day).toBe(occurrence.day)
            expect(local.weekday).toBe(rule.weekday)
            expect(local.time).toBe(rule.startTime)
            expect(occurrence.day >= fromDay && occurrence.day >= rule.firstDay).toBe(true)
            expect(Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt)).toBe(
              rule.durationMinutes * 60_000,
            )
          }
          for (let i = 1; i < list.length; i++) expect(list[i]!.day > list[i - 1]!.day).toBe(true)
        }),
        { numRuns: 300 },
      )
    })
  }

  it('spaces every-N-weeks meetings exactly N weeks apart in local days, across DST', () => {
    fc.assert(
      fc.property(ruleArb, dayArb, (rule, fromDay) => {
        if (rule.cadence.kind !== 'weekly') return
        const list = occurrences(rule, fromDay, 12)
        for (let i = 1; i < list.length; i++) {
          const gap =
            (Date.parse(`${list[i]!.day}T00:00:00Z`) -
              Date.parse(`${list[i - 1]!.day}T00:00:00Z`)) /
            86_400_000
          expect(gap).toBe(7 * rule.cadence.intervalWeeks)
        }
      }),
    )
  })

  it('keeps the phase of every other week whatever day one starts counting from', () => {
    fc.assert(
      fc.property(ruleArb, dayArb, dayArb, (rule, a, b) => {
        const all = new Set(occurrences(rule, rule.firstDay, 400).map((o) => o.day))
        for (const o of occurrences(rule, a > b ? a : b, 5)) {
          if (o.day <= [...all].at(-1)!) expect(all.has(o.day)).toBe(true)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('takes the n-th and the last weekday of the month', () => {
    const first = occurrences(
      {
        cadence: { kind: 'monthly', nth: 1 },
        weekday: 1,
        startTime: '10:00',
        durationMinutes: 60,
        firstDay: '2026-01-01',
      },
      '2026-01-01',
      3,
    )
    expect(first.map((o) => o.day)).toEqual(['2026-01-05', '2026-02-02', '2026-03-02'])
    const last = occurrences(
      {
        cadence: { kind: 'monthly', nth: -1 },
        weekday: 5,
        startTime: '10:00',
        durationMinutes: 60,
        firstDay: '2026-01-01',
      },
      '2026-01-01',
      3,
    )
    expect(last.map((o) => o.day)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27'])
  })

  it('keeps 09:00 local across the change to summer time, moving the UTC instant', () => {
    const rule: RecurrenceRule = {
      cadence: { kind: 'weekly', intervalWeeks: 1 },
      weekday: 2,
      startTime: '09:00',
      durationMinutes: 60,
      firstDay: '2027-03-23',
    }
    const [before, after] = occurrences(rule, '2027-03-23', 2)
    expect(before!.startsAt).toBe('2027-03-23T08:00:00.000Z')
    expect(after!.startsAt).toBe('2027-03-30T07:00:00.000Z')
  })

  it('flags Swedish holidays, from the holiday library', () => {
    expect(swedishHolidayOn('2026-12-25')).toBe('Juldagen')
    expect(swedishHolidayOn('2026-12-24')).toBe('Julafton')
    expect(swedishHolidayOn('2026-06-06')).toMatch(/nationaldag/i)
    expect(swedishHolidayOn('2026-11-24')).toBeNull()
    const christmasWeek = occurrences(
      {
        cadence: { kind: 'weekly', intervalWeeks: 1 },
        weekday: 5,
        startTime: '09:00',
        durationMinutes: 60,
        firstDay: '2026-12-20',
      },
      '2026-12-20',
      1,
    )
    expect(christmasWeek[0]).toMatchObject({ day: '2026-12-25', holiday: 'Juldagen' })
  })
})
