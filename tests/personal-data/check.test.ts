import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findPersonalData, wordsThatAreNames } from '../../src/personal-data/check'
import { nameList } from '../../src/personal-data/names.data'

// Everything here is generated: valid-format numbers and invented combinations, no real person.

const luhn = (digits: string) => {
  let sum = 0
  for (const [i, char] of [...digits].entries()) {
    let d = Number(char) * (i % 2 === 0 ? 2 : 1)
    if (d > 9) d -= 9
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** A valid personal identity or coordination number, in one of the common written forms. */
const identityNumber = fc
  .record({
    date: fc.date({
      min: new Date('1930-01-01'),
      max: new Date('2024-12-31'),
      noInvalidDate: true,
    }),
    serial: fc.integer({ min: 1, max: 999 }),
    coordination: fc.boolean(),
    form: fc.constantFrom('short-dash', 'short', 'long-dash', 'long', 'short-space', 'long-plus'),
  })
  .map(({ date, serial, coordination, form }) => {
    const iso = date.toISOString()
    const day = Number(iso.slice(8, 10)) + (coordination ? 60 : 0)
    const short = `${iso.slice(2, 4)}${iso.slice(5, 7)}${String(day).padStart(2, '0')}`
    const nine = `${short}${String(serial).padStart(3, '0')}`
    const last4 = nine.slice(6) + luhn(nine)
    const century = iso.slice(0, 2)
    switch (form) {
      case 'short-dash':
        return `${short}-${last4}`
      case 'short':
        return `${short}${last4}`
      case 'long-dash':
        return `${century}${short}-${last4}`
      case 'long':
        return `${century}${short}${last4}`
      case 'short-space':
        return `${short} ${last4}`
      default:
        return `${century}${short}-${last4}`
    }
  })

const phone = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('070', '072', '073', '076', '079'),
      fc.integer({ min: 1_000_000, max: 9_999_999 }),
    )
    .map(
      ([p, n]) => `${p}-${String(n).slice(0, 3)} ${String(n).slice(3, 5)} ${String(n).slice(5)}`,
    ),
  fc
    .integer({ min: 10_000_000, max: 99_999_999 })
    .map(
      (n) => `+46 70 ${String(n).slice(0, 3)} ${String(n).slice(3, 5)} ${String(n).slice(5, 7)}`,
    ),
  fc
    .integer({ min: 1_000_000, max: 9_999_999 })
    .map((n) => `08-${String(n).slice(0, 3)} ${String(n).slice(3, 5)} ${String(n).slice(5)}`),
)
const email = fc
  .tuple(
    fc.constantFrom('kalle', 'a.b', 'ung.person', 'x_y'),
    fc.constantFrom('example.se', 'exempel.nu', 'post.example.com'),
  )
  .map(([u, d]) => `${u}@${d}`)
const plate = fc
  .tuple(
    fc.stringMatching(/^[A-HJ-PR-UW-Z]{3}$/),
    fc.integer({ min: 10, max: 99 }),
    fc.constantFrom('1', '7', 'A', 'C', 'Z'),
  )
  .filter(
    ([l]) =>
      !['SOS', 'EST', 'VBE', 'OSL', 'SFS', 'SCB', 'LVU', 'LVM', 'LSS', 'BUP', 'SFI'].includes(l),
  )
  .map(([l, d, e]) => `${l} ${d}${e}`)
const address = fc
  .tuple(
    fc.constantFrom('Storgatan', 'Björkvägen', 'Kyrkogränd', 'Lilla torget', 'Parkallén'),
    fc.integer({ min: 1, max: 250 }),
  )
  .map(([s, n]) => `${s} ${n}`)
const person = fc.constantFrom(
  ...nameList.split('\n').filter((n) => n && !wordsThatAreNames.has(n)),
)

