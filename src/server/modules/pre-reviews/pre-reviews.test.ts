import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildDepartment,
  buildDistrict,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let town: string;
let reporter: Session;
let otherReporter: Session;
let center: Session;
let centerUserId: string;
let leader: Session;
let landDept: string;
let ecoDept: string;
let landHandler: Session;
let ecoHandler: Session;
const ids = { land: '', eco: '' };
let otherHandler: Session;
let projectId: string;

async function as(roles: Role[], unitId: string) {
  const u = await buildUser(t.db, { unitId, roles });
  return { id: u.id, s: await sessionFor(t.db, u.id, t.clock.now()) };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId })).id;
  reporter = (await as(['unit_reporter'], town)).s;
  otherReporter = (await as(['unit_reporter'], (await buildUnit(t.db, { districtId })).id)).s;
  const c = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
  center = c.s;
  centerUserId = c.id;
  leader = (await as(['leader'], (await buildUnit(t.db, { districtId, kind: 'center' })).id)).s;
  landDept = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
  ecoDept = (await buildDepartment(t.db, { districtId, name: '生态环境分局' })).id;
  const lh = await as(['department_handler'], landDept);
  const eh = await as(['department_handler'], ecoDept);
  landHandler = lh.s;
  ecoHandler = eh.s;
  ids.land = lh.id;
  ids.eco = eh.id;
  otherHandler = (await as(['department_handler'], (await buildDepartment(t.db, { districtId })).id)).s;
  projectId = (await buildSignedProject(t.db, { unitId: town, name: '高端紧固件项目' })).id;
});
afterAll(() => t.close());

const openBody = () => ({
  projectId,
  topics: ['site_land', 'planning', 'eia'],
  departments: [
    { departmentUnitId: landDept, topics: ['site_land', 'planning'] },
    { departmentUnitId: ecoDept, topics: ['eia'] },
  ],
  reason: '计划总投资5亿元，需预审',
});

