import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission } from '../../domain/access/permissions.js';
import { ROLES, type Role } from '../../domain/access/roles.js';
import type { AuditRepository } from '../modules/audit/audit.repository.js';
import type { AuthService } from '../modules/auth/auth.service.js';
import {
  buildActivity,
  buildAgreement,
  buildAttachment,
  buildBulletin,
  buildCapitalReport,
  buildChainLink,
  buildCity,
  buildCommitment,
  buildDistrict,
  buildEnterprise,
  buildImportBatch,
  buildLead,
  buildMilestone,
  buildNetworkSource,
  buildNotification,
  buildPortalToken,
  buildPreReview,
  buildProblem,
  buildProcedure,
  buildProject,
  buildPromotionEvent,
  buildSavedView,
  buildScheme,
  buildSupervisionNotice,
  buildTargetEnterprise,
  buildUnit,
  buildUser,
  sessionFor,
} from '../test/fixtures.js';
import { buildTestApp, call, type Session, setupPlatform, type TestApp } from '../test/test-app.js';
import type { RegisteredRoute } from './access.js';
import { registerAccessHook } from './access-hook.js';

// Walks every registered route × every role (plus anonymous, and callers from another district and city)
// and checks the answer against the route's own declaration. A new route is covered the day it is added.

let t: TestApp;
const sessions = new Map<Role, Session>();
let anchor: {
  unitId: string;
  userId: string;
  projectId: string;
  enterpriseId: string;
  attachmentId: string;
  viewId: string;
  reportId: string;
  agreementId: string;
  milestoneId: string;
  leadId: string;
  activityId: string;
  batchId: string;
  schemeId: string;
  bulletinId: string;
  chainId: string;
  linkId: string;
  eventId: string;
  meetingId: string;
  taskId: string;
  sourceId: string;
  targetId: string;
  reviewId: string;
  opinionId: string;
  procedureId: string;
  noticeId: string;
  problemId: string;
  notificationId: string;
  portalLinkId: string;
  portalToken: string;
  commitmentId: string;
};
let otherDistrictCenterAdmin: Session;
let otherCitySysAdmin: Session;
let otherUnitHead: Session;
let checks = 0;

function allowed(route: RegisteredRoute, role: Role): boolean {
  if ('public' in route.access) return true;
  if (route.access.permission === 'authenticated') return true;
  return hasPermission([role], route.access.permission);
}

// Routes that read their period from the query string get one, so every role's call gets past validation.
const ROUTE_QUERY: Record<string, string> = {
  '/api/assessment/city': '?year=2026&month=2',
  '/api/assessment/city/template.xlsx': '?year=2026&month=2',
};

// Routes a permitted role may still be refused for its data scope, with this code (not access.denied): the
// district dashboard is for district-scoped callers; a unit's people are pointed at their unit's view.
const SCOPE_REFUSALS: Record<string, string> = {
  // Evidence files are removed by the owner department, the center or the project's unit, not by readers.
  'DELETE /api/commitments/:commitmentId/files/:attachmentId': 'commitments.not_assigned',
  'GET /api/dashboard': 'dashboard.district_only',
};