const cleanWords = [
  'Under',
  'vecka',
  '47',
  'samlades',
  'en',
  'grupp',
  'ungdomar',
  'vid',
  'Stationsområdet',
  'och',
  'Folkets',
  'Park',
  'kvällstid.',
  'Polisen',
  'ökade',
  'närvaron',
  'fredag',
  'kl.',
  '22.00–02.00,',
  'trenden',
  'är',
  'ökande',
  'sedan',
  '2026-11-05.',
  'Ärende',
  '2026/123',
  'hos',
  'socialtjänsten.',
  '15',
  'personer',
  'Org.nr',
  '556677-8899',
  '20261105',
  'v.',
  '48',
  'Per',
  'vecka',
  'Centrum',
]
const cleanText = fc
  .array(fc.constantFrom(...cleanWords), { minLength: 3, maxLength: 40 })
  .map((words) => words.join(' '))

const embedded = (secret: fc.Arbitrary<string>) =>
  fc.tuple(cleanText, secret, cleanText).map(([before, value, after]) => ({
    text: `${before} ${value} ${after}`,
    value,
    start: before.length + 1,
  }))

describe('findPersonalData', () => {
  const kinds = { identity_number: identityNumber, phone, email, plate, address, name: person }
  for (const [kind, arbitrary] of Object.entries(kinds)) {
    it(`always finds a ${kind} anywhere in otherwise clean text`, () => {
      fc.assert(
        fc.property(embedded(arbitrary), ({ text, value, start }) => {
          const findings = findPersonalData(text)
          const hit = findings.find((f) => f.start <= start && f.end >= start + value.length - 1)
          expect(hit, `${kind} in: ${text}`).toBeDefined()
          // A name right before a number reads as a street address ("Agata 22"): refused all the same.
          const sameRefusal =
            kind === 'address' ||
            kind === 'identity_number' ||
            (kind === 'name' && hit!.kind === 'address')
          expect(
            hit!.kind === kind || sameRefusal,
            `${kind} found as ${hit!.kind} in: ${text}`,
          ).toBe(true)
        }),
        { numRuns: 200 },
      )
    })
  }

  it('does not refuse clean text: places, dates, times, counts, weeks, organisation numbers', () => {
    fc.assert(
      fc.property(cleanText, (text) => {
        expect(findPersonalData(text), text).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('takes words that double as names only beside another name', () => {
    expect(findPersonalData('Per vecka kommer 15 ungdomar. Mötet med Bo i maj.')).toEqual([])
    expect(findPersonalData('Per Berg sågs vid torget').map((f) => f.match)).toEqual([
      'Per',
      'Berg',
    ])
  })

  it("finds names in genitive, and skips the team's allowed place names", () => {
    expect(findPersonalData('Mohammeds bror var där').map((f) => f.kind)).toEqual(['name'])
    expect(
      findPersonalData('Oro vid Gustav Adolfs torg', { allowedPlaces: ['Gustav Adolfs torg'] }),
    ).toEqual([])
    expect(findPersonalData('Oro vid Gustav Adolfs torg').length).toBeGreaterThan(0)
  })

  it('matches allowed place names as whole words and phrases only, never inside a name', () => {
    // The regression: allowing "Lund" or "Åsa" once let "Per Lundqvist" and "Åsa Berglund" through.
    const allowedPlaces = ['Lund', 'Åsa', 'Berg']
    expect(
      findPersonalData('Per Lundqvist sågs i Lund', { allowedPlaces }).map((f) => f.match),
    ).toEqual(['Per', 'Lundqvist'])
    expect(
      findPersonalData('Åsa Berglund ringde', { allowedPlaces }).map((f) => f.match),
    ).toContain('Berglund')
    expect(findPersonalData('Samling i Lund och vid Lunds station', { allowedPlaces })).toEqual([])
    expect(
      findPersonalData('Klotter vid gustav adolfs torg', { allowedPlaces: ['Gustav Adolfs torg'] }),
    ).toEqual([])
  })

  it('gives kind, position and the matched text', () => {
    const text = 'Ring 070-123 45 67'
    expect(findPersonalData(text)).toEqual([
      { kind: 'phone', start: 5, end: 18, match: '070-123 45 67' },
    ])
  })
})
