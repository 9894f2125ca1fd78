import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the tables (camelCase via CamelCasePlugin; SQL is snake_case). Written by hand next to
// the migrations that create them.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface RegionsTable {
  id: Generated<string>;
  parentId: string | null;
  kind: 'city' | 'district';
  name: string;
  code: string | null;
  sortOrder: Generated<number>;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
}

export interface UnitsTable {
  id: Generated<string>;
  districtId: string;
  name: string;
  kind: 'town' | 'department' | 'park' | 'team' | 'center';
  code: string | null;
  sortOrder: Generated<number>;
  active: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  passwordChangedAt: Timestamp;
  status: 'active' | 'disabled';
  unlockedAt: Timestamp | null;
  lastLoginAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserRolesTable {
  userId: string;
  districtId: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  districtId: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  usernameNorm: string;
  ip: string;
  at: Timestamp;
  success: boolean;
}

export interface SecurityPolicyTable {
  id: number;
  policy: ColumnType<unknown, string, string>;
  updatedAt: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  userId: string | null;
  username: string | null;
  roles: string[];
  unitId: string | null;
  districtId: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: 'success' | 'failure' | 'denied';
  changes: ColumnType<unknown, string | null, never>;
  detail: string | null;
  prevHmac: string;
  hmac: string;
}

type Day = ColumnType<string, string, string>;

export interface EnterprisesTable {
  id: Generated<string>;
  districtId: string;
  name: string;
  nameKey: string;
  creditCode: string | null;
  kinds: string[];
  originRegionCode: string | null;
  originCountry: string | null;
  industryDivision: string | null;
  contactName: string | null;
  contactPhone: string | null;
  searchText: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ProjectsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  enterpriseId: string | null;
  name: string;
  industryDivision: string | null;
  chain: string | null;
  industrial: Generated<boolean>;
  plannedTotalYuan: string | null;
  fixedAssetYuan: string | null;
  signedAmountYuan: string | null;
  foreignFunded: Generated<boolean>;
  contractedForeignUsdCents: string | null;
  stage: string;
  stageBeforeHold: string | null;
  holdReason: string | null;
  signingDate: Day | null;
  agreementType: string | null;
  landedDate: Day | null;
  startDate: Day | null;
  productionDate: Day | null;
  leadId: string | null;
  channel: string | null;
  sourceArea: string | null;
  chainRole: string | null;
  highTech: Generated<boolean>;
  expectedOutputYuan: string | null;
  expectedTaxYuan: string | null;
  expectedJobs: number | null;
  /** numeric(12,2) 亩, read as a decimal string */
  landAreaMu: string | null;
  energyTce: number | null;
  pollutionClass: string | null;
  cooperatingUnitIds: Generated<string[]>;
  liaisonLeader: string | null;
  greenChannel: Generated<boolean>;
  cityProjectCode: string | null;
  capitalIncrease: Generated<boolean>;
  incrementYuan: string | null;
  referralSourceId: Generated<string | null>;
  eventId: Generated<string | null>;
  chainLinkId: Generated<string | null>;
  firstContactOfficer: Generated<string | null>;
  firstContactPhone: Generated<string | null>;
  firstContactNamedOn: Generated<Day | null>;
  version: Generated<number>;
  searchText: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ProjectStageHistoryTable {
  id: Generated<string>;
  districtId: string;
  projectId: string;
  fromStage: string | null;
  toStage: string;
  effectiveDate: Day;
  note: string | null;
  userId: string | null;
  username: string | null;
  at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<string>;
  districtId: string;
  ownerType:
    | 'project'
    | 'lead'
    | 'capital_report'
    | 'agreement'
    | 'milestone'
    | 'problem'
    | 'commitment'
    | 'pre_review_opinion'
    | 'supervision_notice';
  ownerId: string;
  kind: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string | null;
  uploadedAt: Timestamp;
}

export interface ActivitiesTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string | null;
  leadId: string | null;
  kind: 'visit_out' | 'visit_in' | 'call' | 'meeting';
  occurredOn: Day;
  place: string | null;
  participants: string | null;
  ledByLeader: Generated<boolean>;
  summary: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface DistrictSettingsTable {
  districtId: string;
  leadRespondDays: Generated<number>;
  leadScreenDays: Generated<number>;
  leadFeedbackDays: Generated<number>;
  leadReportIntervalDays: Generated<number>;
  capitalDueDay: Generated<number>;
  preReviewThresholdYuan: Generated<string>;
  preReviewOpinionDays: Generated<number>;
  problemDeadlineDays: Generated<number>;
  problemEscalateDays: Generated<number>;
  firstContactDays: Generated<number>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface LeadsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  enterpriseId: string;
  title: string;
  channel: string;
  referrer: string | null;
  intention: string | null;
  intendedAmountYuan: string | null;
  industryDivision: string | null;
  chain: string | null;
  siteNeeds: string | null;
  supportAsked: string | null;
  receivedOn: Day;
  respondedOn: Day | null;
  fedBackOn: Day | null;
  lastReportedOn: Day | null;
  status: Generated<'new' | 'following' | 'declined' | 'converted'>;
  screeningScores: ColumnType<Record<string, number> | null, string | null, string | null>;
  screeningTotal: number | null;
  screenedOn: Day | null;
  screenedBy: string | null;
  declineReason: string | null;
  shared: Generated<boolean>;
  projectId: string | null;
  referralSourceId: Generated<string | null>;
  eventId: Generated<string | null>;
  chainLinkId: Generated<string | null>;
  searchText: string;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface LeadEventsTable {
  id: Generated<string>;
  districtId: string;
  leadId: string;
  kind: string;
  onDate: Day;
  note: string | null;
  userId: string | null;
  username: string | null;
  at: Timestamp;
}

export interface CreditResolutionsTable {
  id: Generated<string>;
  districtId: string;
  enterpriseId: string;
  kind: 'primary' | 'co_credit';
  primaryUnitId: string | null;
  unitIds: string[];
  /** co_credit only (migration 0009): [{ unitId, basisPoints }] summing to 10000 */
  shares: ColumnType<
    { unitId: string; basisPoints: number }[] | null,
    string | null | undefined,
    string | null
  >;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: Timestamp;
}

export interface ProjectCreditSharesTable {
  projectId: string;
  unitId: string;
  districtId: string;
  basisPoints: number;
}

export interface CapitalReportsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  /** first day of the month, YYYY-MM-01 */
  month: Day;
  fundsOutOfProvinceYuan: Generated<string>;
  fundsInProvinceYuan: Generated<string>;
  fundsForeignYuan: Generated<string>;
  fundsLocalYuan: Generated<string>;
  completedInvestmentYuan: Generated<string>;
  foreignUsedUsdCents: Generated<string>;
  note: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CapitalSubmissionsTable {
  districtId: string;
  unitId: string;
  month: Day;
  status: 'submitted' | 'approved' | 'returned';
  firstSubmittedAt: Timestamp;
  submittedBy: string | null;
  submittedAt: Timestamp;
  approvedBy: string | null;
  approvedAt: Timestamp | null;
  returnedBy: string | null;
  returnedAt: Timestamp | null;
  returnReason: string | null;
}

export interface AgreementsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  type: 'formal' | 'framework' | 'supplementary';
  title: string;
  signingDate: Day;
  amountYuan: string | null;
  foreignUsdCents: string | null;
  parties: string | null;
  note: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MilestonesTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  agreementId: string;
  kind: 'invest' | 'start' | 'produce' | 'tax' | 'jobs' | 'other';
  description: string;
  dueDate: Day;
  targetYuan: string | null;
  targetCount: number | null;
  status: Generated<'pending' | 'met' | 'missed' | 'waived'>;
  metOn: Day | null;
  actualYuan: string | null;
  actualCount: number | null;
  note: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SavedViewsTable {
  id: Generated<string>;
  districtId: string;
  userId: string;
  list: 'projects' | 'leads' | 'enterprises' | 'capital_reports';
  name: string;
  query: ColumnType<Record<string, unknown>, string, string>;
  columns: ColumnType<string[] | null, string | null, string | null>;
  createdAt: Timestamp;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  districtId: string;
  userId: string;
  kind: 'projects' | 'leads' | 'capital_reports';
  filename: string;
  status: 'parsing' | 'checked' | 'committed' | 'failed';
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  problems: ColumnType<unknown[], string | undefined, string>;
  duplicates: ColumnType<unknown[], string | undefined, string>;
  summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  rows: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  error: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  committedAt: Timestamp | null;
}

// ---------------------------------------------------------------- assessment (0011)

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface AssessmentYearsTable {
  districtId: string;
  year: number;
  definitions: Json<Record<string, unknown>>;
  timeProgressBasis: Generated<'months' | 'days'>;
  goalRank: Generated<number>;
  stalledMonths: Generated<number>;
  issuingBody: string | null;
  docPrefix: string | null;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** numeric columns read as decimal strings ("1200.0000"). */
export interface TargetsTable {
  id: Generated<string>;
  districtId: string;
  year: number;
  unitId: string | null;
  indicatorKey: string;
  annual: string;
  q1: string | null;
  q2: string | null;
  q3: string | null;
  q4: string | null;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface AssessmentSchemesTable {
  id: Generated<string>;
  districtId: string;
  year: number;
  version: number;
  name: string;
  items: Json<unknown[]>;
  status: Generated<'draft' | 'published'>;
  copiedFrom: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  publishedBy: string | null;
  publishedAt: Timestamp | null;
}

export interface BulletinsTable {
  id: Generated<string>;
  districtId: string;
  kind: 'month' | 'quarter';
  year: number;
  period: number;
  version: number;
  periodStart: Day;
  periodEnd: Day;
  cutoff: Day;
  title: string;
  docNumber: string | null;
  reason: string | null;
  status: Generated<'draft' | 'published'>;
  schemeId: string | null;
  snapshot: NullableJson<Record<string, unknown>>;
  inputHash: string | null;
  snapshotHash: string | null;
  docx: Buffer | null;
  xlsx: Buffer | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  publishedBy: string | null;
  publishedAt: Timestamp | null;
}

export interface CityFiguresTable {
  id: Generated<string>;
  districtId: string;
  year: number;
  month: number;
  indicatorKey: string;
  peerName: string;
  peerRegionId: string | null;
  value: string;
  source: 'typed' | 'imported';
  updatedBy: string | null;
  updatedAt: Timestamp;
}

// ---------------------------------------------------------------- network (0012)

export interface ChainsTable {
  id: Generated<string>;
  districtId: string;
  name: string;
  description: string | null;
  sortOrder: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChainLinksTable {
  id: Generated<string>;
  districtId: string;
  chainId: string;
  parentId: string | null;
  name: string;
  segment: 'upstream' | 'midstream' | 'downstream' | 'supporting';
  description: string | null;
  sortOrder: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChainLinkEnterprisesTable {
  districtId: string;
  linkId: string;
  enterpriseId: string;
  role: 'chain_leader' | 'existing';
  note: string | null;
  createdAt: Timestamp;
}

export interface TargetEnterprisesTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  enterpriseId: string;
  tags: Generated<string[]>;
  chainLinkId: string | null;
  priority: Generated<'key' | 'normal'>;
  status: Generated<'researching' | 'contacting' | 'visited' | 'negotiating' | 'converted' | 'dropped'>;
  approach: string | null;
  contacts: string | null;
  offer: string | null;
  nextStep: string | null;
  nextStepOn: Day | null;
  leaderInCharge: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TargetEnterpriseEventsTable {
  id: Generated<string>;
  districtId: string;
  targetId: string;
  kind: 'created' | 'plan' | 'status' | 'contact' | 'visit' | 'note';
  onDate: Day;
  note: string | null;
  userId: string | null;
  username: string | null;
  at: Timestamp;
}

export interface NetworkSourcesTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  kind: 'chamber' | 'association' | 'person_outside' | 'dealer' | 'invested_enterprise' | 'office_outside';
  name: string;
  regionCode: string | null;
  place: string | null;
  country: string | null;
  enterpriseId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  liaison: string | null;
  note: string | null;
  active: Generated<boolean>;
  searchText: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PromotionEventsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  kind: 'expo' | 'promotion' | 'forum' | 'trip_out' | 'delegation_in';
  name: string;
  startsOn: Day;
  endsOn: Day;
  place: string | null;
  organiser: string | null;
  participantUnitIds: Generated<string[]>;
  leaders: Generated<string[]>;
  participants: string | null;
  /** bigint 元, read as a decimal string */
  costYuan: string | null;
  personDays: number | null;
  summary: string | null;
  searchText: Generated<string>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface EventMeetingsTable {
  id: Generated<string>;
  districtId: string;
  eventId: string;
  enterpriseId: string;
  metOn: Day;
  contactPerson: string | null;
  notes: string | null;
  leadId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface EventTasksTable {
  id: Generated<string>;
  districtId: string;
  eventId: string;
  title: string;
  ownerUnitId: string;
  ownerName: string | null;
  dueOn: Day;
  doneOn: Day | null;
  note: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

// ---- Landing service (0014_landing) ----

export interface PreReviewsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  topics: string[];
  dueOn: Day;
  reason: string | null;
  status: Generated<'open' | 'decided' | 'cancelled'>;
  combinedOpinion: string | null;
  decision: 'approved' | 'conditional' | 'rejected' | null;
  meetingKind: 'investment_committee' | 'executive' | 'land_supply' | null;
  meetingOn: Day | null;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PreReviewOpinionsTable {
  id: Generated<string>;
  districtId: string;
  reviewId: string;
  departmentUnitId: string;
  topics: string[];
  dueOn: Day;
  verdict: 'agree' | 'conditional' | 'disagree' | null;
  opinion: string | null;
  answeredAt: Timestamp | null;
  answeredBy: string | null;
}

export interface ProceduresTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  kind: string;
  name: string;
  departmentUnitId: string | null;
  plannedOn: Day | null;
  doneOn: Day | null;
  status: Generated<'pending' | 'in_progress' | 'done' | 'not_needed'>;
  note: string | null;
  sortOrder: Generated<number>;
  version: Generated<number>;
  updatedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PortalTokensTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  tokenSha256: string;
  label: string;
  createdBy: string | null;
  createdAt: Timestamp;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  lastUsedAt: Timestamp | null;
}

export interface PortalRateHitsTable {
  key: string;
  windowStart: Timestamp;
  hits: number;
}

export interface ProblemsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string | null;
  raisedVia: 'unit' | 'department' | 'investor';
  raisedBy: string | null;
  raiserName: string | null;
  portalTokenId: string | null;
  title: string;
  description: string;
  category: 'funds' | 'land' | 'policy' | 'approval' | 'factors' | 'other';
  departmentUnitId: string | null;
  leaderInCharge: string | null;
  leaderUserId: Generated<string | null>;
  countermeasure: string | null;
  deadline: Day | null;
  status: Generated<'raised' | 'assigned' | 'accepted' | 'replied' | 'closed'>;
  reply: string | null;
  assignedAt: Timestamp | null;
  acceptedAt: Timestamp | null;
  repliedAt: Timestamp | null;
  closedAt: Timestamp | null;
  reopenCount: Generated<number>;
  escalationLevel: Generated<number>;
  escalatedAt: Timestamp | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ProblemEventsTable {
  id: Generated<string>;
  districtId: string;
  problemId: string;
  kind: 'raised' | 'assigned' | 'accepted' | 'replied' | 'closed' | 'reopened' | 'escalated' | 'comment';
  note: string | null;
  userId: string | null;
  username: string | null;
  viaPortal: Generated<boolean>;
  at: Timestamp;
}

export interface CommitmentsTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  projectId: string;
  agreementId: string | null;
  kind: 'policy' | 'subsidy' | 'land' | 'service' | 'other';
  content: string;
  amountYuan: string | null;
  departmentUnitId: string;
  dueOn: Day;
  status: Generated<'pending' | 'fulfilled' | 'cancelled'>;
  fulfilledOn: Day | null;
  evidence: string | null;
  cancelReason: string | null;
  version: Generated<number>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ProjectTeamMembersTable {
  id: Generated<string>;
  districtId: string;
  projectId: string;
  unitId: string | null;
  name: string;
  role: 'leader' | 'deputy' | 'member';
  duty: string | null;
  sortOrder: Generated<number>;
  createdAt: Timestamp;
}

export interface SupervisionNoticesTable {
  id: Generated<string>;
  districtId: string;
  unitId: string;
  year: number;
  number: number;
  subject: string;
  body: string;
  replyDueOn: Day;
  status: Generated<'issued' | 'replied' | 'closed'>;
  projectId: string | null;
  problemId: string | null;
  issuedBy: string | null;
  issuedAt: Timestamp;
  closedAt: Timestamp | null;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface SupervisionRepliesTable {
  id: Generated<string>;
  districtId: string;
  noticeId: string;
  kind: 'reply' | 'follow_up' | 'close';
  text: string;
  replyDueOn: Day | null;
  userId: string | null;
  username: string | null;
  at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  districtId: string;
  userId: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  title: string;
  body: string | null;
  link: string | null;
  dueOn: Day | null;
  dedupeKey: string;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

export interface ReminderRulesTable {
  districtId: string;
  kind: string;
  enabled: Generated<boolean>;
  daysBefore: Generated<number>;
  escalateAfterDays: number | null;
  channels: Generated<string[]>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface OutboundMessagesTable {
  id: Generated<string>;
  districtId: string;
  notificationId: string | null;
  channel: 'email' | 'sms' | 'wecom';
  recipientUserId: string | null;
  recipient: string;
  title: string;
  body: string | null;
  link: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  sentAt: Timestamp | null;
  lastError: string | null;
  createdAt: Timestamp;
}

export interface JobRunsTable {
  id: Generated<string>;
  job: string;
  startedAt: Timestamp;
  finishedAt: Timestamp | null;
  host: string | null;
  createdCount: Generated<number>;
  detail: unknown;
}

export interface DB {
  regions: RegionsTable;
  units: UnitsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  securityPolicy: SecurityPolicyTable;
  auditLog: AuditLogTable;
  enterprises: EnterprisesTable;
  projects: ProjectsTable;
  projectStageHistory: ProjectStageHistoryTable;
  attachments: AttachmentsTable;
  activities: ActivitiesTable;
  districtSettings: DistrictSettingsTable;
  leads: LeadsTable;
  leadEvents: LeadEventsTable;
  creditResolutions: CreditResolutionsTable;
  projectCreditShares: ProjectCreditSharesTable;
  capitalReports: CapitalReportsTable;
  capitalSubmissions: CapitalSubmissionsTable;
  agreements: AgreementsTable;
  milestones: MilestonesTable;
  savedViews: SavedViewsTable;
  importBatches: ImportBatchesTable;
  assessmentYears: AssessmentYearsTable;
  targets: TargetsTable;
  assessmentSchemes: AssessmentSchemesTable;
  bulletins: BulletinsTable;
  cityFigures: CityFiguresTable;
  chains: ChainsTable;
  chainLinks: ChainLinksTable;
  chainLinkEnterprises: ChainLinkEnterprisesTable;
  targetEnterprises: TargetEnterprisesTable;
  targetEnterpriseEvents: TargetEnterpriseEventsTable;
  networkSources: NetworkSourcesTable;
  promotionEvents: PromotionEventsTable;
  eventMeetings: EventMeetingsTable;
  eventTasks: EventTasksTable;
  preReviews: PreReviewsTable;
  preReviewOpinions: PreReviewOpinionsTable;
  procedures: ProceduresTable;
  portalTokens: PortalTokensTable;
  portalRateHits: PortalRateHitsTable;
  problems: ProblemsTable;
  problemEvents: ProblemEventsTable;
  commitments: CommitmentsTable;
  projectTeamMembers: ProjectTeamMembersTable;
  supervisionNotices: SupervisionNoticesTable;
  supervisionReplies: SupervisionRepliesTable;
  notifications: NotificationsTable;
  reminderRules: ReminderRulesTable;
  outboundMessages: OutboundMessagesTable;
  jobRuns: JobRunsTable;
}
