import { loadConfigOrExit } from './config'
import { startServer } from './start'

await startServer(loadConfigOrExit())
