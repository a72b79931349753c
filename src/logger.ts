import type { LogLevel } from './config'

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export type Logger = Record<
  Exclude<LogLevel, 'silent'>,
  (message: string, fields?: Record<string, unknown>) => void
>

/** One JSON line per event on stderr (info and below on stdout), filtered by LOG_LEVEL. */
export function createLogger(level: LogLevel): Logger {
  const at =
    (name: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
      if (order[name] < order[level]) return
      const line = JSON.stringify({
        time: new Date().toISOString(),
        level: name,
        message,
        ...fields,
      })
      ;(order[name] >= order.warn ? process.stderr : process.stdout).write(`${line}\n`)
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
