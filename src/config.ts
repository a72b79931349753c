import { existsSync } from 'node:fs'
import { z } from 'zod'
import { parseTrustProxy, type TrustProxy } from './http/client-address'

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_ORIGIN: z
    .url()
    .refine(
      (value) => /^https?:\/\/[^/]+\/?$/.test(value),
      'must be an origin like https://laget.example.se',
    )
    .optional(),
  DATABASE_FILE: z.string().min(1).default('./data/laget.sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  TRUST_PROXY: z
    .string()
    .transform((value, context) => {
      const parsed = parseTrustProxy(value)
      if (!parsed)
        context.addIssue({
          code: 'custom',
          message:
            'must be false, true, a number of proxies, or proxy addresses/ranges separated by commas',
        })
      return parsed ?? { hops: 0 }
    })
    .default({ hops: 0 }),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(48),
  RETENTION_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  // E-mail (nodemailer): with no SMTP_HOST, mails are written to the log (for development).
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.email({ error: 'must be an e-mail address' }).default('laget@localhost'),
  // Sessions end after this long unused, and this long after sign-in whatever happens (quality.md: 30 min, 12 h).
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  ACCESSIBILITY_CONTACT: z
    .union([z.email(), z.url()], { error: 'must be an e-mail address or a web address' })
    .optional(),
})

export type LogLevel = (typeof logLevels)[number]

export type Config = Readonly<{
  port: number
  host: string
  publicOrigin: string
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number }
  logLevel: LogLevel
  /** Which proxies' X-Forwarded-For to believe (the client's address decides login throttling). */
  trustProxy: TrustProxy
  /** Requests served at once; beyond it a fast 503 (load shedding) instead of a long wait. */
  maxInFlight: number
  /** Where people report accessibility problems (the accessibility statement): an e-mail or a web address. */
  accessibilityContact: string | null
  /** Gallring runs every day from this hour (Swedish time). */
  retentionHour: number
  /** A backup every day at `hour` (Swedish time) into `dir`, the newest `keep` kept; null: none scheduled. */
  backups: { dir: string; hour: number; keep: number } | null
  /** Where mail goes: an SMTP server, or (none configured) the log. */
  mail: MailConfig
  /** A session ends this long after its last request, and this long after sign-in (ms). */
  sessions: { idleMs: number; absoluteMs: number }
  /** OpenID client secrets from the environment (OIDC_SECRET_<SLUG>), by provider slug; they win over the admin page's. */
  oidcSecrets: Readonly<Record<string, string>>
}>

export type MailConfig =
  | {
      kind: 'smtp'
      host: string
      port: number
      /** TLS from the start (465); otherwise STARTTLS when the server offers it. */
      secure: boolean
      user: string | null
      password: string | null
      from: string
    }
  | { kind: 'log'; from: string }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads the configuration from an environment (process.env by default).
 * Empty strings count as unset. Every bad variable is named in one error, so an
 * operator fixes them all in one go.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = configSchema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?')
      return `  ${name}=${JSON.stringify(present[name] ?? '')}: ${issue.message}`
    })
    throw new ConfigError(`Läget cannot start: bad configuration\n${lines.join('\n')}`)
  }
  const values = parsed.data
  const publicOrigin = (values.PUBLIC_ORIGIN ?? `http://localhost:${values.PORT}`).replace(
    /\/$/,
    '',
  )
  const config: Config = {
    port: values.PORT,
    host: values.HOST,
    publicOrigin,
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: values.DATABASE_FILE },
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY,
    maxInFlight: values.MAX_IN_FLIGHT,
    accessibilityContact: values.ACCESSIBILITY_CONTACT ?? null,
    retentionHour: values.RETENTION_HOUR,
    backups: values.BACKUP_DIR
      ? { dir: values.BACKUP_DIR, hour: values.BACKUP_HOUR, keep: values.BACKUP_KEEP }
      : null,
    mail: values.SMTP_HOST
      ? {
          kind: 'smtp',
          host: values.SMTP_HOST,
          port: values.SMTP_PORT,
          secure: values.SMTP_SECURE === 'true',
          user: values.SMTP_USER ?? null,
          password: values.SMTP_PASSWORD ?? null,
          from: values.MAIL_FROM,
        }
      : { kind: 'log', from: values.MAIL_FROM },
    sessions: {
      idleMs: values.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: values.SESSION_MAX_HOURS * 60 * 60_000,
    },
    oidcSecrets: oidcSecretsIn(present),
  }
  return Object.freeze(config)
}

const oidcSecretPrefix = 'OIDC_SECRET_'

/** OIDC_SECRET_KOMMUN=… is the secret of the provider with the slug "kommun" (underscores read as hyphens). */
function oidcSecretsIn(env: Record<string, string | undefined>): Record<string, string> {
  const secrets: Record<string, string> = {}
  for (const [name, value] of Object.entries(env))
    if (name.startsWith(oidcSecretPrefix) && value)
      secrets[name.slice(oidcSecretPrefix.length).toLowerCase().replace(/_/g, '-')] = value
  return secrets
}

/**
 * For commands (the server, migrations, admin:reset): the environment with a
 * `.env` file beside package.json read first (the real environment wins); a bad
 * configuration prints its one message and ends the process.
 */
export function loadConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env')
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
