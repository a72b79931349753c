import { writeFileSync } from 'node:fs'
import { seedLaget } from './seed'
import { seedSituation } from './seed-situation'
const file = '/tmp/b1m/laget.sqlite'
const seeded = await seedLaget(file)
seedSituation(file, 1_000_000, seeded.meetingId, seeded.teamId)
writeFileSync('/tmp/b1m/seeded.json', JSON.stringify(seeded))
