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
  ownerType: 'project';
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
  kind: 'visit_out' | 'visit_in' | 'call' | 'meeting';
  occurredOn: Day;
  place: string | null;
  participants: string | null;
  ledByLeader: Generated<boolean>;
  summary: string;
  createdBy: string | null;
  createdAt: Timestamp;
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
}
