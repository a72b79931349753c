// npm run restore -- <file> [--force]: puts a backup back into the configured (empty) database,
// migrates it, checks it and prints what it restored; exits 1 if it does not check out.
import { loadConfigOrExit } from '../config'
import { BackupError, restoreDatabase } from './backup'

const args = process.argv.slice(2)
const force = args.includes('--force')
const source = args.find((arg) => arg !== '--force')
if (!source) {
  console.error('Usage: npm run restore -- <backup file> [--force]   (stop Läget first)')
  process.exit(2)
}
const config = loadConfigOrExit()
try {
  const restored = await restoreDatabase(config.database, source, { force })
  console.log(`Restored ${source} in ${(restored.ms / 1000).toFixed(1)} s.`)
  if (restored.migrated.length) console.log(`Migrated: ${restored.migrated.join(', ')}`)
  for (const [table, rows] of Object.entries(restored.description.counts))
    console.log(`  ${table.padEnd(32)} ${rows}`)
  const last = restored.description.lastEvent
  console.log(
    last
      ? `Last audit event: no. ${last.seq}, ${last.action}, ${last.occurred_at}`
      : 'No audit events.',
  )
  if (restored.verification.faults.length) {
    console.error('The restored database does not check out:')
    for (const fault of restored.verification.faults) console.error(`  - ${fault}`)
    process.exit(1)
  }
  console.log('Integrity and chains check out.')
} catch (error) {
  console.error(`Not restored: ${error instanceof BackupError ? error.message : String(error)}`)
  process.exit(2)
}
