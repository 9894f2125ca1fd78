import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { buildDistrict, buildSignedProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';

let t: TestApp;
let town: string;
let reporter: Session;
let otherReporter: Session;
let center: Session;
let projectId: string;

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  const districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId })).id;
  const otherTown = (await buildUnit(t.db, { districtId })).id;
  reporter = await as(['unit_reporter'], town);
  otherReporter = await as(['unit_reporter'], otherTown);
  center = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
  projectId = (await buildSignedProject(t.db, { unitId: town, signingDate: '2025-03-01' })).id;
});
afterAll(() => t.close());

describe('agreements and 履约', () => {
  let agreementId: string;
  let startId: string;
  let produceId: string;

  it('records an agreement with milestones and judges the project not due, then behind when one lapses', async () => {
    const none = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/agreements`)).json();
    expect(none).toEqual({ performance: 'none', overdue: 0, agreements: [] });

    const a = await call(t.app, reporter, 'POST', `/api/projects/${projectId}/agreements`, {
      type: 'formal',
      title: '年产5万吨紧固件项目投资协议',
      signingDate: '2025-03-01',
      amountYuan: '500000000',
    });
    expect(a.statusCode, a.body).toBe(201);
    agreementId = a.json().id;
    const m1 = await call(t.app, reporter, 'POST', `/api/agreements/${agreementId}/milestones`, {
      kind: 'start',
      description: '2026年12月底前开工',
      dueDate: '2026-12-31',
    });
    expect(m1.statusCode, m1.body).toBe(201);
    startId = m1.json().id;
    let list = (await call(t.app, center, 'GET', `/api/projects/${projectId}/agreements`)).json();
    expect(list.performance).toBe('not_due');

    const m2 = await call(t.app, reporter, 'POST', `/api/agreements/${agreementId}/milestones`, {
      kind: 'invest',
      description: '首期投资2亿元到位',
      dueDate: '2026-10-31',
      targetYuan: '200000000',
    });
    produceId = m2.json().id;
    expect(m2.json()).toMatchObject({ overdue: true, status: 'pending' });
    list = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/agreements`)).json();
    expect(list).toMatchObject({ performance: 'behind', overdue: 1 });
    expect(list.agreements[0].milestones.map((m: { id: string }) => m.id)).toEqual([produceId, startId]);
  });

  it('lists overdue milestones in scope only, with how many days they are late', async () => {
    const mine = (await call(t.app, center, 'GET', '/api/milestones/overdue')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: produceId,
      daysOverdue: 28,
      agreementTitle: '年产5万吨紧固件项目投资协议',
    });
    expect((await call(t.app, otherReporter, 'GET', '/api/milestones/overdue')).json()).toEqual([]);
  });

  it('marks a milestone met with its day and actuals, and the project performs', async () => {
    const noDay = await call(t.app, reporter, 'POST', `/api/milestones/${produceId}/status`, {
      status: 'met',
      version: 1,
    });
    expect(noDay.statusCode).toBe(400);
    const future = await call(t.app, reporter, 'POST', `/api/milestones/${produceId}/status`, {
      status: 'met',
      metOn: '2026-12-01',
      version: 1,
    });
    expect(future.json().error.code).toBe('agreements.met_on_future');
    const met = await call(t.app, reporter, 'POST', `/api/milestones/${produceId}/status`, {
      status: 'met',
      metOn: '2026-11-20',
      actualYuan: '210000000',
      version: 1,
    });
    expect(met.json()).toMatchObject({
      status: 'met',
      metOn: '2026-11-20',
      actualYuan: '210000000',
      overdue: false,
    });
    const list = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/agreements`)).json();
    expect(list).toMatchObject({ performance: 'performing', overdue: 0 });
    const stale = await call(t.app, reporter, 'POST', `/api/milestones/${produceId}/status`, {
      status: 'missed',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const missed = await call(t.app, reporter, 'POST', `/api/milestones/${startId}/status`, {
      status: 'missed',
      note: '企业资金未到位',
      version: 1,
    });
    expect(missed.json()).toMatchObject({ status: 'missed', metOn: null });
    expect(
      (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/agreements`)).json().performance,
    ).toBe('behind');
  });

  it('edits an agreement and a milestone with their versions, and audits every write', async () => {
    const edit = await call(t.app, reporter, 'PATCH', `/api/agreements/${agreementId}`, {
      version: 1,
      parties: '甲方：区政府；乙方：某紧固件公司',
    });
    expect(edit.json()).toMatchObject({ version: 2, parties: '甲方：区政府；乙方：某紧固件公司' });
    const again = await call(t.app, reporter, 'PATCH', `/api/agreements/${agreementId}`, {
      version: 1,
      note: 'x',
    });
    expect(again.statusCode).toBe(409);
    const m = await call(t.app, reporter, 'PATCH', `/api/milestones/${startId}`, {
      version: 2,
      dueDate: '2027-03-31',
    });
    expect(m.json()).toMatchObject({ version: 3, dueDate: '2027-03-31' });
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'agreements.%')
      .where('result', '=', 'success')
      .execute();
    expect(actions.length).toBeGreaterThanOrEqual(7);
  });

  it('never lets another town see or change the agreements, milestones or files', async () => {
    expect(
      (await call(t.app, otherReporter, 'GET', `/api/projects/${projectId}/agreements`)).statusCode,
    ).toBe(404);
    const patch = await call(t.app, otherReporter, 'PATCH', `/api/agreements/${agreementId}`, {
      version: 2,
      note: '越权',
    });
    expect(patch.statusCode).toBe(404);
    const status = await call(t.app, otherReporter, 'POST', `/api/milestones/${startId}/status`, {
      status: 'waived',
      version: 3,
    });
    expect(status.statusCode).toBe(404);
    const add = await call(t.app, otherReporter, 'POST', `/api/agreements/${agreementId}/milestones`, {
      kind: 'other',
      description: '越权',
      dueDate: '2027-01-01',
    });
    expect(add.statusCode).toBe(404);

    const upload = (s: Session) =>
      uploadFile(t.app, s, `/api/agreements/${agreementId}/files`, {
        filename: '协议.pdf',
        content: '%PDF-1.4\n%%EOF\n',
      });
    expect((await upload(otherReporter)).statusCode).toBe(404);
    const up = await upload(reporter);
    expect(up.statusCode, up.body).toBe(201);
    expect((await call(t.app, otherReporter, 'GET', `/api/attachments/${up.json().id}`)).statusCode).toBe(
      404,
    );
    expect((await call(t.app, center, 'GET', `/api/attachments/${up.json().id}`)).statusCode).toBe(200);
    const files = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/agreements`)).json()
      .agreements[0].files;
    expect(files.map((f: { filename: string }) => f.filename)).toEqual(['协议.pdf']);
    const del = await call(t.app, reporter, 'DELETE', `/api/agreements/${agreementId}/files/${up.json().id}`);
    expect(del.statusCode).toBe(204);
  });
});
