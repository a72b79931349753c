import type { AgencyTable } from '../agencies/agency.table'
import type { AuditChainTable, AuditEventTable } from '../audit/audit-event.table'
import type {
  AccessLogHeadTable,
  AccessLogRowsView,
  AccessLogSealTable,
  AccessLogTable,
  AccessReadSetItemTable,
  LogReviewTable,
} from '../audit/access-log.table'
import type {
  KnownDeviceTable,
  OneTimeTokenTable,
  SessionTable,
  ThrottleBucketTable,
  ThrottleSlotTable,
} from '../auth/session.table'
import type {
  ActionProgressNoteTable,
  ActionReviewTable,
  ActionTable,
} from '../actions/action.table'
import type {
  DecisionEntryTable,
  DecisionProblemTable,
  DecisionTable,
} from '../decisions/decision.table'
import type { AreaOutlineTable } from '../map/area-outline.table'
import type {
  AgendaItemTable,
  CalendarFeedTable,
  MeetingAttendanceTable,
  MeetingGuestAccessTable,
  MeetingGuestTable,
  MeetingSeriesTable,
  MeetingTable,
} from '../meetings/meeting.table'
import type { MailOutboxTable } from '../mail/mail.table'
import type {
  MinutesAddendumTable,
  MinutesApprovalTable,
  MinutesDisposalTable,
  MinutesReleaseTable,
  MinutesSnapshotTable,
} from '../minutes/minutes.table'
import type { SecrecyProvisionTable } from '../sharing/secrecy-provision.table'
import type {
  AccessLogCheckpointTable,
  AuditCheckpointTable,
  RetentionRunTable,
  RetentionSettingTable,
} from '../retention/retention.table'
import type { LegalBasisTable } from '../sharing/legal-basis.table'
import type {
  DisclosureRecipientTable,
  DisclosureTable,
  SituationEntryRecipientTable,
  SituationEntryTable,
} from '../situation/situation-entry.table'
import type {
  AreaTable,
  CategoryTable,
  TeamAllowedPlaceTable,
  TeamMembershipTable,
  TeamTable,
} from '../teams/team.table'
import type { UserTable } from '../users/user.table'
import type {
  IdentityProviderTable,
  InstallationSettingTable,
  SignInAttemptTable,
  TotpRecoveryCodeTable,
  UserIdentityTable,
} from '../sign-in/sign-in.table'
import type { SituationCellTable } from '../situation/situation-cells.table'
import type { AnalysisTable, AreaAssessmentTable } from '../assessments/assessment.table'
import type { SituationReportTable, TeamReporterTable } from '../reports/report.table'
import type {
  YearlyFollowUpTable,
  YearlyPlanRowTable,
  YearlyProblemTable,
  YearlyReportTable,
} from '../yearly/yearly.table'

export interface Database {
  agencies: AgencyTable
  users: UserTable
  sessions: SessionTable
  one_time_tokens: OneTimeTokenTable
  throttle_buckets: ThrottleBucketTable
  throttle_slots: ThrottleSlotTable
  known_devices: KnownDeviceTable
  identity_providers: IdentityProviderTable
  user_identities: UserIdentityTable
  totp_recovery_codes: TotpRecoveryCodeTable
  sign_in_attempts: SignInAttemptTable
  installation_settings: InstallationSettingTable
  teams: TeamTable
  team_memberships: TeamMembershipTable
  areas: AreaTable
  area_outlines: AreaOutlineTable
  categories: CategoryTable
  team_allowed_places: TeamAllowedPlaceTable
  meeting_series: MeetingSeriesTable
  meetings: MeetingTable
  agenda_items: AgendaItemTable
  calendar_feeds: CalendarFeedTable
  meeting_attendance: MeetingAttendanceTable
  meeting_guests: MeetingGuestTable
  meeting_guest_access: MeetingGuestAccessTable
  decisions: DecisionTable
  decision_problems: DecisionProblemTable
  decision_entries: DecisionEntryTable
  actions: ActionTable
  action_reviews: ActionReviewTable
  action_progress_notes: ActionProgressNoteTable
  minutes_approvals: MinutesApprovalTable
  minutes_addenda: MinutesAddendumTable
  minutes_snapshots: MinutesSnapshotTable
  minutes_disposals: MinutesDisposalTable
  minutes_releases: MinutesReleaseTable
  secrecy_provisions: SecrecyProvisionTable
  retention_settings: RetentionSettingTable
  retention_runs: RetentionRunTable
  audit_checkpoints: AuditCheckpointTable
  access_log_checkpoints: AccessLogCheckpointTable
  legal_bases: LegalBasisTable
  situation_entries: SituationEntryTable
  situation_entry_recipients: SituationEntryRecipientTable
  disclosures: DisclosureTable
  situation_cells: SituationCellTable
  area_assessments: AreaAssessmentTable
  analyses: AnalysisTable
  yearly_reports: YearlyReportTable
  yearly_problems: YearlyProblemTable
  yearly_plan_rows: YearlyPlanRowTable
  yearly_follow_ups: YearlyFollowUpTable
  team_reporters: TeamReporterTable
  situation_reports: SituationReportTable
  disclosure_recipients: DisclosureRecipientTable
  audit_chain: AuditChainTable
  audit_events: AuditEventTable
  access_log_head: AccessLogHeadTable
  access_log: AccessLogTable
  access_log_seals: AccessLogSealTable
  access_read_set_items: AccessReadSetItemTable
  /** a view: one row per object and request */
  access_log_rows: AccessLogRowsView
  log_reviews: LogReviewTable
  mail_outbox: MailOutboxTable
}
