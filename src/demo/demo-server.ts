import { loadConfig } from '../config'
import { startServer } from '../start'
import { describeDemoLogins, seedDemo } from './seed-demo'

// The demo always runs on its own SQLite file, never on the real database.
const config = loadConfig({
  ...process.env,
  DATABASE_URL: '',
  DATABASE_FILE: process.env.DEMO_DATABASE_FILE || './data/demo.sqlite',
})

await startServer(config, {
  afterMigrate: async (db) => {
    if (await seedDemo(db)) console.log('Seeded the fictional municipality Exempelstad.')
    console.log(`\n${describeDemoLogins()}\n`)
  },
})