function urlFor(route: RegisteredRoute): string {
  return `${route.url}${ROUTE_QUERY[route.url] ?? ''}`
    .replace(':unitId', anchor.unitId)
    .replace(':userId', anchor.userId)
    .replace(':projectId', anchor.projectId)
    .replace(':enterpriseId', anchor.enterpriseId)
    .replace(':attachmentId', anchor.attachmentId)
    .replace(':viewId', anchor.viewId)
    .replace(':month', '2026-02')
    .replace(':reportId', anchor.reportId)
    .replace(':agreementId', anchor.agreementId)
    .replace(':milestoneId', anchor.milestoneId)
    .replace(':leadId', anchor.leadId)
    .replace(':activityId', anchor.activityId)
    .replace(':kind', 'projects')
    .replace(':year', '2026')
    .replace(':batchId', anchor.batchId)
    .replace(':schemeId', anchor.schemeId)
    .replace(':bulletinId', anchor.bulletinId)
    .replace(':targetId', anchor.targetId)
    .replace(':chainId', anchor.chainId)
    .replace(':linkId', anchor.linkId)
    .replace(':eventId', anchor.eventId)
    .replace(':meetingId', anchor.meetingId)
    .replace(':taskId', anchor.taskId)
    .replace(':sourceId', anchor.sourceId)
    .replace(':reviewId', anchor.reviewId)
    .replace(':opinionId', anchor.opinionId)
    .replace(':procedureId', anchor.procedureId)
    .replace(':noticeId', anchor.noticeId)
    .replace(':problemId', anchor.problemId)
    .replace(':commitmentId', anchor.commitmentId)
    .replace(':portalLinkId', anchor.portalLinkId)
    .replace(':token', anchor.portalToken)
    .replace(':notificationId', anchor.notificationId)
    .replace(':fileId', anchor.attachmentId);
}

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const district = await t.db
    .selectFrom('regions')
    .selectAll()
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  const town = await buildUnit(t.db, { districtId: district.id, name: '矩阵镇' });
  const target = await buildUser(t.db, {
    unitId: town.id,
    username: 'matrix.target',
    roles: ['unit_reporter'],
  });
  const project = await buildProject(t.db, { unitId: town.id, name: '矩阵项目' });
  const enterprise = await buildEnterprise(t.db, { districtId: district.id });
  const attachment = await buildAttachment(t.db, { projectId: project.id });
  const view = await buildSavedView(t.db, { userId: target.id });
  const report = await buildCapitalReport(t.db, { projectId: project.id, month: '2026-02' });
  const agreement = await buildAgreement(t.db, { projectId: project.id });
  const milestone = await buildMilestone(t.db, { agreementId: agreement.id });
  const lead = await buildLead(t.db, { unitId: town.id, enterpriseId: enterprise.id });
  const activity = await buildActivity(t.db, { projectId: project.id });
  const batch = await buildImportBatch(t.db, { userId: target.id });
  const scheme = await buildScheme(t.db, { districtId: district.id });
  const bulletin = await buildBulletin(t.db, { districtId: district.id });
  // A chain link the anchor project sits on, so no role's DELETE removes the link or its chain (409).
  const chainLink = await buildChainLink(t.db, { districtId: district.id, chainName: '矩阵链' });
  await t.db
    .updateTable('projects')
    .set({ chainLinkId: chainLink.link.id })
    .where('id', '=', project.id)
    .execute();
  // An event with a meeting and a task; the anchor lead is credited to it, so no role's DELETE removes it.
  const promotionEvent = await buildPromotionEvent(t.db, { unitId: town.id, startsOn: '2026-01-10' });
  await t.db.updateTable('leads').set({ eventId: promotionEvent.id }).where('id', '=', lead.id).execute();
  const eventMeeting = await t.db
    .insertInto('eventMeetings')
    .values({
      districtId: district.id,
      eventId: promotionEvent.id,
      enterpriseId: enterprise.id,
      metOn: '2026-01-10',
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventTask = await t.db
    .insertInto('eventTasks')
    .values({
      districtId: district.id,
      eventId: promotionEvent.id,
      title: '矩阵任务',
      ownerUnitId: town.id,
      dueOn: '2026-02-01',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A chamber of the town; the anchor project is credited to it.
  const networkSource = await buildNetworkSource(t.db, { unitId: town.id, name: '矩阵商会' });
  await t.db
    .updateTable('projects')
    .set({ referralSourceId: networkSource.id })
    .where('id', '=', project.id)
    .execute();
  // A target enterprise of the town (the center's DELETE may remove it; later calls then answer 404).
  const targetEnterprise = await buildTargetEnterprise(t.db, {
    unitId: town.id,
    enterpriseId: enterprise.id,
  });
  // A pre-review of the anchor project asking a department, and a procedure on it (pre-reviews, procedures).
  const preReview = await buildPreReview(t.db, { projectId: project.id });
  const procedure = await buildProcedure(t.db, { projectId: project.id });
  anchor = {
    unitId: town.id,
    userId: target.id,
    projectId: project.id,
    enterpriseId: enterprise.id,
    attachmentId: attachment.id,
    viewId: view.id,
    reportId: report.id,
    agreementId: agreement.id,
    milestoneId: milestone.id,
    leadId: lead.id,
    activityId: activity.id,
    batchId: batch.id,
    schemeId: scheme.id,
    bulletinId: bulletin.id,
    chainId: chainLink.chain.id,
    linkId: chainLink.link.id,
    eventId: promotionEvent.id,
    meetingId: eventMeeting.id,
    taskId: eventTask.id,
    sourceId: networkSource.id,
    targetId: targetEnterprise.id,
    reviewId: preReview.review.id,
    opinionId: preReview.opinion.id,
    procedureId: procedure.id,
    noticeId: (await buildSupervisionNotice(t.db, { unitId: town.id })).id,
    problemId: (await buildProblem(t.db, { projectId: project.id })).id,
    // The target user's own notice: every other caller gets 404 for it (own only).
    notificationId: (await buildNotification(t.db, { userId: target.id })).id,
    // Two portal links of the anchor project: the center's revoke takes the first, the public routes keep the
    // second (they answer 404 for a problem not reported through it, 429 once the minute's window is full).
    portalLinkId: (await buildPortalToken(t.db, { projectId: project.id })).row.id,
    portalToken: (await buildPortalToken(t.db, { projectId: project.id })).token,
    commitmentId: (await buildCommitment(t.db, { projectId: project.id })).id,
  };
  for (const role of ROLES) {
    const u = await buildUser(t.db, { unitId: town.id, username: `matrix.${role}`, roles: [role] });
    sessions.set(role, await sessionFor(t.db, u.id, t.clock.now()));
  }
  const otherDistrict = await buildDistrict(t.db, { cityId: district.parentId! });
  const otherUnit = await buildUnit(t.db, { districtId: otherDistrict.id });
  otherDistrictCenterAdmin = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: otherUnit.id, roles: ['center_admin'] })).id,
    t.clock.now(),
  );
  const otherCityDistrict = await buildDistrict(t.db, { cityId: (await buildCity(t.db)).id });
  const otherCityUnit = await buildUnit(t.db, { districtId: otherCityDistrict.id });
  otherCitySysAdmin = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: otherCityUnit.id, roles: ['sys_admin'] })).id,
    t.clock.now(),
  );
  const sameDistrictOtherTown = await buildUnit(t.db, { districtId: district.id });
  otherUnitHead = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: sameDistrictOtherTown.id, roles: ['unit_head'] })).id,
    t.clock.now(),
  );
});
afterAll(async () => {
  console.log(
    `access matrix: ${t.routes.length} routes × ${ROLES.length} roles + anonymous = ${checks} checks`,
  );
  await t.close();
});

