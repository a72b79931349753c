// npm run audit:verify — recomputes the audit log's chain, the access log's seals and every approved
// minutes' hash; exits 1 at a break.
import { loadConfigOrExit } from '../config'
import { connect } from '../db/connect'
import { checkRecords, recordsWhole, type RecordsCheck } from './verify-records'

const config = loadConfigOrExit()
const { db, close } = connect(config.database)
let check: RecordsCheck
try {
  check = await checkRecords(db)
} catch (error) {
  console.error(
    `Could not read the logs (is this Läget's database, migrated? npm run db:migrate): ${String(error)}`,
  )
  process.exit(2)
} finally {
  await close()
}
const { brokenEvent, brokenBatch, brokenMinutes, brokenYearly } = check
if (brokenEvent !== null)
  console.error(
    `The audit log is broken at event ${brokenEvent}. / Händelseloggen är bruten vid händelse ${brokenEvent}.`,
  )
if (brokenBatch !== null)
  console.error(
    `The access log is broken in batch ${brokenBatch}. / Läsloggen är bruten i sats ${brokenBatch}.`,
  )
if (brokenMinutes !== null)
  console.error(
    `The approved minutes of meeting ${brokenMinutes.meetingId} do not hold (${brokenMinutes.reason}). / Det justerade protokollet för möte ${brokenMinutes.meetingId} stämmer inte (${brokenMinutes.reason}).`,
  )
if (brokenYearly !== null)
  console.error(
    `The approved yearly report of ${brokenYearly.year} does not hold (${brokenYearly.reason}). / Den fastställda årsrapporten för ${brokenYearly.year} stämmer inte (${brokenYearly.reason}).`,
  )
const whole = recordsWhole(check)
if (whole)
  console.log(
    'The audit log, the access log, the approved minutes and yearly reports are whole. / Händelseloggen, läsloggen, de justerade protokollen och årsrapporterna är hela.',
  )
process.exit(whole ? 0 : 1)
