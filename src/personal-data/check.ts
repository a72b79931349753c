import { parsePhoneNumberFromString } from 'libphonenumber-js'
import Personnummer from 'personnummer'
import { findNames } from './names'
import { threeLetterWords } from './names.data'

export const findingKinds = [
  'identity_number',
  'phone',
  'email',
  'handle',
  'address',
  'plate',
  'birth_date',
  'name',
] as const
export type FindingKind = (typeof findingKinds)[number]

export type Finding = { kind: FindingKind; start: number; end: number; match: string }

export type CheckOptions = {
  /** Place names the team allows even though they contain names ("Gustav Adolfs torg"). */
  allowedPlaces?: readonly string[]
}

// Every dash people type between the date and the last four: -, –, —, ‐, and + for the over-100s.
const identityNumber = /(?<![\d-])(\d{6}|\d{8})[ ]?[-–—‐+]?[ ]?(\d{4})(?!\d)/g
// Written as phone numbers start: + or 0 (dates such as 2026-11-05 would otherwise parse as valid
// numbers); groups apart by spaces, dashes of every kind, slashes, dots or brackets.
const phoneCandidate = /(?<![\d+])(?:\+|0)(?:[\d\s()\-–—]|[/.](?=\d)){6,20}\d/g
// A date written with dots or slashes ("05.11.2026", "5/11 2026"), or a time ("09.00–10.00"), is
// no phone number.
const dateLike = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$|^\d{1,2}[.:]\d{2}(?!\d)/

// E-mail, also as written to dodge: (at), [at], " at ", "snabel-a", and (dot), "punkt", " dot ".
const at = String.raw`(?:\s*@\s*|\s*[([{]\s*(?:at|snabel-?a)\s*[)\]}]\s*|\s+(?:at|snabel-?a)\s+)`
const dot = String.raw`(?:\.|\s*[([{]\s*(?:dot|punkt)\s*[)\]}]\s*|\s+(?:dot|punkt)\s+)`
const email = new RegExp(
  String.raw`[\p{L}\d._%+-]+${at}[\p{L}\d-]+(?:${dot}[\p{L}\d-]+)*${dot}\p{L}{2,6}(?![\p{L}\d])`,
  'giu',
)
// Profile links, handles after a platform's name, bare @handles, and nicknames after "kallad".
const profileLink =
  /(?:https?:\/\/)?(?:www\.)?(?:instagram\.com|tiktok\.com|facebook\.com|fb\.com|snapchat\.com\/add|twitter\.com|x\.com|youtube\.com|t\.me|discord\.gg|twitch\.tv|linkedin\.com\/in)\/@?[\p{L}\d._-]+/giu
// After the platform: ":" or "=", an @, or a handle with a digit, dot or underscore ("snap kalle_09").
const platformHandle =
  /(?<![\p{L}\d])(?:insta(?:gram)?|ig|snap(?:chat)?|tiktok|twitter|discord|telegram|kik|facebook|fb)(?:\s*[:=]\s*@?|\s+@|\s+(?=[\p{L}\d_-]*[\d._]))[\p{L}\d._-]{3,30}/giu
const bareHandle = /(?<![\p{L}\d.@])@[\p{L}\d._]{2,30}(?![\p{L}\d@])/gu
const nickname =
  /(?<![\p{L}])(?:kallad|kallade|kallas|alias|smeknamnet|går under namnet|känd som)(?:\s+för)?\s+(?:["”“'’«»]([^"”“'’«»\n]{1,30})["”“'’«»]|(\p{Lu}[\p{L}\d-]*(?:\s\p{Lu}[\p{L}\d-]*)?))/gu

// "Storgatan 12", "Gustav Adolfs väg 3 B", "lgh 1102": a street word ending as Swedish streets
// do, then a house number; or a flat number.
const streetEndings =
  'gatan|gata|vägen|väg|gränd|gränden|stigen|stig|allé|allén|plan|torg|torget|backe|backen|leden|gången|promenaden|esplanaden|kajen|stranden|slingan|ringen|svängen|kroken|bryggan|platsen|liden|höjden|vägar|parken|tået|branten|dalen|hagen|ängen'
