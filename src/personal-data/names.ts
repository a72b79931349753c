import { genitiveLookalikes, nameList, namesThatAreWords } from './names.data'

/**
 * Personal names in free text, in any case: a name that is no ordinary word
 * ("ahmed", "SARA", "Lundqvist") counts wherever it stands; one that is also a
 * word or a place ("Bo", "Per", "Hans", "Klara", "Lund") only where it stands
 * as a name — after a kinship or naming word, beside another name or an
 * initial, as the subject of a verb of a person, or capitalised mid-sentence
 * where no place is meant. Names that are part of a place or a firm ("Olof
 * Palmes plats", "Ellen Keyskolan") are not people.
 */

const lines = (text: string) => new Set(text.split('\n').filter(Boolean))
const names = lines(nameList)
const alsoWords = lines(namesThatAreWords)
const notGenitives = lines(genitiveLookalikes)

/** How many names the lists hold, for the benchmark. */
export const nameCount = { names: names.size, alsoWords: alsoWords.size }

// The words before a name that say it is one ("pappan Bo", "enligt Hans", "kallas Maj").
const namingWords = new Set(
  `pappan mamman brodern bror brorsan systern syster syrran sonen dottern kusinen farbror morbror
  moster faster farmor mormor farfar morfar styvpappan styvmamman pojken flickan killen tjejen
  grabben eleven kompisen kamraten vännen pojkvännen flickvännen sambon maken frun hustrun
  exet enligt heter hette kallas kallad kallade kallar alias namnet herr fru fröken
  pappa mamma bror syster son dotter vittnet anmälaren målsäganden`.split(/\s+/),
)
const namingVerbs = new Set('heter hette kallas kallad kallade alias'.split(' '))
// Verbs of a person right after a name that is also a word: "Bo ringde", "Hans berättade".
const personVerbs = new Set(
  `sa sade säger berättade berättar ringde ringer uppgav uppger hotade hotar slog sprang bor bodde
  skrev greps misstänks misstänktes försvann rymde mår mådde jobbar umgås träffade grät skrek
  svarade förnekade erkände vägrade ville sms:ade messade sågs syns syntes hördes brukar började
  slutade flyttade stack rånade knivhögg misshandlade`.split(/\s+/),
)
// Before a place or a time: "i Lund", "vid Berg", "från Kalmar", "under Ramadan".
const placePrepositions = new Set(
  `i vid på från till mot utanför nära kring runt genom över längs inom öster väster norr söder
  mellan bakom framför under inför efter före sedan innan`.split(/\s+/),
)
// The word after a name that makes the whole a place or a firm: "Gustav Adolfs torg", "Stena Fastigheter".
const placeHeads =
  /^(torg|torget|plats|platsen|park|parken|gata|gatan|väg|vägen|gränd|gränden|skola|skolan|skolor|gymnasiet|gymnasium|kyrka|kyrkan|hall|hallen|bad|badet|centrum|gård|gården|station|stationen|bro|bron|backe|backen|allé|allén|stig|stigen|hus|huset|museum|museet|bibliotek|biblioteket|ab|hb|fastigheter|bostäder|restaurang|restauranger|pizzeria|livs|bageri|grill|kiosk|bar|café|kafé|klubb|klubben|arena|arenan|strand|stranden|hamn|hamnen)$/
// A capitalised compound that is a place: "Keyskolan", "Palmeparken".
const placeCompound =
  /\p{Ll}(skolan|gymnasiet|parken|torget|gården|hallen|badet|kyrkan|vägen|gatan|plan|platsen|centrum|stationen|huset|arenan|stranden|hamnen)$/u
// Before a firm's name: "restaurang Max", "pizzeria Roma".
const firmWords = new Set(
  'restaurang restaurangen pizzeria pizzerian butiken affären firman företaget bolaget kedjan'.split(
    /\s+/,
  ),
)

type Token = { text: string; lower: string; start: number; end: number }
const tokenPattern = /\p{L}[\p{L}\p{M}]*(?:[-:]\p{L}[\p{L}\p{M}]*)*/gu

const isGenitive = (lower: string) =>
  lower.endsWith('s') &&
  lower.length > 3 &&
  !names.has(lower) &&
  !notGenitives.has(lower) &&
  names.has(lower.slice(0, -1))

const isNameWord = (lower: string): boolean => names.has(lower) || isGenitive(lower)

// "Ann-Marie", "Karl-Erik": every part a name, a word-name among them with its capital ("EST-gruppen" is none).
const isHyphenatedName = (text: string): boolean =>
  text
    .split('-')
    .every(
      (part) =>
        isNameWord(lowerCaseOf(part)) &&
        (!alsoWords.has(baseOf(lowerCaseOf(part))) || capitalised(part)),
    )

const baseOf = (lower: string) => (isGenitive(lower) ? lower.slice(0, -1) : lower)

// In lower case as the lists hold it; Turkish capitals fold their own way (IŞIK → ışık).
function lowerCaseOf(text: string): string {
  const lower = text.toLowerCase()
  if (!/[Iİ]/.test(text) || isNameWord(lower)) return lower
  const turkish = text.toLocaleLowerCase('tr')
  return isNameWord(turkish) ? turkish : lower
}

