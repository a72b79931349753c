import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 3000', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.database).toEqual({ kind: 'sqlite', file: './data/laget.sqlite' })
    expect(config.publicOrigin).toBe('http://localhost:3000')
    expect(config.logLevel).toBe('info')
  })

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/laget' })
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@127.0.0.1:5432/laget',
      poolSize: 10,
    })
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/laget', DATABASE_POOL_SIZE: '4' })
        .database,
    ).toMatchObject({ poolSize: 4 })
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/laget', DATABASE_POOL_SIZE: '1' }),
    ).toThrow(/DATABASE_POOL_SIZE/)
  })

  it('schedules backups only with BACKUP_DIR, and refuses an hour that is none', () => {
    expect(loadConfig({}).backups).toBeNull()
    expect(loadConfig({ BACKUP_DIR: '/var/backups/laget' }).backups).toEqual({
      dir: '/var/backups/laget',
      hour: 2,
      keep: 14,
    })
    expect(() => loadConfig({ BACKUP_DIR: '/b', BACKUP_HOUR: '25' })).toThrow(/BACKUP_HOUR/)
  })

  it('names every bad variable in one message', () => {
    let error: unknown
    try {
      loadConfig({
        PORT: 'tretusen',
        PUBLIC_ORIGIN: 'laget.example.se',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    for (const name of ['PORT', 'PUBLIC_ORIGIN', 'DATABASE_URL', 'LOG_LEVEL'])
      expect(message).toContain(name)
  })

  it('refuses a public origin with a path', () => {
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://laget.example.se/app' })).toThrow(
      /PUBLIC_ORIGIN/,
    )
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('sqlite')
  })
})
