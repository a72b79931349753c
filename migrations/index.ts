import * as createFoundation from './2026-11-22-1400-create-foundation'
import * as createMeetings from './2026-11-22-1500-create-meetings'
import * as createMeetingRecords from './2026-11-22-1600-create-meeting-records'
import * as createAllowedPlaces from './2026-11-22-1700-create-allowed-places'
import * as createLegalBases from './2026-11-22-1800-create-legal-bases'
import * as createSituationEntries from './2026-11-22-1900-create-situation-entries'
import * as createAreaAssessments from './2026-11-22-2000-create-area-assessments'
import * as addActionArea from './2026-11-22-2100-add-action-area'
import * as createAccessLog from './2026-11-30-1400-create-access-log'
import * as addLogReviewers from './2026-11-30-1500-add-log-reviewers'
import * as addUsersNameIndex from './2026-11-30-1700-add-users-name-index'
import * as createMinutesSnapshots from './2026-11-30-1900-create-minutes-snapshots'
import * as createRetention from './2026-11-30-2000-create-retention'
import * as createRecordDisposals from './2026-12-01-0900-create-record-disposals'
import * as createMailOutbox from './2026-12-01-1000-create-mail-outbox'
import * as addMailNotifications from './2026-12-01-1100-add-mail-notifications'
import * as createSignInMethods from './2026-12-01-1200-create-sign-in-methods'
import * as addContactsGuestsDigest from './2026-12-01-1300-add-contacts-guests-digest'
import * as createThrottleState from './2026-12-01-1400-create-throttle-state'
import * as addAuditChainPrevHash from './2026-12-01-1500-add-audit-chain-prev-hash'
import * as createProblemLinks from './2026-12-01-1600-create-problem-links'
import * as createAreaOutlines from './2026-12-01-1700-create-area-outlines'
import * as createYearlyReports from './2026-12-01-1800-create-yearly-reports'
import * as createSituationReports from './2026-12-01-1900-create-situation-reports'
import * as freezeYearlyReports from './2026-12-01-2000-freeze-yearly-reports'
import * as createDecisionEntries from './2026-12-01-2100-create-decision-entries'
import * as appendAuditAtCommit from './2026-12-02-0900-append-audit-at-commit'

// Every migration, by name. Names sort by date; add new ones at the end.
export const migrations = {
  '2026-11-22-1400-create-foundation': createFoundation,
  '2026-11-22-1500-create-meetings': createMeetings,
  '2026-11-22-1600-create-meeting-records': createMeetingRecords,
  '2026-11-22-1700-create-allowed-places': createAllowedPlaces,
  '2026-11-22-1800-create-legal-bases': createLegalBases,
  '2026-11-22-1900-create-situation-entries': createSituationEntries,
  '2026-11-22-2000-create-area-assessments': createAreaAssessments,
  '2026-11-22-2100-add-action-area': addActionArea,
  '2026-11-30-1400-create-access-log': createAccessLog,
  '2026-11-30-1500-add-log-reviewers': addLogReviewers,
  '2026-11-30-1700-add-users-name-index': addUsersNameIndex,
  '2026-11-30-1900-create-minutes-snapshots': createMinutesSnapshots,
  '2026-11-30-2000-create-retention': createRetention,
  '2026-12-01-0900-create-record-disposals': createRecordDisposals,
  '2026-12-01-1000-create-mail-outbox': createMailOutbox,
  '2026-12-01-1100-add-mail-notifications': addMailNotifications,
  '2026-12-01-1200-create-sign-in-methods': createSignInMethods,
  '2026-12-01-1300-add-contacts-guests-digest': addContactsGuestsDigest,
  '2026-12-01-1400-create-throttle-state': createThrottleState,
  '2026-12-01-1500-add-audit-chain-prev-hash': addAuditChainPrevHash,
  '2026-12-01-1600-create-problem-links': createProblemLinks,
  '2026-12-01-1700-create-area-outlines': createAreaOutlines,
  '2026-12-01-1800-create-yearly-reports': createYearlyReports,
  '2026-12-01-1900-create-situation-reports': createSituationReports,
  '2026-12-01-2000-freeze-yearly-reports': freezeYearlyReports,
  '2026-12-01-2100-create-decision-entries': createDecisionEntries,
  '2026-12-02-0900-append-audit-at-commit': appendAuditAtCommit,
}