// A word and a house number; whether the word is a street's is asked of `streetWord` (cheaper
// than one pattern with every ending, which the engine would try at every letter).
const address = /(?<!\p{L})(\p{Lu}[\p{L}-]*\s)?(\p{L}+)\s+\d{1,4}(?:\s?[A-Za-z](?!\p{L}))?(?!\d)/gu
const streetWord = new RegExp(`(?:${streetEndings})$`, 'i')
const bareStreetWord = new RegExp(`^(?:${streetEndings})$`, 'i')
// Capitalised at a sentence's start, these are no part of a street's name ("Vid torget 5 …").
const sentenceWords = new Set(
  'vid på i från till mot nära utanför över under bakom framför kring runt efter längs'.split(' '),
)
// Roads by number, not addresses: "väg 13", "riksväg 40", "länsväg 225".
const roadNumber = /^(?:riks|läns|motor|europa|gång|cykel|lands)?väg(?:en)?$/i
const flatNumber = /(?<!\p{L})(?:lgh|lägenhet|lägenhetsnummer)\.?\s*(?:nr\.?\s*)?\d{4}(?!\d)/giu

// Plates: Swedish (ABC 123, ABC 12A — in any case, with space, dash or nothing between), Norwegian
// and Danish (AB 12345, AB 12 345: the letters apart), Finnish (ABC-123). Letters as plates have them.
const swedishPlate =
  /(?<![\p{L}\d])([A-HJ-PR-UW-Z]{3})[ -]?(\d{2}[A-HJ-NPR-UW-Z\d])(?![\p{L}\d])/giu
const nordicPlate =
  /(?<![\p{L}\d])[A-Z]{2}[ -]\d{2}[ ]?\d{3}(?![\p{L}\d])|(?<![\p{L}\d])[A-Z]{2,3}-\d{1,3}(?![\p{L}\d-])/gu
const notPlates = new Set(
  'SOS BRÅ EST VBE OSL SFS SCB LVU LVM LSS BUP SFI BMW KTM BYD DAF GMC MAN SOU AFA SKR PDF CSV'.split(
    ' ',
  ),
)
const smallWords = new Set(threeLetterWords.split('\n').filter(Boolean))

// A full date: 2014-03-05, 5/3 2014, 5 mars 2014, 140305 after "född".
const months =
  'jan(?:uari)?|feb(?:ruari)?|mars|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const fullDate = String.raw`(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[ ./-](?:19|20)?\d{2}|\d{1,2}\s(?:${months})\.?\s(?:19|20)\d{2}|\d{6}(?!\d))`
const bornOn = new RegExp(
  String.raw`(?<!\p{L})(?:född|föddes|f\.|födelsedatum|födelsedag|fyller år)\s*:?\s*(?:den\s)?${fullDate}`,
  'giu',
)
const dateNearChild = new RegExp(
  String.raw`(?<!\p{L})(?:pojke|pojken|flicka|flickan|barn|barnet|eleven|elev|sonen|dottern|kille|killen|tjej|tjejen|bebis|spädbarn|tonåring|ungdom)(?!\p{L})[^.!?\n]{0,60}?(?<![\d-])(${fullDate})|(?<![\d-])(${fullDate})[^.!?\n]{0,60}?(?<!\p{L})(?:pojke|pojken|flicka|flickan|barnet|eleven|sonen|dottern|killen|tjejen|bebis|spädbarn)(?!\p{L})`,
  'giu',
)

/**
 * Finds what looks like personal data in free text, in order of position.
 *
 * Personal identity and coordination numbers in every common form (validated
 * by the personnummer library, so dates and organisation numbers pass), phone
 * numbers written as such (Swedish or international, libphonenumber-js),
 * e-mail addresses also when written to dodge, handles, profile links and
 * nicknames, street addresses with a house number and flat numbers, plates of
 * Sweden and its neighbours, a child's exact birth date, and personal names of
 * every origin in any case (names.ts). Place names the team allows are skipped.
 *
 * @example findPersonalData('Sara Nilsson ringde från 070-123 45 67')
 *   // → a name finding for "Sara" and one for "Nilsson", a phone finding for "070-123 45 67"
 */
