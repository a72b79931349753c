// npm run bench:personal-data: how well the personal-data check does on our own corpus of entry
// texts (tests/bench/personal-data-corpus.ts), what its name lists cost to load, and how fast it is.
// Loaded as the server loads it: bundled JavaScript (as scripts/build-server.mjs makes it), not
// TypeScript compiled on the fly, so that the time and memory are the lists' own.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { corpus, nameSweep } from './personal-data-corpus'

// Inside the project, so that the bundle finds the packages in node_modules.
mkdirSync(join('node_modules', '.cache'), { recursive: true })
const dir = mkdtempSync(join('node_modules', '.cache', 'laget-pd-'))
await build({
  entryPoints: { check: 'src/personal-data/check.ts', names: 'src/personal-data/names.ts' },
  outdir: dir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
})
await import('libphonenumber-js')
await import('personnummer')
global.gc?.()
const rssBefore = process.memoryUsage().rss
const loadStarted = performance.now()
const { nameCount } = (await import(
  pathToFileURL(join(process.cwd(), dir, 'names.mjs')).href
)) as typeof import('../../src/personal-data/names')
const loadMs = performance.now() - loadStarted
global.gc?.()
const rssAfter = process.memoryUsage().rss
const { findSinglingOut } = await import('../../src/personal-data/singling-out')
const { findPersonalData } = (await import(
  pathToFileURL(join(process.cwd(), dir, 'check.mjs')).href
)) as typeof import('../../src/personal-data/check')
rmSync(dir, { recursive: true, force: true })

let askedClean = 0
const misses: string[] = []
const falseRefusals: string[] = []
const families = new Map<string, { texts: number; right: number }>()
for (const entry of corpus) {
  const findings = findPersonalData(entry.text)
  const asked = findings.length === 0 ? findSinglingOut(entry.text) : []
  if (asked.length > 0 && !entry.personal) askedClean++
  const refused = findings.length > 0 || asked.length > 0
  const family = families.get(entry.family) ?? { texts: 0, right: 0 }
  family.texts++
  if (refused === entry.personal) family.right++
  families.set(entry.family, family)
  if (entry.personal && !refused) misses.push(entry.text)
  if (!entry.personal && refused)
    falseRefusals.push(
      `${entry.text}  ← ${findings.map((f) => `${f.kind} ”${f.match}”`).join(', ')}`,
    )
}
const personal = corpus.filter((entry) => entry.personal).length
const clean = corpus.length - personal
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`
console.log(
  `Name lists: ${nameCount.names.toLocaleString('sv-SE')} names (${nameCount.alsoWords.toLocaleString('sv-SE')} also words or places), loaded in ${loadMs.toFixed(0)} ms, RSS +${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB`,
)
console.log(
  `Corpus: ${corpus.length} texts. Recall ${percent(personal - misses.length, personal)} (${personal - misses.length} of ${personal} with personal data refused or asked about); false refusals ${percent(falseRefusals.length, clean)} (${falseRefusals.length} of ${clean} clean texts; ${askedClean} of them asked about by the second tier)`,
)
for (const [name, family] of families)
  console.log(`  ${name}: ${family.right} of ${family.texts} right`)
for (const text of misses) console.log(`  missed: ${text}`)
for (const text of falseRefusals) console.log(`  refused: ${text}`)

// The name sweep: each name in the middle of a sentence, at its start, and in lower case.
const forms = [
  (name: string) => `Vi pratade med ${name} om läget vid torget.`,
  (name: string) => `${name} sågs vid torget igen i fredags.`,
  (name: string) => `pappan till ${name.toLowerCase()} ringde till skolan`,
]
console.log('Name sweep (mid-sentence / sentence start / lower case):')
for (const [origin, names] of Object.entries(nameSweep)) {
  const caught = forms.map(
    (form) =>
      names.filter((name) => findPersonalData(form(name)).some((f) => f.kind === 'name')).length,
  )
  console.log(
    `  ${origin}: ${caught.map((n) => percent(n, names.length)).join(' / ')} of ${names.length}`,
  )
}

// Speed: the whole corpus again and again, per 1,000 characters.
const characters = corpus.reduce((sum, entry) => sum + entry.text.length, 0)
for (let i = 0; i < 20; i++) for (const entry of corpus) findPersonalData(entry.text)
const rounds = 200
const started = performance.now()
for (let i = 0; i < rounds; i++)
  for (const entry of corpus) {
    findPersonalData(entry.text)
    findSinglingOut(entry.text)
  }
const perThousand = (performance.now() - started) / ((rounds * characters) / 1000)
console.log(
  `Speed: ${perThousand.toFixed(3)} ms per 1,000 characters (corpus of ${characters} characters, ${rounds} rounds)`,
)
