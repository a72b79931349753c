import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { requestId } from 'hono/request-id'
import { accessibilityRoutes } from './about/accessibility.routes'
import { adminRoutes } from './admin/admin.routes'
import { reviewRoutes } from './audit/review.routes'
import { logReviewRoutes } from './audit/log-review.routes'
import { yearlyRoutes } from './yearly/yearly.routes'
import { reporterRoutes, teamReportRoutes } from './reports/report.routes'
import { authRoutes } from './auth/auth.routes'
import { agencyContactRoutes } from './agencies/agency-contact.routes'
import { guestRoutes } from './guests/guest.routes'
import { secondFactorRoutes } from './sign-in/second-factor.routes'
import { oidcRoutes } from './sign-in/oidc.routes'
import { samlRoutes } from './sign-in/saml.routes'
import { forgotPasswordRoutes } from './auth/forgot-password.routes'
import { loadSession, requireViewer } from './auth/session.middleware'
import { homeRoutes } from './home/home.routes'
import { settingsRoutes } from './users/settings.routes'
import type { AppDeps, AppEnv } from './http/app-env'
import { handleError, renderError } from './http/error-handler'
import { requestLog } from './http/request-log'
import { csrfTokenRequired, noStore, sameOriginOnly, securityHeaders } from './http/security'
import { calendarFeedRoutes, calendarLinkRoutes } from './calendar/calendar.routes'
import { actionRoutes } from './actions/action.routes'
import { decisionRoutes } from './decisions/decision.routes'
import { followUpRoutes } from './actions/follow-up.routes'
import { attendanceRoutes } from './attendance/attendance.routes'
import { minutesRoutes } from './minutes/minutes.routes'
import { releaseRoutes } from './minutes/release.routes'
import { liveRoutes } from './live/live.routes'
import { agendaRoutes } from './agenda/agenda.routes'
import { meetingRoutes } from './meetings/meeting.routes'
import { seriesRoutes } from './series/series.routes'
import { allowedPlacesRoutes } from './teams/allowed-places.routes'
import { mapRoutes } from './map/map.routes'
import { meetingMapRoutes } from './map/meeting-map.routes'
import { teamMembersRoutes } from './teams/members.routes'
import { teamRoutes } from './teams/team.routes'
import { disclosureRegisterRoutes, entryListRoutes } from './situation/entries/entry-list.routes'
import { overviewRoutes } from './situation/overview/overview.routes'
import { analysisRoutes, teamAnalysisRoutes } from './analysis/analysis.routes'
import { assessmentRoutes } from './assessments/assessment.routes'
import { entryRoutes, newEntryRoutes } from './situation/entries/entry.routes'
import { RenderCache } from './http/render-cache'
import { ChangeCache } from './changes/change-cache'
import { GroupCommit } from './changes/group-commit'
import { shedLoad } from './http/load-shedding'
import { AccessLog } from './audit/access-log'
import { DatabaseAvailability, databaseAnswers } from './db/availability'
import { pauseWhileDatabaseAway, retryAfterSeconds } from './http/error-handler'

const publicDir =
  relative(process.cwd(), fileURLToPath(new URL('../public', import.meta.url))) || '.'

export const maxBodyBytes = 256 * 1024
export const maxOutlineBytes = 4 * 1024 * 1024

