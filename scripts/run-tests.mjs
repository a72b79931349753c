// npm test: formatting and type check, then the whole suite on SQLite, then again on PostgreSQL
// when TEST_DATABASE_URL is set. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const bin = (name) => join('node_modules', '.bin', name)
const totals = { passed: 0, failed: 0, skipped: 0 }
let ok = true

console.log('Checking the formatting (prettier --check) …')
const format = spawnSync(bin('prettier'), ['--check', '--log-level', 'warn', '.'], {
  stdio: 'inherit',
})
if (format.status !== 0) {
  ok = false
  totals.failed += 1
  console.log('Formatting differs from .prettierrc.json: run npx prettier --write .')
}

console.log('Type-checking (tsc --noEmit) …')
const tsc = spawnSync(bin('tsc'), ['--noEmit'], { stdio: 'inherit' })
if (tsc.status !== 0) {
  ok = false
  totals.failed += 1
  console.log('Type-check failed.')
}

const legs = [{ name: 'SQLite', env: { ...process.env, TEST_DATABASE_URL: '' } }]
if (process.env.TEST_DATABASE_URL) {
  legs.push({ name: 'PostgreSQL', env: { ...process.env } })
} else {
  console.log('TEST_DATABASE_URL is not set: the PostgreSQL leg is skipped (CI sets it).')
}

// The real-browser tests run in a pass of their own, so they do not compete for
// the CPU with every other test file and time out on a two-core machine.
const passes = [
  { name: 'HTTP and unit tests', args: ['--exclude', 'tests/e2e/**'] },
  { name: 'real-browser tests', args: ['tests/e2e'] },
]

for (const leg of legs.flatMap((leg) =>
  passes.map((pass) => ({ ...leg, name: `${leg.name}: ${pass.name}`, args: pass.args })),
)) {
  console.log(`\nTests on ${leg.name} …`)
  const report = join(mkdtempSync(join(tmpdir(), 'laget-vitest-')), 'report.json')
  const run = spawnSync(
    bin('vitest'),
    [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...leg.args,
      ...process.argv.slice(2),
    ],
    {
      stdio: 'inherit',
      env: leg.env,
    },
  )
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'))
    totals.passed += result.numPassedTests
    totals.failed += result.numFailedTests
    totals.skipped += result.numPendingTests + result.numTodoTests
    if (result.numFailedTestSuites > 0 && result.numFailedTests === 0)
      totals.failed += result.numFailedTestSuites
  } catch {
    totals.failed += 1
    console.log(`No test report from the ${leg.name} leg.`)
  }
  if (run.status !== 0) ok = false
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(ok && totals.failed === 0 ? 0 : 1)
