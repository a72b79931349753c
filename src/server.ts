import { existsSync } from 'node:fs'
import { ConfigError, loadConfig } from './config'
import { startServer } from './start'

// A .env file beside package.json is read when present; the real environment wins.
if (existsSync('.env')) process.loadEnvFile('.env')

try {
  await startServer(loadConfig())
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
