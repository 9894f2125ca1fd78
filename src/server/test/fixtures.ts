import crypto from 'node:crypto';
import type { Role } from '../../domain/access/roles.js';
import type { UnitKind } from '../../domain/organization/organization.schemas.js';
import { searchTextOf } from '../../domain/search/search-text.js';
import type { Database } from '../db/database.js';
import { sessionIdOf } from '../modules/auth/auth.service.js';
import type { Session } from './test-app.js';

// buildX(overrides) factories: each creates the parents it is not given, straight in the database.
let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
// A real argon2id hash is not needed for users who get their sessions from sessionFor().
const UNUSABLE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$unusable$unusable';

export async function buildCity(db: Database, o: { name?: string } = {}) {
  return db
    .insertInto('regions')
    .values({ kind: 'city', parentId: null, name: o.name ?? `测试市${next()}`, code: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildDistrict(db: Database, o: { cityId?: string; name?: string } = {}) {
  const cityId = o.cityId ?? (await buildCity(db)).id;
  return db
    .insertInto('regions')
    .values({ kind: 'district', parentId: cityId, name: o.name ?? `测试区${next()}`, code: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUnit(
  db: Database,
  o: { districtId?: string; name?: string; kind?: UnitKind; active?: boolean } = {},
) {
  const districtId = o.districtId ?? (await buildDistrict(db)).id;
  const at = new Date();
  return db
    .insertInto('units')
    .values({
      districtId,
      name: o.name ?? `测试单位${next()}`,
      kind: o.kind ?? 'town',
      code: null,
      sortOrder: 0,
      active: o.active ?? true,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUser(
  db: Database,
  o: {
    unitId?: string;
    username?: string;
    roles?: Role[];
    mustChangePassword?: boolean;
    passwordHash?: string;
  } = {},
) {
  const unit = o.unitId
    ? await db.selectFrom('units').selectAll().where('id', '=', o.unitId).executeTakeFirstOrThrow()
    : await buildUnit(db);
  const at = new Date();
  const user = await db
    .insertInto('users')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      username: o.username ?? `u${next()}`,
      displayName: '测试用户',
      passwordHash: o.passwordHash ?? UNUSABLE_HASH,
      mustChangePassword: o.mustChangePassword ?? false,
      passwordChangedAt: at,
      status: 'active',
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const roles = o.roles ?? ['unit_reporter'];
  if (roles.length) {
    await db
      .insertInto('userRoles')
      .values(roles.map((role) => ({ userId: user.id, districtId: unit.districtId, role })))
      .execute();
  }
  return user;
}

/** A signed-in session without going through argon2: for tests that need many users. */
export async function sessionFor(db: Database, userId: string, at: Date): Promise<Session> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(24).toString('base64url');
  const user = await db
    .selectFrom('users')
    .select('districtId')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      userId,
      districtId: user.districtId,
      csrfToken: csrf,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + 12 * 3600_000),
      ip: '127.0.0.1',
      userAgent: 'test',
    })
    .execute();
  return { cookie: `zs_session=${token}`, csrf };
}

export async function buildEnterprise(db: Database, o: { districtId?: string; name?: string } = {}) {
  const districtId = o.districtId ?? (await buildDistrict(db)).id;
  const name = o.name ?? `测试企业${next()}有限公司`;
  const at = new Date();
  return db
    .insertInto('enterprises')
    .values({
      districtId,
      name,
      nameKey: name,
      creditCode: null,
      kinds: [],
      originRegionCode: null,
      originCountry: null,
      industryDivision: null,
      contactName: null,
      contactPhone: null,
      searchText: searchTextOf(name),
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildProject(db: Database, o: { unitId?: string; name?: string } = {}) {
  const unit = o.unitId
    ? await db.selectFrom('units').selectAll().where('id', '=', o.unitId).executeTakeFirstOrThrow()
    : await buildUnit(db);
  const at = new Date();
  const name = o.name ?? `测试项目${next()}`;
  return db
    .insertInto('projects')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      name,
      searchText: searchTextOf(name),
      stage: 'negotiating',
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildAttachment(db: Database, o: { projectId: string }) {
  const project = await db
    .selectFrom('projects')
    .select(['districtId'])
    .where('id', '=', o.projectId)
    .executeTakeFirstOrThrow();
  const content = Buffer.from('%PDF-1.4\n%%EOF\n');
  return db
    .insertInto('attachments')
    .values({
      districtId: project.districtId,
      ownerType: 'project',
      ownerId: o.projectId,
      kind: 'agreement',
      filename: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
      uploadedBy: null,
      uploadedAt: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildSavedView(
  db: Database,
  o: { userId: string; list?: 'projects'; name?: string; query?: Record<string, string> },
) {
  const user = await db
    .selectFrom('users')
    .select('districtId')
    .where('id', '=', o.userId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('savedViews')
    .values({
      districtId: user.districtId,
      userId: o.userId,
      list: o.list ?? 'projects',
      name: o.name ?? `视图${next()}`,
      query: JSON.stringify(o.query ?? { stage: 'negotiating' }),
      columns: null,
      createdAt: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A project moved straight to 签约 (or later) with its signing facts, for modules that need a signed one. */
export async function buildSignedProject(
  db: Database,
  o: { unitId?: string; name?: string; signingDate?: string; foreignFunded?: boolean } = {},
) {
  const p = await buildProject(db, { unitId: o.unitId, name: o.name });
  return db
    .updateTable('projects')
    .set({
      stage: 'signed',
      signingDate: o.signingDate ?? '2025-06-15',
      signedAmountYuan: '500000000',
      agreementType: 'formal',
      foreignFunded: o.foreignFunded ?? false,
    })
    .where('id', '=', p.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCapitalReport(db: Database, o: { projectId?: string; month?: string } = {}) {
  const project = o.projectId
    ? await db.selectFrom('projects').selectAll().where('id', '=', o.projectId).executeTakeFirstOrThrow()
    : await buildSignedProject(db);
  const at = new Date();
  return db
    .insertInto('capitalReports')
    .values({
      districtId: project.districtId,
      unitId: project.unitId,
      projectId: project.id,
      month: `${o.month ?? '2026-01'}-01`,
      fundsOutOfProvinceYuan: '1000000',
      completedInvestmentYuan: '800000',
      note: null,
      createdBy: null,
      createdAt: at,
      updatedBy: null,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildAgreement(db: Database, o: { projectId?: string } = {}) {
  const project = o.projectId
    ? await db.selectFrom('projects').selectAll().where('id', '=', o.projectId).executeTakeFirstOrThrow()
    : await buildSignedProject(db);
  const at = new Date();
  return db
    .insertInto('agreements')
    .values({
      districtId: project.districtId,
      unitId: project.unitId,
      projectId: project.id,
      type: 'formal',
      title: '投资合作协议',
      signingDate: project.signingDate ?? '2025-06-15',
      amountYuan: project.signedAmountYuan,
      foreignUsdCents: null,
      parties: null,
      note: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildMilestone(
  db: Database,
  o: { agreementId?: string; dueDate?: string; status?: 'pending' | 'met' | 'missed' | 'waived' } = {},
) {
  const a = o.agreementId
    ? await db.selectFrom('agreements').selectAll().where('id', '=', o.agreementId).executeTakeFirstOrThrow()
    : await buildAgreement(db);
  const at = new Date();
  const due = o.dueDate ?? '2026-01-31';
  return db
    .insertInto('milestones')
    .values({
      districtId: a.districtId,
      unitId: a.unitId,
      projectId: a.projectId,
      agreementId: a.id,
      kind: 'start',
      description: '协议约定开工',
      dueDate: due,
      status: o.status ?? 'pending',
      metOn: o.status === 'met' ? due : null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildLead(
  db: Database,
  o: { unitId?: string; enterpriseId?: string; title?: string; shared?: boolean } = {},
) {
  const unit = o.unitId
    ? await db.selectFrom('units').selectAll().where('id', '=', o.unitId).executeTakeFirstOrThrow()
    : await buildUnit(db);
  const enterpriseId = o.enterpriseId ?? (await buildEnterprise(db, { districtId: unit.districtId })).id;
  const at = new Date();
  const title = o.title ?? `测试线索${next()}`;
  return db
    .insertInto('leads')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      enterpriseId,
      title,
      channel: 'targeted',
      receivedOn: at.toISOString().slice(0, 10),
      shared: o.shared ?? false,
      searchText: searchTextOf(title),
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildActivity(
  db: Database,
  o: { projectId: string; kind?: 'visit_out' | 'visit_in' | 'call' | 'meeting'; occurredOn?: string },
) {
  const project = await db
    .selectFrom('projects')
    .select(['districtId', 'unitId'])
    .where('id', '=', o.projectId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('activities')
    .values({
      districtId: project.districtId,
      unitId: project.unitId,
      projectId: o.projectId,
      kind: o.kind ?? 'visit_out',
      occurredOn: o.occurredOn ?? '2026-01-15',
      summary: '测试走访',
      createdAt: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An import batch, checked and clean, of the given user (their own district). */
export async function buildImportBatch(db: Database, o: { userId: string }) {
  const user = await db
    .selectFrom('users')
    .select(['districtId'])
    .where('id', '=', o.userId)
    .executeTakeFirstOrThrow();
  const at = new Date();
  return db
    .insertInto('importBatches')
    .values({
      districtId: user.districtId,
      userId: o.userId,
      kind: 'projects',
      filename: 'fixture.xlsx',
      status: 'checked',
      rows: JSON.stringify([]),
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A version of a district's assessment scheme (a draft unless told), one valid item by default. */
export async function buildScheme(
  db: Database,
  o: { districtId: string; year?: number; version?: number; status?: 'draft' | 'published' },
) {
  const at = new Date();
  const published = o.status === 'published';
  return db
    .insertInto('assessmentSchemes')
    .values({
      districtId: o.districtId,
      year: o.year ?? 2026,
      version: o.version ?? 1,
      name: '测试考核方案',
      items: JSON.stringify([
        { key: 'signed', name: '签约项目数', points: 10, formula: 'min(completion(signed_count), 1) * 10' },
      ]),
      status: o.status ?? 'draft',
      createdAt: at,
      updatedAt: at,
      publishedAt: published ? at : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A bulletin version of a month (published by default, with placeholder files: nothing renders them). */
export async function buildBulletin(
  db: Database,
  o: { districtId: string; year?: number; period?: number; status?: 'draft' | 'published' },
) {
  const at = new Date();
  const year = o.year ?? 2026;
  const period = o.period ?? 1;
  const published = (o.status ?? 'published') === 'published';
  const mm = String(period).padStart(2, '0');
  return db
    .insertInto('bulletins')
    .values({
      districtId: o.districtId,
      kind: 'month',
      year,
      period,
      version: 1,
      periodStart: `${year}-${mm}-01`,
      periodEnd: `${year}-${mm}-${new Date(Date.UTC(year, period, 0)).getUTCDate()}`,
      cutoff: `${year}-${mm}-${new Date(Date.UTC(year, period, 0)).getUTCDate()}`,
      title: `${year}年${period}月招商引资工作通报`,
      status: published ? 'published' : 'draft',
      snapshot: JSON.stringify({}),
      docx: published ? Buffer.from('PK docx') : null,
      xlsx: published ? Buffer.from('PK xlsx') : null,
      createdAt: at,
      updatedAt: at,
      publishedAt: published ? at : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- network (issue 7)

async function unitRow(db: Database, unitId?: string) {
  return unitId
    ? db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow()
    : buildUnit(db);
}

/** A chain with one link (segment upstream unless told); returns both. */
export async function buildChainLink(
  db: Database,
  o: {
    districtId?: string;
    chainName?: string;
    linkName?: string;
    segment?: 'upstream' | 'midstream' | 'downstream';
  } = {},
) {
  const districtId = o.districtId ?? (await buildDistrict(db)).id;
  const at = new Date();
  const chain = await db
    .insertInto('chains')
    .values({
      districtId,
      name: o.chainName ?? `测试链${next()}`,
      description: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const link = await db
    .insertInto('chainLinks')
    .values({
      districtId,
      chainId: chain.id,
      parentId: null,
      name: o.linkName ?? `测试环节${next()}`,
      segment: o.segment ?? 'upstream',
      description: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { chain, link };
}

export async function buildNetworkSource(
  db: Database,
  o: {
    unitId?: string;
    name?: string;
    kind?: 'chamber' | 'person_outside' | 'dealer' | 'office_outside';
  } = {},
) {
  const unit = await unitRow(db, o.unitId);
  const at = new Date();
  const name = o.name ?? `测试商会${next()}`;
  return db
    .insertInto('networkSources')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      kind: o.kind ?? 'chamber',
      name,
      regionCode: null,
      place: '北京市',
      country: null,
      enterpriseId: null,
      contactName: '联络人',
      contactPhone: '13800000000',
      liaison: null,
      note: null,
      searchText: searchTextOf(name),
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPromotionEvent(
  db: Database,
  o: { unitId?: string; name?: string; startsOn?: string; endsOn?: string } = {},
) {
  const unit = await unitRow(db, o.unitId);
  const at = new Date();
  const name = o.name ?? `测试招商活动${next()}`;
  const startsOn = o.startsOn ?? at.toISOString().slice(0, 10);
  return db
    .insertInto('promotionEvents')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      kind: 'expo',
      name,
      startsOn,
      endsOn: o.endsOn ?? startsOn,
      place: '廊坊',
      organiser: null,
      participants: null,
      costYuan: null,
      personDays: null,
      summary: null,
      searchText: searchTextOf(name),
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildTargetEnterprise(
  db: Database,
  o: { unitId?: string; enterpriseId?: string } = {},
) {
  const unit = await unitRow(db, o.unitId);
  const enterpriseId = o.enterpriseId ?? (await buildEnterprise(db, { districtId: unit.districtId })).id;
  const at = new Date();
  return db
    .insertInto('targetEnterprises')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      enterpriseId,
      chainLinkId: null,
      approach: '以商招商',
      contacts: null,
      offer: null,
      nextStep: null,
      nextStepOn: null,
      leaderInCharge: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- Landing service (issue 5) ----

async function projectRow(db: Database, projectId?: string) {
  return projectId
    ? db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow()
    : buildProject(db);
}

/** A department (unit of kind `department`) in the given district. */
export function buildDepartment(db: Database, o: { districtId: string; name?: string }) {
  return buildUnit(db, { districtId: o.districtId, kind: 'department', name: o.name });
}

/** A problem on a project; assigned to `departmentUnitId` (status `assigned`, deadline given) when one is given. */
export async function buildProblem(
  db: Database,
  o: {
    projectId?: string;
    departmentUnitId?: string;
    deadline?: string;
    raisedVia?: 'unit' | 'investor';
  } = {},
) {
  const p = await projectRow(db, o.projectId);
  const at = new Date();
  return db
    .insertInto('problems')
    .values({
      districtId: p.districtId,
      unitId: p.unitId,
      projectId: p.id,
      raisedVia: o.raisedVia ?? 'unit',
      raisedBy: null,
      raiserName: null,
      portalTokenId: null,
      title: `测试问题${next()}`,
      description: '用地指标尚未落实',
      category: 'land',
      departmentUnitId: o.departmentUnitId ?? null,
      leaderInCharge: o.departmentUnitId ? '分管副区长' : null,
      countermeasure: o.departmentUnitId ? '协调指标' : null,
      deadline: o.departmentUnitId ? (o.deadline ?? '2026-12-31') : null,
      status: o.departmentUnitId ? 'assigned' : 'raised',
      reply: null,
      assignedAt: o.departmentUnitId ? at : null,
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      escalatedAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCommitment(
  db: Database,
  o: { projectId?: string; departmentUnitId?: string; dueOn?: string } = {},
) {
  const p = await projectRow(db, o.projectId);
  const departmentUnitId = o.departmentUnitId ?? (await buildDepartment(db, { districtId: p.districtId })).id;
  const at = new Date();
  return db
    .insertInto('commitments')
    .values({
      districtId: p.districtId,
      unitId: p.unitId,
      projectId: p.id,
      agreementId: null,
      kind: 'subsidy',
      content: '按协议兑现设备补助',
      amountYuan: '5000000',
      departmentUnitId,
      dueOn: o.dueOn ?? '2026-12-31',
      fulfilledOn: null,
      evidence: null,
      cancelReason: null,
      createdBy: null,
      updatedBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildProcedure(
  db: Database,
  o: { projectId?: string; departmentUnitId?: string | null; plannedOn?: string } = {},
) {
  const p = await projectRow(db, o.projectId);
  const at = new Date();
  return db
    .insertInto('procedures')
    .values({
      districtId: p.districtId,
      unitId: p.unitId,
      projectId: p.id,
      kind: 'land_approval',
      name: '土地报批',
      departmentUnitId: o.departmentUnitId ?? null,
      plannedOn: o.plannedOn ?? '2026-12-31',
      doneOn: null,
      note: null,
      updatedBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An open pre-review of a project with one opinion asked of `departmentUnitId` (a new department if not given). */
export async function buildPreReview(
  db: Database,
  o: { projectId?: string; departmentUnitId?: string } = {},
) {
  const p = await projectRow(db, o.projectId);
  const departmentUnitId = o.departmentUnitId ?? (await buildDepartment(db, { districtId: p.districtId })).id;
  const at = new Date();
  const review = await db
    .insertInto('preReviews')
    .values({
      districtId: p.districtId,
      unitId: p.unitId,
      projectId: p.id,
      topics: ['site_land', 'eia'],
      dueOn: '2026-12-31',
      reason: null,
      combinedOpinion: null,
      decision: null,
      meetingKind: null,
      meetingOn: null,
      decidedAt: null,
      decidedBy: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const opinion = await db
    .insertInto('preReviewOpinions')
    .values({
      districtId: p.districtId,
      reviewId: review.id,
      departmentUnitId,
      topics: ['site_land'],
      dueOn: '2026-12-31',
      verdict: null,
      opinion: null,
      answeredAt: null,
      answeredBy: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { review, opinion };
}

/** A portal link for a project; returns the row and the plain token (only its hash is stored). */
export async function buildPortalToken(db: Database, o: { projectId?: string; revoked?: boolean } = {}) {
  const p = await projectRow(db, o.projectId);
  const token = crypto.randomBytes(32).toString('base64url');
  const at = new Date();
  const row = await db
    .insertInto('portalTokens')
    .values({
      districtId: p.districtId,
      unitId: p.unitId,
      projectId: p.id,
      tokenSha256: crypto.createHash('sha256').update(token).digest('hex'),
      label: '企业联系人',
      createdBy: null,
      createdAt: at,
      revokedAt: o.revoked ? at : null,
      revokedBy: null,
      lastUsedAt: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, token };
}

export async function buildSupervisionNotice(db: Database, o: { unitId?: string } = {}) {
  const unit = await unitRow(db, o.unitId);
  const at = new Date();
  const year = 2026;
  const { max } = await db
    .selectFrom('supervisionNotices')
    .select((eb) => eb.fn.max<number>('number').as('max'))
    .where('districtId', '=', unit.districtId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('supervisionNotices')
    .values({
      districtId: unit.districtId,
      unitId: unit.id,
      year,
      number: (max ?? 0) + 1,
      subject: '关于加快项目手续办理的督办',
      body: '请于期限内反馈办理情况。',
      replyDueOn: '2026-12-31',
      projectId: null,
      problemId: null,
      issuedBy: null,
      issuedAt: at,
      closedAt: null,
      updatedAt: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildNotification(db: Database, o: { userId: string; read?: boolean }) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', o.userId).executeTakeFirstOrThrow();
  const at = new Date();
  return db
    .insertInto('notifications')
    .values({
      districtId: user.districtId,
      userId: user.id,
      kind: 'problem.overdue',
      subjectType: 'problem',
      subjectId: null,
      title: '测试提醒',
      body: null,
      link: '/landing/problems',
      dueOn: null,
      dedupeKey: `test:${next()}`,
      createdAt: at,
      readAt: o.read ? at : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
