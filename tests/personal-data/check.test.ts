import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findPersonalData } from '../../src/personal-data/check'
import { nameList, namesThatAreWords, threeLetterWords } from '../../src/personal-data/names.data'

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
    dash: fc.constantFrom('-', '–', '—'),
  })
  .map(({ date, serial, coordination, form, dash }) => {
    const iso = date.toISOString()
    const day = Number(iso.slice(8, 10)) + (coordination ? 60 : 0)
    const short = `${iso.slice(2, 4)}${iso.slice(5, 7)}${String(day).padStart(2, '0')}`
    const nine = `${short}${String(serial).padStart(3, '0')}`
    const last4 = nine.slice(6) + luhn(nine)
    const century = iso.slice(0, 2)
    switch (form) {
      case 'short-dash':
        return `${short}${dash}${last4}`
      case 'short':
        return `${short}${last4}`
      case 'long-dash':
        return `${century}${short}${dash}${last4}`
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
      fc.constantFrom(['-', ' '], ['–', ' '], ['/', ' '], ['.', '.'], [' ', ' ']),
    )
    .map(
      ([p, n, [first, rest]]) =>
        `${p}${first}${String(n).slice(0, 3)}${rest}${String(n).slice(3, 5)}${rest}${String(n).slice(5)}`,
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
    fc.constantFrom(['example', 'se'], ['exempel', 'nu'], ['post.example', 'com']),
    fc.constantFrom('@', ' @ ', '(at)', ' (at) ', '[at]', ' snabel-a ', ' at '),
    fc.constantFrom('.', ' punkt ', ' dot ', '(dot)'),
  )
  // Written to dodge: "at" and "dot" in words, or with a real dot.
  .map(([u, [domain, tld], at, dot]) => `${u}${at}${domain}${at.includes('@') ? '.' : dot}${tld}`)
const plate = fc
  .tuple(
    fc.stringMatching(/^[A-HJ-PR-UW-Z]{3}$/),
    fc.integer({ min: 10, max: 99 }),
    fc.constantFrom('1', '7', 'A', 'C', 'Z'),
  )
  .filter(
    ([l]) =>
      !'SOS EST VBE OSL SFS SCB LVU LVM LSS BUP SFI BMW KTM BYD DAF GMC MAN SOU AFA SKR PDF CSV'
        .split(' ')
        .includes(l),
  )
  .chain(([l, d, e]) =>
    fc
      .tuple(fc.constantFrom(' ', '-', ''), fc.boolean())
      .map(([gap, lower]) => (lower ? `${l}${gap}${d}${e}`.toLowerCase() : `${l}${gap}${d}${e}`)),
  )
  // In lower case three letters that make a Swedish word read as the word ("med 100").
  .filter(
    (plate) => plate === plate.toUpperCase() || !swedishThreeLetterWords.has(plate.slice(0, 3)),
  )
const address = fc
  .tuple(
    fc.constantFrom(
      'Storgatan',
      'Björkvägen',
      'Kyrkogränd',
      'Lilla torget',
      'Parkallén',
      'Björksvängen',
      'Ekbacken',
      'Tallstigen',
      'Solkroken',
    ),
    fc.integer({ min: 1, max: 250 }),
  )
  .map(([s, n]) => `${s} ${n}`)
const alsoWords = new Set(namesThatAreWords.split('\n'))
const swedishThreeLetterWords = new Set(threeLetterWords.split('\n'))
const nameWords = nameList.split('\n').filter((n) => n.length > 2 && !alsoWords.has(n))
// A name from the lists, as people type it: Capitalised, lower case or in capitals.
const person = fc
  .tuple(
    fc.integer({ min: 0, max: nameWords.length - 1 }).map((i) => nameWords[i]!),
    fc.constantFrom('capitalised', 'lower', 'upper'),
  )
  .map(([name, form]) =>
    form === 'lower'
      ? name
      : // Three capitals read as an abbreviation (EST, BUP): names in capitals from four letters.
        form === 'upper' && name.length > 3
        ? name.toUpperCase()
        : name.charAt(0).toUpperCase() + name.slice(1),
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
  'per',
  'vecka',
  'Centrum',
  'riksväg',
  '40',
  'buss',
  '4',
  'en',
  'BMW',
  '320',
  'Volvo',
  'XC60',
  'Saab',
]
const cleanText = fc
  .array(fc.constantFrom(...cleanWords), { minLength: 3, maxLength: 40 })
  .map((words) => words.join(' '))

// `then`: what follows the value at once (a name before "Park" or "Centrum" is a place's).
const embedded = (secret: fc.Arbitrary<string>, then = '') =>
  fc.tuple(cleanText, secret, cleanText).map(([before, value, after]) => ({
    text: `${before} ${value} ${then}${after}`,
    value,
    start: before.length + 1,
  }))

describe('findPersonalData', () => {
  const kinds = { identity_number: identityNumber, phone, email, plate, address, name: person }
  for (const [kind, arbitrary] of Object.entries(kinds)) {
    it(`always finds a ${kind} anywhere in otherwise clean text`, () => {
      fc.assert(
        fc.property(
          embedded(arbitrary, kind === 'name' ? 'sågs ' : ''),
          ({ text, value, start }) => {
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
          },
        ),
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

  it("does not refuse the team's allowed places named after people, wherever they stand", () => {
    const allowedPlaces = ['Nils Ferlins staty', 'Evert Taubes terrass', 'Ahmeds livs']
    const withPlaces = fc
      .tuple(cleanText, fc.constantFrom(...allowedPlaces), cleanText, fc.boolean())
      .map(
        ([before, place, after, lower]) =>
          `${before} vid ${lower ? place.toLowerCase() : place} ${after}`,
      )
    fc.assert(
      fc.property(withPlaces, (text) => {
        expect(findPersonalData(text, { allowedPlaces }), text).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('takes words that double as names where they stand as names, not in ordinary use', () => {
    const found = (text: string) => findPersonalData(text).map((f) => f.match)
    for (const clean of [
      'Per vecka kommer 15 ungdomar. Mötet i maj gav klara besked.',
      'Hans mamma ringde inte. Klara besked behövs per vecka.',
      'Samling i Lund och vid Berg, från Kalmar.',
      'Klotter vid Folkets Park och Olof Palmes plats.',
      'Oro kring Ellen Keyskolan och vid Gustav Adolfs torg.',
    ])
      expect(found(clean), clean).toEqual([])
    expect(found('Per Berg sågs vid torget')).toEqual(['Per', 'Berg'])
    expect(found('Pappan Bo var med. Enligt Hans på fritidsgården är det lugnt.')).toEqual([
      'Bo',
      'Hans',
    ])
    expect(found('Mamman, Maj, kom dit. Bo ringde sedan.')).toEqual(['Maj', 'Bo'])
    expect(found('Han pratade med Klara K. om saken')).toEqual(['Klara'])
  })

  it('finds names in any case, of every origin', () => {
    const found = (text: string) => findPersonalData(text).map((f) => f.match)
    expect(found('bråk mellan ahmed och hodan vid torget')).toEqual(['ahmed', 'hodan'])
    expect(found('DARIUSH OCH OKSANA SYNS OFTA DÄR')).toEqual(['DARIUSH', 'OKSANA'])
    expect(found('Eleven Kushtrim och hans kusin Rojin')).toEqual(['Kushtrim', 'Rojin'])
  })

  it('finds handles, profile links, nicknames and e-mail written to dodge', () => {
    const kinds = (text: string) => findPersonalData(text).map((f) => `${f.kind}:${f.match}`)
    expect(kinds('säljer via snap: kungen_08 och @lillebror.99')).toEqual([
      'handle:snap: kungen_08',
      'handle:@lillebror.99',
    ])
    expect(kinds('se instagram.com/exempel_konto för bilder')).toEqual([
      'handle:instagram.com/exempel_konto',
    ])
    expect(kinds('en ungdom kallad ”Lillen” syns ofta')).toEqual(['handle:Lillen'])
    for (const dodged of [
      'ung.person (at) exempel.se',
      'ung.person[at]exempel.se',
      'ung.person snabel-a exempel punkt se',
      'ung.person @ exempel.se',
    ])
      expect(kinds(`skriv till ${dodged} sen`), dodged).toEqual([`email:${dodged}`])
  })

  it('finds numbers with every separator, plates of every form, streets and flats', () => {
    const kinds = (text: string) => findPersonalData(text).map((f) => f.kind)
    expect(kinds('nr 850709–9805 i samtalet')).toEqual(['identity_number'])
    for (const phone of ['070/123 45 67', '070.123.45.67', '070–123 45 67'])
      expect(kinds(`ring ${phone} ikväll`), phone).toEqual(['phone'])
    for (const plate of ['bxk 123', 'ABC-123', 'gkt12f', 'AB 12345', 'AB 12 345'])
      expect(kinds(`bil med ${plate} stod där`), plate).toEqual(['plate'])
    for (const street of ['Rosenvägen 4', 'Björksvängen 12 B', 'Ekbacken 3', 'lgh 1102'])
      expect(kinds(`bor på ${street} sedan`), street).toEqual(['address'])
  })

  it('does not take road numbers, counts or vehicle models for addresses or plates', () => {
    for (const clean of [
      'olycka på väg 13 och riksväg 40',
      'vid torget 5 personer, på plan 2',
      'en BMW 320 och en KTM 690 stod parkerade',
      'ökade med 100 och var 200 totalt',
      'möte 05.11.2026 kl. 14.00',
    ])
      expect(findPersonalData(clean), clean).toEqual([])
  })

  it("finds a child's exact birth date, not when something happened", () => {
    const kinds = (text: string) => findPersonalData(text).map((f) => f.kind)
    expect(kinds('pojken född 2014-03-05 går i klassen')).toEqual(['birth_date'])
    expect(kinds('flickan, 2013-07-21, var med')).toEqual(['birth_date'])
    expect(kinds('den 2026-11-05 sågs en pojke vid skolan')).toEqual([])
  })

  it("finds names in genitive, and skips the team's allowed place names", () => {
    expect(findPersonalData('Mohammeds bror var där').map((f) => f.kind)).toEqual(['name'])
    expect(
      findPersonalData('Oro vid Gustav Adolfs torg', { allowedPlaces: ['Gustav Adolfs torg'] }),
    ).toEqual([])
    // A place named after people reads as a place by itself; a name beside one is still a name.
    expect(findPersonalData('Oro vid Gustav Adolfs torg')).toEqual([])
    expect(
      findPersonalData('Lars Nilsson sågs vid Gustav Adolfs torg').map((f) => f.match),
    ).toEqual(['Lars', 'Nilsson'])
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
