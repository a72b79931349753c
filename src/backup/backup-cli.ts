// npm run backup -- <file>: a consistent copy of the running database, checked; exits 1 on any fault.
import { loadConfigOrExit } from '../config'
import { BackupError, backupDatabase } from './backup'

const target = process.argv[2]
if (!target) {
  console.error(
    'Usage: npm run backup -- <file>   (a new file; the database is read from the configuration)',
  )
  process.exit(2)
}
const config = loadConfigOrExit()
try {
  const { bytes, ms, verification } = await backupDatabase(config.database, target)
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s`
  if (verification.faults.length) {
    console.error(`Backup written to ${target} (${size}), but it does not check out:`)
    for (const fault of verification.faults) console.error(`  - ${fault}`)
    process.exit(1)
  }
  console.log(`Backup written to ${target} (${size}); integrity and chains check out.`)
} catch (error) {
  console.error(`No backup: ${error instanceof BackupError ? error.message : String(error)}`)
  process.exit(2)
}
