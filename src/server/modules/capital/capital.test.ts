import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import {
  buildDistrict,
  buildProject,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';

let t: TestApp;
let districtId: string;
let town: string;
let otherTown: string;
let reporter: Session;
let head: Session;
let otherHead: Session;
let otherReporter: Session;
let center: Session;
let projectId: string;
let secondId: string;

const figures = (o: Partial<Record<string, string | number>> = {}) => ({
  fundsOutOfProvinceYuan: '0',
  fundsInProvinceYuan: '0',
  fundsForeignYuan: '0',
  fundsLocalYuan: '0',
  completedInvestmentYuan: '0',
  foreignUsedUsdCents: '0',
  note: null,
  version: null as number | null,
  ...o,
});

async function as(roles: Role[], unitId: string) {
  return sessionFor(t.db, (await buildUser(t.db, { unitId, roles })).id, t.clock.now());
}

beforeAll(async () => {
  t = await buildTestApp();
  // China time 2026-03-05 10:00: February is due on 2026-03-10.
  t.clock.set(new Date('2026-03-05T02:00:00Z'));
  districtId = (await buildDistrict(t.db)).id;
  town = (await buildUnit(t.db, { districtId, name: '资金镇' })).id;
  otherTown = (await buildUnit(t.db, { districtId, name: '邻镇' })).id;
  const centerUnit = (await buildUnit(t.db, { districtId, kind: 'center' })).id;
  reporter = await as(['unit_reporter'], town);
  head = await as(['unit_head'], town);
  otherHead = await as(['unit_head'], otherTown);
  otherReporter = await as(['unit_reporter'], otherTown);
  center = await as(['center_admin'], centerUnit);
  projectId = (await buildSignedProject(t.db, { unitId: town, name: '甲项目', signingDate: '2025-06-15' }))
    .id;
  secondId = (await buildSignedProject(t.db, { unitId: town, name: '乙项目', signingDate: '2025-09-01' })).id;
});
afterAll(() => t.close());

describe('monthly capital reports', () => {
  it('runs fill → submit → approve → locked → reopen → edit', async () => {
    const put = (s: Session, body: object, id = projectId) =>
      call(t.app, s, 'PUT', `/api/projects/${id}/capital-reports/2026-02`, body);
    const first = await put(
      reporter,
      figures({ fundsOutOfProvinceYuan: '12000000', completedInvestmentYuan: '9000000' }),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month: '2026-02', fundsInPlaceYuan: '12000000', version: 1 });

    const sheet = await call(t.app, reporter, 'GET', `/api/capital/months/2026-02?unitId=${town}`);
    expect(
      sheet
        .json()
        .rows.map((r: { projectName: string }) => r.projectName)
        .sort(),
    ).toEqual(['甲项目', '乙项目'].sort());
    expect(sheet.json()).toMatchObject({
      editable: true,
      submission: { status: 'none', reported: 1, projects: 2 },
    });

    const submitted = await call(t.app, reporter, 'POST', '/api/capital/months/2026-02/submit', {
      unitId: town,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', punctuality: 'on_time' });

    const whileSubmitted = await put(reporter, figures({ version: 1 }));
    expect(whileSubmitted.statusCode).toBe(409);
    expect(whileSubmitted.json().error.code).toBe('capital.month_locked');

    const approved = await call(t.app, head, 'POST', '/api/capital/months/2026-02/approve', { unitId: town });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    const locked = await put(reporter, figures({ version: 1 }), secondId);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.messageZh).toContain('审核锁定');

    const noReason = await call(t.app, center, 'POST', '/api/capital/months/2026-02/reopen', {
      unitId: town,
    });
    expect(noReason.statusCode).toBe(400);
    const reopened = await call(t.app, center, 'POST', '/api/capital/months/2026-02/reopen', {
      unitId: town,
      reason: '境外资金口径有误',
    });
    expect(reopened.json()).toMatchObject({ status: 'returned', returnReason: '境外资金口径有误' });

    const edited = await put(
      reporter,
      figures({ fundsOutOfProvinceYuan: '11000000', fundsForeignYuan: '1000000', version: 1 }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, fundsInPlaceYuan: '12000000' });

    const resubmitted = await call(t.app, reporter, 'POST', '/api/capital/months/2026-02/submit', {
      unitId: town,
    });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', punctuality: 'on_time' });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', `${town}:2026-02`)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'capital.submit',
      'capital.approve',
      'capital.reopen',
      'capital.submit',
    ]);
  });

  it('refuses a stale edit', async () => {
    const body = figures({ fundsLocalYuan: '5' });
    const a = await call(t.app, reporter, 'PUT', `/api/projects/${secondId}/capital-reports/2026-01`, body);
    expect(a.statusCode).toBe(200);
    const b = await call(t.app, reporter, 'PUT', `/api/projects/${secondId}/capital-reports/2026-01`, body);
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('capital.version_conflict');
  });

  it('lets neither a reporter nor another town’s head approve', async () => {
    await call(t.app, reporter, 'PUT', `/api/projects/${projectId}/capital-reports/2026-01`, figures());
    await call(t.app, reporter, 'POST', '/api/capital/months/2026-01/submit', { unitId: town });
    const byReporter = await call(t.app, reporter, 'POST', '/api/capital/months/2026-01/approve', {
      unitId: town,
    });
    expect(byReporter.statusCode).toBe(403);
    const byOtherHead = await call(t.app, otherHead, 'POST', '/api/capital/months/2026-01/approve', {
      unitId: town,
    });
    expect(byOtherHead.statusCode).toBe(404);
    const byHead = await call(t.app, head, 'POST', '/api/capital/months/2026-01/reopen', {
      unitId: town,
      reason: 'x',
    });
    expect(byHead.statusCode).toBe(403);
    const returned = await call(t.app, head, 'POST', '/api/capital/months/2026-01/return', {
      unitId: town,
      reason: '请补充凭证',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充凭证' });
    // January was first submitted on 2026-03-05, after its due day 2026-02-10: late, and stays late.
    expect(returned.json().punctuality).toBe('late');
  });

  it('lets the center approve or return any unit of its district, and not approve twice', async () => {
    const sub = await call(t.app, otherReporter, 'POST', '/api/capital/months/2026-02/submit', {
      unitId: otherTown,
    });
    expect(sub.json()).toMatchObject({ status: 'submitted', projects: 0, reported: 0 });
    const ok = await call(t.app, center, 'POST', '/api/capital/months/2026-02/approve', {
      unitId: otherTown,
    });
    expect(ok.json()).toMatchObject({ status: 'approved', unitName: '邻镇' });
    const again = await call(t.app, center, 'POST', '/api/capital/months/2026-02/approve', {
      unitId: otherTown,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('capital.transition_invalid');
  });

  it('refuses a future month, a month before signing, and a project not yet signed', async () => {
    const future = await call(
      t.app,
      reporter,
      'PUT',
      `/api/projects/${projectId}/capital-reports/2026-04`,
      figures(),
    );
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('capital.month_in_future');
    const early = await call(
      t.app,
      reporter,
      'PUT',
      `/api/projects/${projectId}/capital-reports/2025-05`,
      figures(),
    );
    expect(early.json().error.code).toBe('capital.month_before_signing');
    const talking = await buildProject(t.db, { unitId: town });
    const notSigned = await call(
      t.app,
      reporter,
      'PUT',
      `/api/projects/${talking.id}/capital-reports/2026-02`,
      figures(),
    );
    expect(notSigned.json().error.code).toBe('capital.project_not_reporting');
    const submitFuture = await call(t.app, reporter, 'POST', '/api/capital/months/2026-05/submit', {
      unitId: town,
    });
    expect(submitFuture.statusCode).toBe(422);
  });

  it('sums exactly in 元 and US cents, beyond what a float holds', async () => {
    await call(
      t.app,
      reporter,
      'PUT',
      `/api/projects/${projectId}/capital-reports/2025-12`,
      figures({ fundsLocalYuan: '9007199254740993', foreignUsedUsdCents: '1' }),
    );
    await call(
      t.app,
      reporter,
      'PUT',
      `/api/projects/${secondId}/capital-reports/2025-12`,
      figures({ fundsLocalYuan: '1', fundsForeignYuan: '2', foreignUsedUsdCents: '999999999' }),
    );
    const sheet = (await call(t.app, head, 'GET', `/api/capital/months/2025-12?unitId=${town}`)).json();
    expect(sheet.totals).toMatchObject({
      fundsLocalYuan: '9007199254740994',
      fundsInPlaceYuan: '9007199254740996',
      foreignUsedUsdCents: '1000000000',
    });
  });

  it('shows the center each unit on time, late or missing; a unit only itself', async () => {
    const all = (await call(t.app, center, 'GET', '/api/capital/submissions?month=2026-01')).json();
    const byUnit = new Map(all.map((s: { unitId: string }) => [s.unitId, s]));
    expect(byUnit.get(town)).toMatchObject({ punctuality: 'late', status: 'returned' });
    expect(byUnit.get(otherTown)).toMatchObject({ punctuality: 'missing', status: 'none' });
    const feb = (await call(t.app, center, 'GET', '/api/capital/submissions?month=2026-03')).json();
    expect(feb.find((s: { unitId: string }) => s.unitId === otherTown).punctuality).toBe('not_due');
    const own = (await call(t.app, otherReporter, 'GET', '/api/capital/submissions?month=2026-01')).json();
    expect(own.map((s: { unitId: string }) => s.unitId)).toEqual([otherTown]);
  });

  it('lets the center move the on-time day, which changes what counts as missing', async () => {
    const quietTown = (await buildUnit(t.db, { districtId, name: '未报镇' })).id;
    const februaryOf = async () =>
      (await call(t.app, center, 'GET', '/api/capital/submissions?month=2026-02'))
        .json()
        .find((s: { unitId: string }) => s.unitId === quietTown).punctuality;
    expect((await call(t.app, center, 'GET', '/api/settings/capital-due-day')).json()).toEqual({
      dueDay: 10,
    });
    expect(await februaryOf()).toBe('not_due'); // today is 03-05, due 03-10
    expect(
      (await call(t.app, reporter, 'PUT', '/api/settings/capital-due-day', { dueDay: 3 })).statusCode,
    ).toBe(403);
    const tooLate = await call(t.app, center, 'PUT', '/api/settings/capital-due-day', { dueDay: 31 });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().error.fields.dueDay).toBeDefined();
    const set = await call(t.app, center, 'PUT', '/api/settings/capital-due-day', { dueDay: 3 });
    expect(set.json()).toEqual({ dueDay: 3 });
    expect(await februaryOf()).toBe('missing'); // due 03-03, passed
    await call(t.app, center, 'PUT', '/api/settings/capital-due-day', { dueDay: 10 });
    expect(await februaryOf()).toBe('not_due');
  });

  it('never shows another town the reports, the sheet or the vouchers', async () => {
    const list = await call(t.app, otherReporter, 'GET', `/api/projects/${projectId}/capital-reports`);
    expect(list.statusCode).toBe(404);
    const sheet = await call(t.app, otherReporter, 'GET', `/api/capital/months/2026-02?unitId=${town}`);
    expect(sheet.statusCode).toBe(404);
    const report = (await call(t.app, reporter, 'GET', `/api/projects/${projectId}/capital-reports`)).json()
      .months[0];
    const vouchers = await call(t.app, otherReporter, 'GET', `/api/capital/reports/${report.id}/vouchers`);
    expect(vouchers.statusCode).toBe(404);
    const xlsx = await call(
      t.app,
      otherReporter,
      'GET',
      `/api/capital/export.xlsx?month=2026-02&unitId=${town}`,
    );
    expect(xlsx.statusCode).toBe(200);
    const own = await call(t.app, reporter, 'GET', `/api/capital/export.xlsx?month=2026-02`);
    expect(own.body.length).toBeGreaterThan(xlsx.body.length);
  });

  it('keeps vouchers on a report: upload, download in scope only, delete, locked with the month', async () => {
    const report = (
      await call(t.app, reporter, 'PUT', `/api/projects/${secondId}/capital-reports/2025-11`, figures())
    ).json();
    const pdf = '%PDF-1.4\n%%EOF\n';
    const upload = (s: Session, content = pdf) =>
      uploadFile(t.app, s, `/api/capital/reports/${report.id}/vouchers`, {
        filename: '到账凭证.pdf',
        content,
      });
    const up = await upload(reporter);
    expect(up.statusCode, up.body).toBe(201);
    const bad = await upload(reporter, 'plain text, not a pdf');
    expect(bad.statusCode).toBe(415);
    const id = up.json().id as string;
    expect((await call(t.app, head, 'GET', `/api/attachments/${id}`)).statusCode).toBe(200);
    expect((await call(t.app, otherReporter, 'GET', `/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await upload(otherReporter)).statusCode).toBe(404);
    const listed = (await call(t.app, center, 'GET', `/api/capital/reports/${report.id}/vouchers`)).json();
    expect(listed.map((v: { filename: string }) => v.filename)).toEqual(['到账凭证.pdf']);

    await call(t.app, reporter, 'POST', '/api/capital/months/2025-11/submit', { unitId: town });
    expect((await upload(reporter)).statusCode).toBe(409);
    const delLocked = await call(
      t.app,
      reporter,
      'DELETE',
      `/api/capital/reports/${report.id}/vouchers/${id}`,
    );
    expect(delLocked.statusCode).toBe(409);
    await call(t.app, head, 'POST', '/api/capital/months/2025-11/return', {
      unitId: town,
      reason: '凭证不清晰',
    });
    const del = await call(t.app, reporter, 'DELETE', `/api/capital/reports/${report.id}/vouchers/${id}`);
    expect(del.statusCode).toBe(204);
    expect((await call(t.app, head, 'GET', `/api/attachments/${id}`)).statusCode).toBe(404);
  });
});