describe('pre-reviews (预审)', () => {
  let reviewId: string;
  let landOpinion: string;
  let ecoOpinion: string;

  it('lists the project among candidates (需预审: signed amount over the threshold)', async () => {
    const c = (await call(t.app, center, 'GET', '/api/pre-reviews/candidates')).json();
    expect(c.thresholdYuan).toBe('100000000');
    expect(c.items).toEqual([
      expect.objectContaining({ projectId, amountYuan: '500000000', openReviewId: null }),
    ]);
  });

  it('opens a review with a default due date, notifies the departments, and refuses a second open one', async () => {
    const res = await call(t.app, center, 'POST', '/api/pre-reviews', openBody());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    reviewId = r.id;
    expect(r).toMatchObject({ status: 'open', dueOn: '2026-12-08', opinionsAsked: 2, opinionsAnswered: 0 });
    landOpinion = r.opinions.find((o: { departmentUnitId: string }) => o.departmentUnitId === landDept).id;
    ecoOpinion = r.opinions.find((o: { departmentUnitId: string }) => o.departmentUnitId === ecoDept).id;
    const notices = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.unitId', 'notifications.link', 'notifications.kind'])
      .where('notifications.subjectId', '=', reviewId)
      .execute();
    expect(notices.map((n) => n.unitId).sort()).toEqual([landDept, ecoDept].sort());
    expect(notices[0]).toMatchObject({ kind: 'pre_review.opened', link: `/landing/pre-reviews/${reviewId}` });

    const again = await call(t.app, center, 'POST', '/api/pre-reviews', openBody());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('pre_reviews.already_open');
    const c = (await call(t.app, center, 'GET', '/api/pre-reviews/candidates')).json();
    expect(c.items[0].openReviewId).toBe(reviewId);
  });

  it('refuses bad input with codes: topics outside the review, a town as department, a past due date', async () => {
    await call(t.app, center, 'POST', `/api/pre-reviews/${reviewId}/cancel`, { version: 1 });
    const topic = await call(t.app, center, 'POST', '/api/pre-reviews', {
      ...openBody(),
      departments: [{ departmentUnitId: landDept, topics: ['safety'] }],
    });
    expect(topic.json().error.code).toBe('pre_reviews.topic_not_in_review');
    const town1 = await call(t.app, center, 'POST', '/api/pre-reviews', {
      ...openBody(),
      departments: [{ departmentUnitId: town, topics: ['eia'] }],
    });
    expect(town1.json().error.code).toBe('pre_reviews.department_invalid');
    const past = await call(t.app, center, 'POST', '/api/pre-reviews', {
      ...openBody(),
      dueOn: '2026-11-01',
    });
    expect(past.json().error.code).toBe('pre_reviews.due_in_past');
    const empty = await call(t.app, center, 'POST', '/api/pre-reviews', { ...openBody(), topics: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation.failed');
    // The cancelled one stays on record; a new one may be opened.
    const res = await call(t.app, center, 'POST', '/api/pre-reviews', openBody());
    expect(res.statusCode, res.body).toBe(201);
    reviewId = res.json().id;
    landOpinion = res
      .json()
      .opinions.find((o: { departmentUnitId: string }) => o.departmentUnitId === landDept).id;
    ecoOpinion = res
      .json()
      .opinions.find((o: { departmentUnitId: string }) => o.departmentUnitId === ecoDept).id;
  });

  it('shows a department the review and its own opinion only; a department not asked gets 404', async () => {
    const mine = await call(t.app, landHandler, 'GET', `/api/pre-reviews/${reviewId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().allOpinionsVisible).toBe(false);
    expect(mine.json().opinions.map((o: { id: string }) => o.id)).toEqual([landOpinion]);
    expect((await call(t.app, otherHandler, 'GET', `/api/pre-reviews/${reviewId}`)).statusCode).toBe(404);
    expect((await call(t.app, otherHandler, 'GET', '/api/pre-reviews')).json().items).toEqual([]);
    expect((await call(t.app, otherReporter, 'GET', `/api/pre-reviews/${reviewId}`)).statusCode).toBe(404);
    const unit = (await call(t.app, reporter, 'GET', `/api/pre-reviews/${reviewId}`)).json();
    expect(unit.opinions).toHaveLength(2);
    const list = (await call(t.app, landHandler, 'GET', '/api/pre-reviews?status=open')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    expect(list.items[0]).toMatchObject({ opinionsAsked: 1 });
    expect((await call(t.app, leader, 'GET', `/api/pre-reviews/${reviewId}`)).json().opinions).toHaveLength(
      2,
    );
  });

  it('takes a department’s opinion with text for a conditional verdict, and a file, on its own opinion only', async () => {
    const noText = await call(
      t.app,
      landHandler,
      'PUT',
      `/api/pre-reviews/${reviewId}/opinions/${landOpinion}`,
      {
        verdict: 'conditional',
      },
    );
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error).toMatchObject({
      code: 'pre_reviews.opinion_text_required',
      fields: { opinion: {} },
    });
    const other = await call(
      t.app,
      landHandler,
      'PUT',
      `/api/pre-reviews/${reviewId}/opinions/${ecoOpinion}`,
      {
        verdict: 'agree',
      },
    );
    expect(other.statusCode).toBe(404);
    const ok = await call(t.app, landHandler, 'PUT', `/api/pre-reviews/${reviewId}/opinions/${landOpinion}`, {
      verdict: 'conditional',
      opinion: '须调整用地红线，避让基本农田',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().opinions[0]).toMatchObject({ verdict: 'conditional', late: false });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await uploadFile(
      t.app,
      landHandler,
      `/api/pre-reviews/${reviewId}/opinions/${landOpinion}/files`,
      {
        filename: '用地意见.pdf',
        content: pdf,
      },
    );
    expect(up.statusCode, up.body).toBe(201);
    const fileUrl = `/api/pre-reviews/${reviewId}/opinions/${landOpinion}/files/${up.json().id}`;
    expect((await call(t.app, center, 'GET', fileUrl)).statusCode).toBe(200);
    expect((await call(t.app, ecoHandler, 'GET', fileUrl)).statusCode).toBe(404);
    const notAsked = await uploadFile(
      t.app,
      ecoHandler,
      `/api/pre-reviews/${reviewId}/opinions/${landOpinion}/files`,
      {
        filename: 'x.pdf',
        content: pdf,
      },
    );
    expect(notAsked.statusCode).toBe(404);
  });

  it('flags a late answer, tells the center when all opinions are in, and decides only with confirmation before', async () => {
    t.clock.set(new Date('2026-12-10T02:00:00Z'));
    // Twelve days on, yesterday's sessions have expired: sign the same people in again.
    center = await sessionFor(t.db, centerUserId, t.clock.now());
    landHandler = await sessionFor(t.db, ids.land, t.clock.now());
    ecoHandler = await sessionFor(t.db, ids.eco, t.clock.now());
    const list = (await call(t.app, center, 'GET', '/api/pre-reviews?overdue=true')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: reviewId, overdueOpinions: 1 })]);
    const early = await call(t.app, center, 'POST', `/api/pre-reviews/${reviewId}/decide`, {
      version: 1,
      combinedOpinion: '原则同意',
      decision: 'approved',
      meetingKind: 'investment_committee',
      meetingOn: '2026-12-10',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('pre_reviews.opinions_missing');

    const late = await call(t.app, ecoHandler, 'PUT', `/api/pre-reviews/${reviewId}/opinions/${ecoOpinion}`, {
      verdict: 'agree',
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().opinions[0]).toMatchObject({ verdict: 'agree', late: true, overdue: false });
    const told = await t.db
      .selectFrom('notifications')
      .select(['userId', 'kind'])
      .where('subjectId', '=', reviewId)
      .where('kind', '=', 'pre_review.opinions_complete')
      .execute();
    expect(told).toEqual([{ userId: centerUserId, kind: 'pre_review.opinions_complete' }]);

    const decided = await call(t.app, center, 'POST', `/api/pre-reviews/${reviewId}/decide`, {
      version: 1,
      combinedOpinion: '有条件通过：调整用地红线',
      decision: 'conditional',
      meetingKind: 'investment_committee',
      meetingOn: '2026-12-10',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'decided',
      decision: 'conditional',
      meetingKind: 'investment_committee',
    });
    const afterwards = await call(
      t.app,
      landHandler,
      'PUT',
      `/api/pre-reviews/${reviewId}/opinions/${landOpinion}`,
      {
        verdict: 'agree',
      },
    );
    expect(afterwards.json().error.code).toBe('pre_reviews.not_open');
    const c = (await call(t.app, center, 'GET', '/api/pre-reviews/candidates')).json();
    expect(c.items).toEqual([]);
  });

  it('decides before every opinion is in when the center confirms it', async () => {
    const p2 = (await buildSignedProject(t.db, { unitId: town, name: '第二项目' })).id;
    const opened = await call(t.app, center, 'POST', '/api/pre-reviews', { ...openBody(), projectId: p2 });
    const decided = await call(t.app, center, 'POST', `/api/pre-reviews/${opened.json().id}/decide`, {
      version: 1,
      combinedOpinion: '不予通过',
      decision: 'rejected',
      meetingKind: 'executive',
      meetingOn: '2026-12-10',
      confirmIncomplete: true,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().opinions.every((o: { overdue: boolean }) => !o.overdue)).toBe(true);
    expect(
      (await call(t.app, landHandler, 'POST', `/api/pre-reviews/${opened.json().id}/cancel`, { version: 2 }))
        .statusCode,
    ).toBe(403);
    const cancel = await call(t.app, center, 'POST', `/api/pre-reviews/${opened.json().id}/cancel`, {
      version: 2,
    });
    expect(cancel.json().error.code).toBe('pre_reviews.not_open');
  });
});