export function findPersonalData(text: string, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = []
  const add = (kind: FindingKind, start: number, end: number) => {
    if (findings.some((f) => start < f.end && end > f.start)) return
    findings.push({ kind, start, end, match: text.slice(start, end) })
  }
  const allowed = allowedSpans(text, options.allowedPlaces ?? [])
  const isAllowed = (start: number, end: number) =>
    allowed.some(([from, to]) => start >= from && end <= to)

  for (const m of text.matchAll(identityNumber)) {
    if (Personnummer.valid(`${m[1]}-${m[2]}`))
      add('identity_number', m.index!, m.index! + m[0].length)
  }
  // The costlier patterns only where their telltale is there at all.
  const lower = text.toLowerCase()
  if (/@|\b(?:at|snabel|dot|punkt)\b/.test(lower))
    for (const m of text.matchAll(email)) add('email', m.index!, m.index! + m[0].length)
  if (/[@/]|insta|ig|snap|tik|twitter|discord|telegram|kik|fb|facebook/.test(lower))
    for (const pattern of [profileLink, platformHandle, bareHandle])
      for (const m of text.matchAll(pattern)) add('handle', m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(nickname)) {
    const value = m[1] ?? m[2]!
    const start = m.index! + m[0].lastIndexOf(value)
    add('handle', start, start + value.length)
  }
  for (const m of text.matchAll(bornOn)) add('birth_date', m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(dateNearChild)) {
    const value = m[1] ?? m[2]!
    const year = Number(/(?:19|20)\d{2}/.exec(value)?.[0] ?? 0)
    // A date of this year or last is when something happened, not when a child was born.
    if (year > 0 && year <= new Date().getFullYear() - 2) {
      const start = m.index! + m[0].indexOf(value)
      add('birth_date', start, start + value.length)
    }
  }
  // A candidate that is no number may hide one further on ("05. 2026 … 08-100 00 00"): look again
  // from its next character rather than after it.
  const phones = new RegExp(phoneCandidate.source, 'g')
  for (let m = phones.exec(text); m; m = phones.exec(text)) {
    const span = dateLike.test(m[0].trim()) ? 0 : validPhonePrefix(m[0])
    if (span) add('phone', m.index, m.index + span)
    else phones.lastIndex = m.index + 1
  }
  for (const m of text.matchAll(address)) {
    const [, before, street] = m as unknown as [string, string | undefined, string]
    if (!streetWord.test(street)) continue
    // "vid torget 5 personer", "På plan 2": a street word alone, with no name to it, is no street.
    const named = before !== undefined && !sentenceWords.has(before.trim().toLowerCase())
    if (!named && bareStreetWord.test(street)) continue
    if (roadNumber.test(street) || isAllowed(m.index!, m.index! + m[0].length)) continue
    add('address', m.index!, m.index! + m[0].length)
  }
  for (const m of text.matchAll(flatNumber)) add('address', m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(swedishPlate)) {
    const letters = m[1]!
    if (notPlates.has(letters.toUpperCase())) continue
    // In lower case, three letters that make a word are the word: "med 100", "var 20".
    if (letters !== letters.toUpperCase() && smallWords.has(letters.toLowerCase())) continue
    add('plate', m.index!, m.index! + m[0].length)
  }
  for (const m of text.matchAll(nordicPlate))
    if (!notPlates.has(m[0].slice(0, 3).replace(/[^A-Z]/g, '')))
      add('plate', m.index!, m.index! + m[0].length)

  for (const [start, end] of findNames(text, allowed)) add('name', start, end)
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
    if (parsePhoneNumberFromString(text.replace(/[–—/.]/g, ' '), 'SE')?.isValid())
      return text.length
    const cut = text.search(/[\s\-–—/.]+\d*$/)
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
