import { parsePhoneNumberFromString } from 'libphonenumber-js'
import Personnummer from 'personnummer'
import { nameList } from './names.data'

export const findingKinds = [
  'identity_number',
  'phone',
  'email',
  'address',
  'plate',
  'name',
] as const
export type FindingKind = (typeof findingKinds)[number]

export type Finding = { kind: FindingKind; start: number; end: number; match: string }

export type CheckOptions = {
  /** Place names the team allows even though they contain names ("Gustav Adolfs torg"). */
  allowedPlaces?: readonly string[]
}

const names = new Set(
  nameList
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
)

/**
 * Names that are also Swedish words ("Per vecka", "Bo", "Maj", "Berg"): they
 * count only next to another name ("Per Berg"), never alone.
 */
export const wordsThatAreNames = new Set(
  `Per Bo Maj Dag Sten Stig Björn Rut Sol Ros Lilja Ek Berg Lind Holm Strand Dahl Vik Ström Sjö Bäck Lund Ås Mark Karl Tor
  Rune Liv Iris Viola Hans Jan Ask Lo Love Vide Alm Gran Hägg Sand Nord Hall Dal Blom Falk Örn Svan Lax Björk Fors Ring
  Stark Glad Frisk Mild Ung Bror Son Hed Mo Ljung Fröjd Lycka Vinter Sommar Höst Vår April Juni Juli Augusti Can Mina Vilja Lilla Rosa`.split(
    /\s+/,
  ),
)

const identityNumber = /(?<![\d-])(\d{6}|\d{8})[ ]?[-+]?[ ]?(\d{4})(?!\d)/g
// Written as phone numbers start: + or 0 (dates such as 2026-11-05 would otherwise parse as valid numbers).
const phoneCandidate = /(?<![\d+])(?:\+|0)[\d\s()-]{6,20}\d/g
const email = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/gu
// "Storgatan 12", "Gustav Adolfs väg 3 B": a street word ending as Swedish streets do, then a house number.
const address =
  /(?<!\p{L})(?:\p{Lu}[\p{L}-]*\s)?\p{L}*(?:gatan|gata|vägen|väg|gränd|gränden|stigen|stig|allé|allén|plan|torg|torget|backe|backen|leden|gången|promenaden|esplanaden|kajen|stranden|slingan|ringen|vägen)\s+\d{1,4}(?:\s?[A-Za-z](?!\p{L}))?/gu
// Swedish plates: three letters (not I, Q, V, Å, Ä, Ö), two digits, then a digit or a letter (not O).
const plate = /(?<![\p{L}\d])([A-HJ-PR-UW-Z]{3}) ?(\d{2}[A-HJ-NPR-UW-Z\d])(?![\p{L}\d])/gu
const notPlates = new Set([
  'SOS',
  'BRÅ',
  'EST',
  'VBE',
  'OSL',
  'SFS',
  'SCB',
  'TV',
  'LVU',
  'LVM',
  'LSS',
  'BUP',
  'SFI',
])
const word = /\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?/gu

/**
 * Finds what looks like personal data in free text, in order of position.
 *
 * Personal identity and coordination numbers in every common form (validated
 * by the personnummer library, so dates and organisation numbers pass), phone
 * numbers written as such (Swedish or international, libphonenumber-js),
 * e-mail addresses, street addresses with a house number, Swedish plates, and
 * personal names written as names — capitalised, anywhere in the sentence,
 * genitive included. Names that are also Swedish words count only next to
 * another name. Place names the team allows are skipped.
 *
 * @example findPersonalData('Sara Nilsson ringde från 070-123 45 67')
 *   // → a name finding for "Sara Nilsson" and a phone finding for "070-123 45 67"
 */
export function findPersonalData(text: string, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = []
  const add = (kind: FindingKind, start: number, end: number) => {
    if (findings.some((f) => start < f.end && end > f.start)) return
    findings.push({ kind, start, end, match: text.slice(start, end) })
  }

  for (const m of text.matchAll(identityNumber)) {
    if (Personnummer.valid(m[0].replace(/\s/g, '')))
      add('identity_number', m.index!, m.index! + m[0].length)
  }
  for (const m of text.matchAll(email)) add('email', m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(phoneCandidate)) {
    const span = validPhonePrefix(m[0])
    if (span) add('phone', m.index!, m.index! + span)
  }
  for (const m of text.matchAll(address)) add('address', m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(plate)) {
    if (!notPlates.has(m[1]!)) add('plate', m.index!, m.index! + m[0].length)
  }

  const allowed = allowedSpans(text, options.allowedPlaces ?? [])
  const words = [...text.matchAll(word)]
    .map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }))
    .filter((w) => !allowed.some(([start, end]) => w.start < end && w.end > start))
  const isName = (w: string) =>
    names.has(w) ||
    (w.endsWith('s') && names.has(w.slice(0, -1))) ||
    w.split('-').every((part) => names.has(part))
  const adjacent = (a: { end: number }, b: { start: number }) =>
    /^\s+$/.test(text.slice(a.end, b.start))
  for (const [i, w] of words.entries()) {
    if (!isName(w.text)) continue
    const base = w.text.endsWith('s') && !names.has(w.text) ? w.text.slice(0, -1) : w.text
    const prev = words[i - 1]
    const next = words[i + 1]
    const besides = (other: typeof w | undefined, before: boolean) =>
      other !== undefined &&
      other.text !== w.text &&
      isName(other.text) &&
      (before ? adjacent(other, w) : adjacent(w, other))
    const besideName = besides(prev, true) || besides(next, false)
    if (wordsThatAreNames.has(base) && !besideName) continue
    add('name', w.start, w.end)
  }
  return findings.sort((a, b) => a.start - b.start)
}

/**
 * The longest start of a candidate that libphonenumber-js takes as a valid
 * Swedish or international number, dropping trailing digit groups that belong
 * to the sentence ("070-123 45 67 15 personer"); its length, or 0.
 */
function validPhonePrefix(candidate: string): number {
  let text = candidate
  while (text.replace(/\D/g, '').length >= 7) {
    if (parsePhoneNumberFromString(text, 'SE')?.isValid()) return text.length
    const cut = text.search(/[\s-]+\d*$/)
    if (cut <= 0) break
    text = text.slice(0, cut)
  }
  return 0
}

/**
 * Where the team's allowed place names stand in the text: whole words and
 * whole phrases only (a genitive s allowed), in any case — so that allowing
 * "Lund" never lets "Per Lundqvist" through.
 */
function allowedSpans(text: string, places: readonly string[]): [number, number][] {
  const spans: [number, number][] = []
  for (const place of places) {
    const words = place.trim().split(/\s+/).filter(Boolean).map(escapeRegExp)
    if (words.length === 0) continue
    const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}s?(?![\\p{L}\\p{N}])`, 'giu')
    for (const m of text.matchAll(phrase)) spans.push([m.index!, m.index! + m[0].length])
  }
  return spans
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