const allCaps = (text: string) => text.length > 1 && text === text.toUpperCase()
// Written with a capital as names are ("Bo", "Ann-Marie"); in capitals throughout, a capital says nothing.
const capitalised = (text: string) => /^\p{Lu}/u.test(text) && !allCaps(text)

/** Spans of names in `text`, leaving out what lies inside `skip` (the team's allowed places). */
export function findNames(text: string, skip: [number, number][]): [number, number][] {
  const tokens: Token[] = []
  for (const m of text.matchAll(tokenPattern))
    tokens.push({
      text: m[0],
      lower: lowerCaseOf(m[0]),
      start: m.index!,
      end: m.index! + m[0].length,
    })
  const skipped = (token: Token) =>
    skip.some(([start, end]) => token.start < end && token.end > start)
  const adjacent = (a: Token, b: Token) => /^\s+$/.test(text.slice(a.end, b.start))
  // At a sentence's start a capital says nothing: the text before is empty or ends a sentence.
  const sentenceStart = (token: Token) => {
    const before = text.slice(Math.max(0, token.start - 12), token.start)
    const bare = before.replace(/[\s"”“'«(–—-]+$/u, '')
    return bare === ''
      ? token.start - before.length === 0 || /\n\s*$/.test(before)
      : /[.!?:\n]$/.test(bare)
  }
  const known = tokens.map(
    (token) =>
      !skipped(token) &&
      (token.text.includes('-') ? isHyphenatedName(token.text) : isNameWord(token.lower)),
  )
  const ambiguous = (i: number) => alsoWords.has(baseOf(tokens[i]!.lower))
  const spans: [number, number][] = []

  // A neighbour that reads as a name: a name that is no word, or a word-name written with a capital.
  const nameLike = (j: number) =>
    known[j] === true &&
    !namingWords.has(tokens[j]!.lower) &&
    !placeHeads.test(tokens[j]!.lower) &&
    (!ambiguous(j) || capitalised(tokens[j]!.text))

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (!known[i] || namingWords.has(token.lower)) continue
    const prev = tokens[i - 1]
    const next = tokens[i + 1]
    if (partOfPlace(i)) continue
    // "Per Berg", "Bo Ahmed": a capitalised word-name beside another name.
    const besideName =
      capitalised(token.text) &&
      [i - 1, i + 1].some((j) => {
        const other = tokens[j]
        if (!other || other.lower === token.lower || !nameLike(j) || !capitalised(other.text))
          return false
        return j < i ? adjacent(other, token) : adjacent(token, other)
      })
    // Short capitals are abbreviations (EST, BUP, SOL) unless another name stands beside them.
    if (allCaps(token.text) && token.text.length <= 3 && !besideName) continue
    // Two letters in lower case are abbreviations too ("kl", "ca", "nr").
    if (token.lower.length <= 2 && !capitalised(token.text)) continue
    if (!ambiguous(i) || besideName) {
      spans.push([token.start, token.end])
      continue
    }
    // After a kinship word the name has its capital ("pappan Bo", not "brodern var"); after
    // "heter" or "kallas" it is a name however written.
    const cue =
      prev !== undefined &&
      /^[\s,]+$/.test(text.slice(prev.end, token.start)) &&
      ((namingWords.has(prev.lower) && capitalised(token.text)) || namingVerbs.has(prev.lower))
    const initial = /^\s+\p{Lu}\.?(?![\p{L}])/u.test(text.slice(token.end, token.end + 4))
    const subject =
      next !== undefined &&
      personVerbs.has(next.lower) &&
      adjacent(token, next) &&
      capitalised(token.text)
    const midSentenceName =
      capitalised(token.text) &&
      !placeHeads.test(token.lower) &&
      !allCaps(token.text) &&
      !sentenceStart(token) &&
      !(prev && placePrepositions.has(prev.lower)) &&
      // Part of a proper name that is no person's: "Folkets Park", "EST Norr".
      !(
        prev &&
        (capitalised(prev.text) || allCaps(prev.text)) &&
        !nameLike(i - 1) &&
        adjacent(prev, token)
      )
    if (cue || initial || subject || midSentenceName) spans.push([token.start, token.end])
  }
  return spans

  /** Whether token i opens or continues a run of names ended by a place or firm word. */
  function partOfPlace(i: number): boolean {
    const prev = tokens[i - 1]
    if (prev && firmWords.has(prev.lower)) return true
    const isHead = (token: Token) =>
      placeHeads.test(token.lower) || (capitalised(token.text) && placeCompound.test(token.text))
    // The head itself ("Park" in "Per Park") belongs to the place its names before it make.
    if (isHead(token(i)))
      return (
        prev !== undefined &&
        known[i - 1] === true &&
        capitalised(prev.text) &&
        adjacent(prev, token(i))
      )
    let j = i
    while (
      j + 1 < tokens.length &&
      known[j + 1] &&
      capitalised(token(j + 1).text) &&
      !isHead(token(j + 1)) &&
      adjacent(token(j), token(j + 1))
    )
      j++
    const after = tokens[j + 1]
    return after !== undefined && adjacent(token(j), after) && isHead(after)
  }

  function token(i: number): Token {
    return tokens[i]!
  }
}
