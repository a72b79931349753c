import type { Confirmation } from '../personal-data/singling-out'
import type { AgencyKind } from '../agencies/agency.table'
import type { HttpBindings } from '@hono/node-server'
import type { LoginThrottle } from '../auth/rate-limit'
import type { Config } from '../config'
import type { AccessLog, ReadLogger } from '../audit/access-log'
import type { DatabaseAvailability } from '../db/availability'
import type { Db } from '../db/connect'
import type { Locale, Translate } from '../i18n/t'
import type { MeetingEvents } from '../live/meeting-events'
import type { RenderCache } from './render-cache'
import type { ChangeCache } from '../changes/change-cache'
import type { GroupCommit } from '../changes/group-commit'
import type { Logger } from '../logger'

/** The signed-in person, as every route and view sees them. */
export type Viewer = {
  userId: string
  name: string
  email: string
  agencyId: string
  agencyName: string
  agencyKind: AgencyKind
  /** Private actors (housing companies, security firms, civil society) receive less (product.md §5). */
  agencyIsPublicAuthority: boolean
  isAdmin: boolean
  isAuditor: boolean
  /** Log reviewer of their own agency (loggkontroll). */
  isLogReviewer: boolean
  /** The municipality's coordinating function: drafts the yearly report (aggregates only). */
  isMunicipalCoordinator: boolean
  /** On the steering group that approves the yearly report. */
  isSteeringGroup: boolean
  /** Keeps their own agency's people and its representatives in teams. */
  isAgencyContact: boolean
  locale: Locale
}

export type ActiveSession = { id: string; csrfToken: string }

export type AppDeps = {
  db: Db
  config: Config
  logger: Logger
  loginThrottle: LoginThrottle
  live: MeetingEvents
  pageCache: RenderCache
  /** Team settings and catalogues read on every write, kept until a change of their kind (changes/change-cache.ts). */
  changeCache: ChangeCache
  /** SQLite: concurrent changes share one commit (changes/group-commit.ts); PostgreSQL commits each. */
  groupCommit?: GroupCommit
  /** The read-access log's writer (batched). */
  accessLog: AccessLog
  /** Whether to try the database now, or answer 503 at once after a connection failure. */
  database: DatabaseAvailability
  /** Connections waiting to be accepted (the running server's; absent in tests). */
  acceptQueueDepth?: () => number
  /** Several processes on PostgreSQL: whether this one hears the others' changes (the health check says). */
  changeListener?: { readonly listening: boolean }
}

export type AppEnv = {
  Bindings: Partial<HttpBindings>
  Variables: {
    deps: AppDeps
    requestId: string
    locale: Locale
    t: Translate
    session: ActiveSession | null
    viewer: Viewer | null
    /** This request's read logger, made on first use (http/reader.ts). */
    readLog?: ReadLogger
    /** Details the author confirmed to the personal-data check, audited with the request's change. */
    confirmedDetails?: Confirmation[]
  }
}
