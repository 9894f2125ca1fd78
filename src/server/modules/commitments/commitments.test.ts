import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildAgreement,
  buildCommitment,
  buildDepartment,
  buildDistrict,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';

let t: TestApp;

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z')); // 2026-11-28 in China
});
afterAll(() => t.close());

describe('commitments: who records, fulfils, cancels and reopens', () => {
  let districtId: string;
  let reporter: Session;
  let otherReporter: Session;
  let center: Session;
  let leader: Session;
  let landHandler: Session;
  let landHandlerId: string;
  let taxHandler: Session;
  let land: string;
  let tax: string;
  let projectId: string;
  let agreementId: string;
  let foreignAgreementId: string;
  let id: string;
  let version: number;

  beforeAll(async () => {
    districtId = (await buildDistrict(t.db)).id;
    const town = (await buildUnit(t.db, { districtId })).id;
    const otherTown = (await buildUnit(t.db, { districtId })).id;
    land = (await buildDepartment(t.db, { districtId, name: '自然资源和规划局' })).id;
    tax = (await buildDepartment(t.db, { districtId, name: '税务局' })).id;
    reporter = await as(['unit_reporter'], town);
    otherReporter = await as(['unit_reporter'], otherTown);
    center = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
    leader = await as(['leader'], town);
    const h = await buildUser(t.db, { unitId: land, roles: ['department_handler'] });
    landHandlerId = h.id;
    landHandler = await sessionFor(t.db, h.id, t.clock.now());
    taxHandler = await as(['department_handler'], tax);
    projectId = (await buildSignedProject(t.db, { unitId: town, signingDate: '2026-06-01' })).id;
    agreementId = (await buildAgreement(t.db, { projectId })).id;
    const otherProject = await buildSignedProject(t.db, { unitId: otherTown });
    foreignAgreementId = (await buildAgreement(t.db, { projectId: otherProject.id })).id;
  });

  it('the project’s unit records a commitment on its agreement, and the owner department is told', async () => {
    const res = await call(t.app, reporter, 'POST', '/api/commitments', {
      projectId,
      agreementId,
      kind: 'land',
      content: '  协议签订后三个月内完成供地  ',
      amountYuan: '12000000',
      departmentUnitId: land,
      dueOn: '2026-11-20',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      content: '协议签订后三个月内完成供地',
      status: 'pending',
      departmentName: '自然资源和规划局',
      agreementId,
      overdue: true,
      daysOverdue: 8,
      version: 1,
      files: [],
      can: { edit: true, fulfil: false, reopen: false },
    });
    id = c.id;
    version = c.version;
    const told = await t.db
      .selectFrom('notifications')
      .select(['userId', 'kind', 'link', 'dueOn'])
      .where('subjectId', '=', id)
      .execute();
    expect(told).toEqual([
      {
        userId: landHandlerId,
        kind: 'commitment.created',
        link: `/landing/commitments?open=${id}`,
        dueOn: '2026-11-20',
      },
    ]);
  });

  it('refuses an agreement of another project, a non-department owner, and creation outside the unit', async () => {
    const body = {
      projectId,
      kind: 'policy',
      content: '享受固定资产投资奖励',
      departmentUnitId: tax,
      dueOn: '2027-03-31',
    };
    const a = await call(t.app, reporter, 'POST', '/api/commitments', {
      ...body,
      agreementId: foreignAgreementId,
    });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.code).toBe('commitments.agreement_invalid');
    const townAsOwner = (
      await t.db.selectFrom('projects').select('unitId').where('id', '=', projectId).executeTakeFirstOrThrow()
    ).unitId;
    const d = await call(t.app, reporter, 'POST', '/api/commitments', {
      ...body,
      departmentUnitId: townAsOwner,
    });
    expect(d.statusCode).toBe(400);
    expect(d.json().error.code).toBe('commitments.department_invalid');
    expect((await call(t.app, otherReporter, 'POST', '/api/commitments', body)).statusCode).toBe(404);
    const byHandler = await call(t.app, landHandler, 'POST', '/api/commitments', body);
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().error.code).toBe('access.denied');
  });

  it('a department sees only the commitments assigned to it', async () => {
    const other = await call(t.app, reporter, 'POST', '/api/commitments', {
      projectId,
      kind: 'policy',
      content: '享受固定资产投资奖励',
      departmentUnitId: tax,
      dueOn: '2027-03-31',
    });
    expect(other.statusCode, other.body).toBe(201);
    const mine = (await call(t.app, landHandler, 'GET', '/api/commitments')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(mine.items[0].can).toEqual({ edit: false, fulfil: true, reopen: false });
    expect((await call(t.app, taxHandler, 'GET', `/api/commitments/${id}`)).statusCode).toBe(404);
    expect((await call(t.app, otherReporter, 'GET', '/api/commitments')).json().total).toBe(0);
    const all = (await call(t.app, leader, 'GET', '/api/commitments')).json();
    expect(all).toMatchObject({ total: 2, overdueTotal: 1 });
    expect(all.items[0]).toMatchObject({ id, can: { edit: false, fulfil: false, reopen: false } });
    const overdue = (
      await call(t.app, center, 'GET', `/api/commitments?overdue=true&departmentUnitId=${land}`)
    ).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const kinds = (await call(t.app, center, 'GET', '/api/commitments?kind=policy')).json();
    expect(kinds.items.map((c: { kind: string }) => c.kind)).toEqual(['policy']);
  });

  it('the unit edits a pending commitment with the version it loaded; a stale version is refused', async () => {
    const ok = await call(t.app, reporter, 'PATCH', `/api/commitments/${id}`, {
      version,
      amountYuan: '15000000',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ amountYuan: '15000000', version: version + 1 });
    const stale = await call(t.app, reporter, 'PATCH', `/api/commitments/${id}`, {
      version,
      amountYuan: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('commitments.version_conflict');
    version += 1;
  });

  it('fulfilment needs evidence and is recorded only by the owner department or the center', async () => {
    const url = `/api/commitments/${id}/fulfil`;
    const noEvidence = await call(t.app, landHandler, 'POST', url, { version, fulfilledOn: '2026-11-27' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.fields).toHaveProperty('evidence');
    const blank = await call(t.app, landHandler, 'POST', url, {
      version,
      fulfilledOn: '2026-11-27',
      evidence: '   ',
    });
    expect(blank.statusCode).toBe(400);
    const future = await call(t.app, landHandler, 'POST', url, {
      version,
      fulfilledOn: '2026-11-29',
      evidence: '已供地',
    });
    expect(future.json().error.code).toBe('commitments.fulfilled_on_future');
    const byUnit = await call(t.app, reporter, 'POST', url, {
      version,
      fulfilledOn: '2026-11-27',
      evidence: '已供地',
    });
    expect(byUnit.statusCode).toBe(403);
    expect(byUnit.json().error.code).toBe('commitments.not_assigned');
    expect(
      (await call(t.app, taxHandler, 'POST', url, { version, fulfilledOn: '2026-11-27', evidence: 'x' }))
        .statusCode,
    ).toBe(404);

    const pdf = await uploadFile(t.app, landHandler, `/api/commitments/${id}/files`, {
      filename: '供地批复.pdf',
      content: '%PDF-1.4\n%%EOF\n',
    });
    expect(pdf.statusCode, pdf.body).toBe(201);
    const ok = await call(t.app, landHandler, 'POST', url, {
      version,
      fulfilledOn: '2026-11-27',
      evidence: '已签订国有建设用地使用权出让合同',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'fulfilled',
      fulfilledOn: '2026-11-27',
      overdue: false,
      late: true,
      files: [{ filename: '供地批复.pdf' }],
      can: { edit: false, fulfil: false, reopen: false },
    });
    version = ok.json().version;
    const file = await call(t.app, landHandler, 'GET', `/api/commitments/${id}/files/${pdf.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('供地批复.pdf'));
    expect(
      (await call(t.app, otherReporter, 'GET', `/api/commitments/${id}/files/${pdf.json().id}`)).statusCode,
    ).toBe(404);
    const del = await call(t.app, landHandler, 'DELETE', `/api/commitments/${id}/files/${pdf.json().id}`);
    expect(del.json().error.code).toBe('commitments.evidence_locked');

    const again = await call(t.app, landHandler, 'POST', url, {
      version,
      fulfilledOn: '2026-11-27',
      evidence: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('commitments.not_pending');
    const edit = await call(t.app, reporter, 'PATCH', `/api/commitments/${id}`, {
      version,
      content: '改写承诺',
    });
    expect(edit.json().error.code).toBe('commitments.not_pending');
  });

  it('only the center puts a fulfilled commitment back to pending, with a reason kept in the audit log', async () => {
    const url = `/api/commitments/${id}/reopen`;
    const byUnit = await call(t.app, reporter, 'POST', url, { version, reason: '佐证不足' });
    expect(byUnit.statusCode).toBe(403);
    const noReason = await call(t.app, center, 'POST', url, { version });
    expect(noReason.statusCode).toBe(400);
    const ok = await call(t.app, center, 'POST', url, { version, reason: '出让合同尚未备案，佐证不足' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'pending', fulfilledOn: null, overdue: true, files: [{}] });
    version = ok.json().version;
    const log = await t.db
      .selectFrom('auditLog')
      .select('changes')
      .where('action', '=', 'commitments.reopen')
      .where('result', '=', 'success')
      .where('objectId', '=', id)
      .executeTakeFirstOrThrow();
    expect(log.changes).toMatchObject({
      reason: { after: '出让合同尚未备案，佐证不足' },
      status: { before: 'fulfilled', after: 'pending' },
    });
    const twice = await call(t.app, center, 'POST', url, { version, reason: '再次退回' });
    expect(twice.json().error.code).toBe('commitments.already_pending');
  });

  it('the unit cancels with a reason; a department cannot; the center may fulfil on a department’s behalf', async () => {
    const body = { version, reason: '企业调整建设方案，改为租赁厂房' };
    const byHandler = await call(t.app, landHandler, 'POST', `/api/commitments/${id}/cancel`, body);
    expect(byHandler.statusCode).toBe(403);
    expect(
      (await call(t.app, reporter, 'POST', `/api/commitments/${id}/cancel`, { version })).statusCode,
    ).toBe(400);
    const ok = await call(t.app, reporter, 'POST', `/api/commitments/${id}/cancel`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'cancelled', cancelReason: body.reason, overdue: false });

    const c = await buildCommitment(t.db, { projectId, departmentUnitId: tax, dueOn: '2026-12-31' });
    const byCenter = await call(t.app, center, 'POST', `/api/commitments/${c.id}/fulfil`, {
      version: 1,
      fulfilledOn: '2026-11-28',
      evidence: '奖励资金已拨付，见拨付凭证',
    });
    expect(byCenter.statusCode, byCenter.body).toBe(200);
    expect(byCenter.json()).toMatchObject({ status: 'fulfilled', late: false });
  });
});

describe('commitment rates (兑现率)', () => {
  let center: Session;
  let ySession: Session;
  let x: string;
  let y: string;
  let c6: string;

  beforeAll(async () => {
    const districtId = (await buildDistrict(t.db)).id;
    const town = (await buildUnit(t.db, { districtId })).id;
    center = await as(['center_admin'], (await buildUnit(t.db, { districtId, kind: 'center' })).id);
    x = (await buildDepartment(t.db, { districtId, name: '甲局' })).id;
    y = (await buildDepartment(t.db, { districtId, name: '乙局' })).id;
    ySession = await as(['department_handler'], y);
    const projectId = (await buildSignedProject(t.db, { unitId: town })).id;
    const add = async (
      dept: string,
      dueOn: string,
      status?: 'fulfilled' | 'cancelled',
      fulfilledOn?: string,
    ) => {
      const c = await buildCommitment(t.db, { projectId, departmentUnitId: dept, dueOn });
      if (status) {
        await t.db
          .updateTable('commitments')
          .set(
            status === 'fulfilled'
              ? { status, fulfilledOn, evidence: '兑现凭证' }
              : { status, cancelReason: '企业放弃' },
          )
          .where('id', '=', c.id)
          .execute();
      }
      return c.id;
    };
    await add(x, '2026-10-01', 'fulfilled', '2026-09-20'); // on time
    await add(x, '2026-10-15', 'fulfilled', '2026-11-01'); // late
    await add(x, '2026-11-01'); // pending, overdue
    await add(x, '2026-12-31'); // pending, not yet due
    await add(x, '2026-09-01', 'cancelled'); // leaves both counts
    c6 = await add(y, '2026-11-20'); // pending, overdue
    await add(y, '2026-11-10', 'fulfilled', '2026-11-10'); // on time (the due day itself)
  });

  it('counts due, fulfilled and on time per department and overall, worked out by hand', async () => {
    const r = (await call(t.app, center, 'GET', '/api/commitments/rates')).json();
    expect(r.cutOff).toBe('2026-11-28');
    expect(r.overall).toEqual({
      due: 5,
      fulfilled: 3,
      onTime: 2,
      rate: '60.00',
      onTimeRate: '40.00',
      pending: 3,
      overdue: 2,
    });
    expect(r.departments).toEqual([
      expect.objectContaining({
        departmentUnitId: x,
        due: 3,
        fulfilled: 2,
        onTime: 1,
        rate: '66.67',
        onTimeRate: '33.33',
        pending: 2,
        overdue: 1,
      }),
      expect.objectContaining({
        departmentUnitId: y,
        due: 2,
        fulfilled: 1,
        onTime: 1,
        rate: '50.00',
        onTimeRate: '50.00',
        pending: 1,
        overdue: 1,
      }),
    ]);
  });

  it('a cut-off counts only what was due and fulfilled by that day', async () => {
    const r = (await call(t.app, center, 'GET', '/api/commitments/rates?cutOff=2026-10-20')).json();
    expect(r.overall).toMatchObject({ due: 2, fulfilled: 1, onTime: 1, rate: '50.00', onTimeRate: '50.00' });
    const byDept = Object.fromEntries(
      r.departments.map((d: { departmentUnitId: string }) => [d.departmentUnitId, d]),
    );
    expect(byDept[x]).toMatchObject({ due: 2, fulfilled: 1, rate: '50.00' });
    expect(byDept[y]).toMatchObject({ due: 0, fulfilled: 0, rate: null, onTimeRate: null });
  });

  it('each count opens a list of exactly the rows it counts', async () => {
    const r = (await call(t.app, center, 'GET', '/api/commitments/rates')).json();
    for (const d of r.departments) {
      for (const [counted, n] of [
        ['due', d.due],
        ['fulfilled', d.fulfilled],
        ['on_time', d.onTime],
        ['unfulfilled', d.due - d.fulfilled],
      ]) {
        const list = (
          await call(
            t.app,
            center,
            'GET',
            `/api/commitments?counted=${counted}&cutOff=${r.cutOff}&departmentUnitId=${d.departmentUnitId}`,
          )
        ).json();
        expect(list.total, `${d.departmentName} ${counted}`).toBe(n);
      }
    }
  });

  it('a department reads its own rate; fulfilling with evidence changes the rates', async () => {
    const own = (await call(t.app, ySession, 'GET', '/api/commitments/rates')).json();
    expect(own.departments.map((d: { departmentUnitId: string }) => d.departmentUnitId)).toEqual([y]);
    expect(own.overall).toMatchObject({ due: 2, fulfilled: 1, rate: '50.00' });

    const done = await call(t.app, ySession, 'POST', `/api/commitments/${c6}/fulfil`, {
      version: 1,
      fulfilledOn: '2026-11-28',
      evidence: '已完成环评批复，批复文号见附件',
    });
    expect(done.statusCode, done.body).toBe(200);
    const r = (await call(t.app, center, 'GET', '/api/commitments/rates')).json();
    expect(r.overall).toMatchObject({
      due: 5,
      fulfilled: 4,
      onTime: 2,
      rate: '80.00',
      onTimeRate: '40.00',
      overdue: 1,
    });
    expect(r.departments[1]).toMatchObject({
      departmentUnitId: y,
      fulfilled: 2,
      onTime: 1,
      rate: '100.00',
      onTimeRate: '50.00',
      overdue: 0,
    });
  });
});