/** Builds the application: middleware in order, then one sub-app per feature. */
export function createApp(
  given: Omit<AppDeps, 'pageCache' | 'changeCache' | 'database' | 'accessLog'> & {
    pageCache?: RenderCache
    database?: DatabaseAvailability
    accessLog?: AccessLog
  },
) {
  const deps: AppDeps = {
    ...given,
    pageCache: given.pageCache ?? new RenderCache(),
    changeCache: new ChangeCache(given.live),
    groupCommit:
      given.groupCommit ??
      (given.config.database.kind === 'sqlite' ? new GroupCommit(given.db) : undefined),
    database: given.database ?? new DatabaseAvailability(),
    accessLog: given.accessLog ?? new AccessLog(given.db, given.logger),
  }
  const app = new Hono<AppEnv>()

  app.use('*', requestId())
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use('*', requestLog())
  app.use('*', securityHeaders())
  // gzip for pages, fragments and static files (never for live streams: the filter leaves text/event-stream out).
  app.use('*', compress())

  const assets = serveStatic<AppEnv>({
    root: publicDir,
    onFound: (_path, c) => {
      c.header('Cache-Control', 'public, max-age=3600')
    },
  })
  app.use('/css/*', assets)
  app.use('/vendor/*', assets)
  app.use('/js/*', assets)
  app.use('/favicon.svg', assets)
  // For monitoring and load balancers: 200 when Läget can reach its database, 503 when it cannot.
  app.get('/halsa', async (c) => {
    c.header('Cache-Control', 'no-store')
    const problem = !(await databaseAnswers(deps.db, 2000))
      ? 'database unavailable'
      : // Without notifications this process would show others' changes late: out of the load balancer until back.
        deps.changeListener && !deps.changeListener.listening
        ? 'change notifications unavailable'
        : null
    if (!problem) return c.text('ok')
    c.header('Retry-After', String(retryAfterSeconds))
    return c.text(problem, 503)
  })

  app.use('*', noStore())
  app.use('*', shedLoad(deps.config.maxInFlight, 500, deps.acceptQueueDepth))
  app.use('*', pauseWhileDatabaseAway())
  app.use('*', loadSession())
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => renderError(c, 413, 'error.tooLarge'),
  })
  // Only requests with a body: asking a GET for its body would make Node build a whole Request object.
  // The areas' outlines are the one upload: a municipality's GeoJSON runs to megabytes.
  const limitOutlines = bodyLimit({
    maxSize: maxOutlineBytes,
    onError: (c) => renderError(c, 413, 'error.tooLarge'),
  })
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : /^\/team\/[^/]+\/karta$/.test(c.req.path)
        ? limitOutlines(c, next)
        : limitBody(c, next),
  )
  // The SAML ACS is posted from the IdP's page (another site): the signed assertion, bound to the browser's attempt, is its proof.
  app.use('*', sameOriginOnly(deps.config.publicOrigin, /^\/logga-in\/saml\/[^/]+\/svar$/))
  app.use('*', csrfTokenRequired())

  // The URL map. Public first: signing in, one-time links, language, the
  // accessibility statement, calendar feeds (their secret is in the URL).
  app.route('/', authRoutes)
  app.route('/', forgotPasswordRoutes)
  app.route('/', secondFactorRoutes)
  app.route('/', oidcRoutes)
  app.route('/', samlRoutes)
  app.route('/tillganglighet', accessibilityRoutes)
  app.route('/kalender', calendarFeedRoutes)
  // Everything below needs a session.
  app.use('*', requireViewer())
  app.route('/', homeRoutes)
  app.route('/', settingsRoutes)
  // A team: its page, places, meetings and series, entries, overview and analyses.
  app.route('/team/:teamId', teamRoutes)
  app.route('/team/:teamId', allowedPlacesRoutes)
  app.route('/team/:teamId', mapRoutes)
  app.route('/team/:teamId', teamMembersRoutes)
  app.route('/team/:teamId', seriesRoutes)
  app.route('/team/:teamId', entryListRoutes)
  app.route('/team/:teamId', newEntryRoutes)
  app.route('/team/:teamId', overviewRoutes)
  app.route('/team/:teamId', teamAnalysisRoutes)
  app.route('/team/:teamId', teamReportRoutes)
  // A meeting: the meeting view and its live stream, agenda, attendance, decisions,
  // assessments and minutes.
  app.route('/moten/:meetingId', meetingRoutes)
  app.route('/moten/:meetingId', liveRoutes)
  app.route('/moten/:meetingId', agendaRoutes)
  app.route('/moten/:meetingId', attendanceRoutes)
  app.route('/moten/:meetingId', decisionRoutes)
  app.route('/moten/:meetingId', followUpRoutes)
  app.route('/moten/:meetingId', meetingMapRoutes)
  app.route('/moten/:meetingId', assessmentRoutes)
  app.route('/moten/:meetingId', minutesRoutes)
  app.route('/moten/:meetingId', releaseRoutes)
  app.route('/moten/:meetingId', guestRoutes)
  // One situation entry, one action, one analysis; the disclosure register; calendar links.
  app.route('/poster', entryRoutes)
  app.route('/atgarder', actionRoutes)
  app.route('/analyser', analysisRoutes)
  app.route('/utlamnanden', disclosureRegisterRoutes)
  app.route('/kalender', calendarLinkRoutes)
  // The installation's roles: administration, the auditor's review, each agency's log review.
  app.route('/admin', adminRoutes)
  app.route('/aktor', agencyContactRoutes)
  app.route('/granskning', reviewRoutes)
  app.route('/loggkontroll', logReviewRoutes)
  app.route('/arsrapport', yearlyRoutes)
  app.route('/rapportera', reporterRoutes)

  app.notFound((c) => renderError(c, 404, 'error.notFound'))
  app.onError(handleError)
  return app
}

export type App = ReturnType<typeof createApp>
