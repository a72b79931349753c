// npm run audit:verify — recomputes the audit log's chain and the access log's seals; exits 1 at a break.
import { loadConfigOrExit } from '../config'
import { connect } from '../db/connect'
import { findBrokenAccessSeal } from './access-log'
import { findBrokenAuditLink } from './audit.repository'

const config = loadConfigOrExit()
const { db, close } = connect(config.database)
let brokenEvent: number | null
let brokenBatch: number | null
try {
  ;[brokenEvent, brokenBatch] = [await findBrokenAuditLink(db), await findBrokenAccessSeal(db)]
} catch (error) {
  console.error(
    `Could not read the logs (is this Läget's database, migrated? npm run db:migrate): ${String(error)}`,
  )
  process.exit(2)
} finally {
  await close()
}
if (brokenEvent !== null)
  console.error(
    `The audit log is broken at event ${brokenEvent}. / Händelseloggen är bruten vid händelse ${brokenEvent}.`,
  )
if (brokenBatch !== null)
  console.error(
    `The access log is broken in batch ${brokenBatch}. / Läsloggen är bruten i sats ${brokenBatch}.`,
  )
if (brokenEvent === null && brokenBatch === null)
  console.log('The audit log and the access log are whole. / Händelseloggen och läsloggen är hela.')
process.exit(brokenEvent === null && brokenBatch === null ? 0 : 1)