describe('access matrix', () => {
  it('knows every /api route and each one declares its access', () => {
    expect(t.routes.length).toBeGreaterThan(15);
    for (const r of t.routes) expect(r.access).toBeDefined();
  });

  it('refuses to start with an /api route that declares no access', async () => {
    const app = Fastify();
    registerAccessHook(app, { auth: {} as AuthService, audit: {} as AuditRepository, registry: [] });
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/declares no access/);
  });

  it('answers every route for every role as its declaration says', async () => {
    const skipped = new Set(['POST /api/auth/logout', 'POST /api/setup', 'POST /api/auth/login']);
    for (const route of t.routes) {
      if (skipped.has(`${route.method} ${route.url}`)) continue;
      for (const role of ROLES) {
        const res = await call(
          t.app,
          sessions.get(role)!,
          route.method,
          urlFor(route),
          route.method === 'GET' ? undefined : {},
        );
        checks++;
        const label = `${route.method} ${route.url} as ${role} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        const scopeRefusal = SCOPE_REFUSALS[`${route.method} ${route.url}`];
        if (allowed(route, role) && scopeRefusal && res.statusCode === 403) {
          expect(res.json().error.code, label).toBe(scopeRefusal);
        } else if (allowed(route, role)) {
          expect([401, 403], label).not.toContain(res.statusCode);
          if (res.statusCode < 300 && route.method !== 'GET') {
            const row = await t.db
              .selectFrom('auditLog')
              .select(['action', 'result'])
              .where('requestId', '=', res.headers['x-request-id'] as string)
              .executeTakeFirst();
            expect(row, `successful write ${label} left no audit row`).toMatchObject({ result: 'success' });
          }
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('access.denied');
          if (route.method !== 'GET') {
            const row = await t.db
              .selectFrom('auditLog')
              .select('result')
              .where('requestId', '=', res.headers['x-request-id'] as string)
              .executeTakeFirst();
            expect(row, `denied write ${label} left no audit row`).toMatchObject({ result: 'denied' });
          }
        }
      }
    }
    // Every route × every role in one test: about two thousand requests, which take most of a minute on a
    // loaded two-core machine, so this one test gets a longer limit than the suite's 60 s.
  }, 300_000);

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const route of t.routes) {
      if ('public' in route.access) continue;
      const res = await call(
        t.app,
        null,
        route.method,
        urlFor(route),
        route.method === 'GET' ? undefined : {},
      );
      checks++;
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('hides one district’s units and accounts from another district’s administrator', async () => {
    const reqs: [string, string, unknown?][] = [
      ['PATCH', `/api/units/${anchor.unitId}`, { name: '越权改名' }],
      ['GET', `/api/users/${anchor.userId}`],
      ['GET', `/api/users?unitId=${anchor.unitId}`],
      ['GET', `/api/projects/${anchor.projectId}`],
      ['PATCH', `/api/projects/${anchor.projectId}`, { version: 1, name: '越权改名' }],
      [
        'POST',
        `/api/projects/${anchor.projectId}/moves`,
        { to: 'withdrawn', effectiveDate: '2026-03-01', reason: '越权', version: 1 },
      ],
      ['GET', `/api/attachments/${anchor.attachmentId}`],
      ['GET', `/api/enterprises/${anchor.enterpriseId}`],
      ['GET', `/api/leads/${anchor.leadId}/activities`],
      ['GET', `/api/leads/${anchor.leadId}`],
      ['GET', `/api/chains/${anchor.chainId}`],
      ['PATCH', `/api/chains/${anchor.chainId}/links/${anchor.linkId}`, { name: '越权改名' }],
      ['GET', `/api/promotion-events/${anchor.eventId}`],
      ['GET', `/api/network-sources/${anchor.sourceId}`],
      ['PATCH', `/api/network-sources/${anchor.sourceId}`, { version: 1, name: '越权改名' }],
      ['GET', `/api/target-enterprises/${anchor.targetId}`],
      ['PATCH', `/api/target-enterprises/${anchor.targetId}`, { version: 1, approach: '越权' }],
      ['GET', `/api/target-enterprises?unitId=${anchor.unitId}`],
      ['PATCH', `/api/promotion-events/${anchor.eventId}`, { version: 1, name: '越权改名' }],
      ['GET', `/api/leads/${anchor.leadId}/events`],
      ['GET', `/api/leads?unitId=${anchor.unitId}`],
      ['PATCH', `/api/leads/${anchor.leadId}`, { version: 1, title: '越权改名' }],
      ['POST', `/api/leads/${anchor.leadId}/share`, { version: 1, shared: true }],
      [
        'POST',
        `/api/conflicts/${anchor.enterpriseId}/resolve`,
        { kind: 'primary', primaryUnitId: anchor.unitId },
      ],
      ['PATCH', `/api/activities/${anchor.activityId}`, { summary: '越权' }],
      ['GET', `/api/projects/${anchor.projectId}/capital-reports`],
      ['GET', `/api/capital/reports/${anchor.reportId}/vouchers`],
      ['POST', '/api/capital/months/2026-02/submit', { unitId: anchor.unitId }],
      ['GET', `/api/projects/${anchor.projectId}/agreements`],
      ['PATCH', `/api/agreements/${anchor.agreementId}`, { version: 1, note: '越权' }],
      ['POST', `/api/milestones/${anchor.milestoneId}/status`, { status: 'waived', version: 1 }],
      ['GET', `/api/assessment/schemes/${anchor.schemeId}`],
      ['POST', `/api/assessment/schemes/${anchor.schemeId}/publish`],
      ['GET', '/api/assessment/schemes?year=2026'],
      ['GET', `/api/pre-reviews/${anchor.reviewId}`],
      ['POST', `/api/pre-reviews/${anchor.reviewId}/cancel`, { version: 1 }],
      ['GET', '/api/pre-reviews?status=open'],
      ['GET', `/api/projects/${anchor.projectId}/procedures`],
      ['PATCH', `/api/procedures/${anchor.procedureId}`, { version: 1, note: '越权' }],
      ['GET', '/api/procedures?status=pending'],
      ['GET', `/api/projects/${anchor.projectId}/portal-links`],
      ['GET', `/api/commitments/${anchor.commitmentId}`],
      ['PATCH', `/api/commitments/${anchor.commitmentId}`, { version: 1, content: '越权改写' }],
      ['POST', `/api/commitments/${anchor.commitmentId}/reopen`, { version: 1, reason: '越权' }],
      ['GET', `/api/projects/${anchor.projectId}/team`],
      [
        'PUT',
        `/api/projects/${anchor.projectId}/team`,
        {
          version: 1,
          members: [],
          liaisonLeader: null,
          firstContactOfficer: '越权',
          firstContactPhone: null,
          greenChannel: true,
        },
      ],
      ['POST', `/api/projects/${anchor.projectId}/portal-links`, { label: '越权' }],
      ['POST', `/api/projects/${anchor.projectId}/portal-links/${anchor.portalLinkId}/revoke`],
    ];
    for (const [method, url, body] of reqs) {
      const res = await call(t.app, otherDistrictCenterAdmin, method, url, body);
      checks++;
      if (url.includes('?')) expect(res.json().items).toEqual([]);
      else expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const unit = await t.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', anchor.unitId)
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('矩阵镇');
  });

  it('hides a city’s accounts from another city’s system administrator', async () => {
    const reqs: [string, string, unknown?][] = [
      ['GET', `/api/users/${anchor.userId}`],
      ['PATCH', `/api/users/${anchor.userId}`, { displayName: '越权' }],
      ['POST', `/api/users/${anchor.userId}/disable`],
      ['POST', `/api/users/${anchor.userId}/reset-password`],
      ['PATCH', `/api/units/${anchor.unitId}`, { name: '越权改名' }],
      ['POST', '/api/users', { username: 'intruder', displayName: '越权', unitId: anchor.unitId, roles: [] }],
    ];
    for (const [method, url, body] of reqs) {
      const res = await call(t.app, otherCitySysAdmin, method, url, body);
      checks++;
      expect([400, 404], `${method} ${url} → ${res.statusCode}`).toContain(res.statusCode);
    }
    const target = await t.db
      .selectFrom('users')
      .select(['status', 'displayName'])
      .where('id', '=', anchor.userId)
      .executeTakeFirstOrThrow();
    expect(target).toEqual({ status: 'active', displayName: '测试用户' });
  });

  it('shows a unit head only the accounts of their own unit', async () => {
    const res = await call(t.app, otherUnitHead, 'GET', `/api/users/${anchor.userId}`);
    checks++;
    expect(res.statusCode).toBe(404);
    const list = await call(t.app, otherUnitHead, 'GET', '/api/users');
    expect(list.json().items.every((u: { unitId: string }) => u.unitId !== anchor.unitId)).toBe(true);
  });
});
