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
  ownerType: 'project' | 'lead' | 'capital_report' | 'agreement' | 'milestone';
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
}
