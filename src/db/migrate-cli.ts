import { loadConfigOrExit } from '../config'
import { connect } from './connect'
import { migrateToLatest } from './migrator'

const config = loadConfigOrExit()
const connection = connect(config.database)
try {
  const applied = await migrateToLatest(connection.db)
  console.log(applied.length ? `Migrated: ${applied.join(', ')}` : 'The database is up to date.')
} finally {
  await connection.close()
}
