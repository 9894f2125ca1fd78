import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict, buildSignedProject, buildUnit, buildUser, sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, type Session, type TestApp, uploadFile } from '../../test/test-app.js';
import { loadTargets } from '../progress/progress.compute.js';

// A small district worked out by hand. Year 2026, cut-off 2026-07-31 (序时进度 by months: 7/12 = 58.33%).
//   Town A: P1 signed 2026-03-10 1亿, P3 2026-06-20 5000万 (June), P2 2026-07-05 5000万 (July);
//           last year P4 2025-05-01 1亿.
//   Town B: nothing.   Department C: nothing.
// Targets: A signed_count 10 (quarters 2/3/3/2), A signed_amount 3亿, B signed_count 4, district signed_count 20.
let t: TestApp;
let districtId: string;
const u = { A: '', B: '', C: '' };
let center: Session;
let townA: Session;
let dept: Session;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function signed(unitId: string, signingDate: string, amount: string) {
  const p = await buildSignedProject(t.db, { unitId, signingDate });
  await t.db.updateTable('projects').set({ signedAmountYuan: amount }).where('id', '=', p.id).execute();
  return p.id;
}

const saveTargets = (s: Session, rows: unknown[], year = 2026) =>
  call(t.app, s, 'PUT', `/api/assessment/years/${year}/targets`, { rows });

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db, { name: '测试区' })).id;
  const centerUnit = await buildUnit(t.db, { districtId, kind: 'center', name: '投促中心' });
  u.A = (await buildUnit(t.db, { districtId, name: '甲镇' })).id;
  u.B = (await buildUnit(t.db, { districtId, name: '乙镇' })).id;
  u.C = (await buildUnit(t.db, { districtId, name: '商务局', kind: 'department' })).id;
  const at = t.clock.now();
  center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: centerUnit.id, roles: ['center_admin'] })).id,
    at,
  );
  townA = await sessionFor(t.db, (await buildUser(t.db, { unitId: u.A, roles: ['unit_reporter'] })).id, at);
  dept = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: u.C, roles: ['department_handler'] })).id,
    at,
  );
  await signed(u.A, '2026-03-10', '100000000');
  await signed(u.A, '2026-06-20', '50000000');
  await signed(u.A, '2026-07-05', '50000000');
  await signed(u.A, '2025-05-01', '100000000');
  const res = await saveTargets(center, [
    { unitId: u.A, indicatorKey: 'signed_count', annual: '10', q1: '2', q2: '3', q3: '3', q4: '2' },
    { unitId: u.A, indicatorKey: 'signed_amount', annual: '300000000' },
    { unitId: u.B, indicatorKey: 'signed_count', annual: '4' },
    { unitId: null, indicatorKey: 'signed_count', annual: '20' },
  ]);
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('year settings', () => {
  it('answers the defaults for a year the center has not set', async () => {
    const res = await call(t.app, townA, 'GET', '/api/assessment/years/2030/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2030,
      timeProgressBasis: 'months',
      goalRank: 3,
      definitions: { amountBasis: 'signed', excludeWithdrawn: true, capitalIncreaseIncrementOnly: true },
    });
  });

  it('saves the 口径 and settings and refuses an unknown 口径 key', async () => {
    const body = {
      definitions: { amountBasis: 'planned_total', minAmountYuan: '100000000', fundOrigins: ['foreign'] },
      timeProgressBasis: 'days',
      goalRank: 2,
      stalledMonths: 4,
      issuingBody: '测试区招商引资工作领导小组办公室',
      docPrefix: '测招办',
    };
    const bad = await call(t.app, center, 'PUT', '/api/assessment/years/2031/settings', {
      ...body,
      definitions: { ...body.definitions, countEverything: true },
    });
    expect(bad.statusCode).toBe(400);
    const badBasis = await call(t.app, center, 'PUT', '/api/assessment/years/2031/settings', {
      ...body,
      definitions: { amountBasis: 'contract_value' },
    });
    expect(badBasis.statusCode).toBe(400);
    const ok = await call(t.app, center, 'PUT', '/api/assessment/years/2031/settings', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const read = await call(t.app, townA, 'GET', '/api/assessment/years/2031/settings');
    expect(read.json()).toMatchObject({
      timeProgressBasis: 'days',
      goalRank: 2,
      stalledMonths: 4,
      docPrefix: '测招办',
      definitions: { amountBasis: 'planned_total', minAmountYuan: '100000000', fundOrigins: ['foreign'] },
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'assessment.settings')
      .where('result', '=', 'success')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets only the center change the settings', async () => {
    const res = await call(t.app, townA, 'PUT', '/api/assessment/years/2031/settings', {
      definitions: {},
      timeProgressBasis: 'months',
      goalRank: 1,
      stalledMonths: 3,
      issuingBody: null,
      docPrefix: null,
    });
    expect(res.statusCode).toBe(403);
  });

  it('lists the indicator catalogue with names, units and definitions', async () => {
    const res = await call(t.app, townA, 'GET', '/api/indicators/catalogue');
    expect(res.statusCode).toBe(200);
    const signedAmount = res.json().find((e: { key: string }) => e.key === 'signed_amount');
    expect(signedAmount).toMatchObject({ name: { zh: '签约额' }, unit: '元', kind: 'amount' });
    expect(signedAmount.options).toContain('capitalIncreaseIncrementOnly');
  });
});

describe('targets', () => {
  it('shows a town its own rows and the district row only', async () => {
    const res = await call(t.app, townA, 'GET', '/api/assessment/years/2026/targets');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.units.map((x: { id: string }) => x.id)).toEqual([u.A]);
    expect(view.rows.every((r: { unitId: string | null }) => r.unitId === u.A || r.unitId === null)).toBe(
      true,
    );
    expect(view.rows).toContainEqual({
      unitId: u.A,
      indicatorKey: 'signed_count',
      annual: '10',
      quarters: ['2', '3', '3', '2'],
    });
    const all = await call(t.app, center, 'GET', '/api/assessment/years/2026/targets');
    expect(all.json().rows).toHaveLength(4);
    expect(all.json().units.map((x: { name: string }) => x.name)).not.toContain('投促中心');
  });

  it('refuses a town’s attempt to save targets', async () => {
    const res = await saveTargets(townA, [{ unitId: u.A, indicatorKey: 'signed_count', annual: '1' }]);
    expect(res.statusCode).toBe(403);
  });

  it('returns every problem of a batch at once and saves none of it', async () => {
    const res = await saveTargets(center, [
      { unitId: u.B, indicatorKey: 'signed_amount', annual: '100000000.5' },
      { unitId: u.B, indicatorKey: 'signed_count', annual: '10', q1: '1', q2: '1', q3: '1', q4: '1' },
      { unitId: u.B, indicatorKey: 'no_such_indicator', annual: '1' },
      { unitId: u.B, indicatorKey: 'start_rate', annual: '11' },
      { unitId: u.B, indicatorKey: 'visits_out', annual: '-3' },
      { unitId: u.B, indicatorKey: 'started_count', annual: '1.23456' },
      { unitId: u.C, indicatorKey: 'signed_count', annual: '7' },
    ]);
    expect(res.statusCode).toBe(400);
    const { code, fields } = res.json().error;
    expect(code).toBe('targets.invalid');
    expect(Object.keys(fields).sort()).toEqual(
      [
        'rows.0.annual',
        'rows.1.q4',
        'rows.2.indicatorKey',
        'rows.3.annual',
        'rows.4.annual',
        'rows.5.annual',
      ].sort(),
    );
    expect(fields['rows.1.q4'].messageZh).toContain('四个季度合计 4个');
    const c = await loadTargets(t.db, districtId, 2026);
    expect(c.find((r) => r.unitId === u.C)).toBeUndefined();
  });

  it('refuses a unit of another district', async () => {
    const other = await buildUnit(t.db);
    const res = await saveTargets(center, [{ unitId: other.id, indicatorKey: 'signed_count', annual: '1' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('targets.unknown_unit');
  });

  it('upserts, keeps a ratio as a fraction, and deletes on a null annual', async () => {
    const first = await saveTargets(
      center,
      [
        { unitId: u.C, indicatorKey: 'start_rate', annual: '0.9' },
        { unitId: u.C, indicatorKey: 'visits_out', annual: '12' },
      ],
      2027,
    );
    expect(first.statusCode, first.body).toBe(200);
    const second = await saveTargets(
      center,
      [
        { unitId: u.C, indicatorKey: 'start_rate', annual: '0.85' },
        { unitId: u.C, indicatorKey: 'visits_out', annual: null },
      ],
      2027,
    );
    expect(second.json().rows).toEqual([
      { unitId: u.C, indicatorKey: 'start_rate', annual: '0.85', quarters: [null, null, null, null] },
    ]);
  });
});

describe('targets workbook', () => {
  it('reads back the exported workbook as the same targets', async () => {
    await saveTargets(
      center,
      [
        {
          unitId: u.B,
          indicatorKey: 'foreign_capital_used',
          annual: '123456789',
          q1: '23456789',
          q2: '50000000',
          q3: '25000000',
          q4: '25000000',
        },
        { unitId: u.C, indicatorKey: 'funds_in_place', annual: '1234567' },
        { unitId: null, indicatorKey: 'start_rate', annual: '0.875' },
      ],
      2028,
    );
    const before = await loadTargets(t.db, districtId, 2028);
    const file = await call(t.app, center, 'GET', '/api/assessment/years/2028/targets.xlsx');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['任务分解', '外资任务表']);
    const fx = wb.getWorksheet('外资任务表')!;
    const bRow = fx.getRows(1, fx.rowCount)!.find((r) => r.getCell(1).value === '乙镇')!;
    expect(bRow.getCell(2).value).toBe(123.456789);

    await t.db.deleteFrom('targets').where('year', '=', 2028).execute();
    const res = await uploadFile(t.app, center, '/api/assessment/years/2028/targets/import', {
      filename: 'targets.xlsx',
      content: file.rawPayload,
      contentType: XLSX,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: true, problems: [] });
    const sort = (rows: typeof before) =>
      [...rows].sort((a, b) => `${a.unitId}${a.indicatorKey}`.localeCompare(`${b.unitId}${b.indicatorKey}`));
    expect(sort(await loadTargets(t.db, districtId, 2028))).toEqual(sort(before));
  });

  it('lists every bad cell by sheet, row and column and saves nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务分解');
    ws.addRow(['单位', '签约项目数（个）', '签约额（万元）']);
    ws.addRow(['全区（市下达）', 30, 50000]);
    ws.addRow(['甲镇', 'abc', 1000]);
    ws.addRow(['不存在镇', 3, 100]);
    ws.addRow(['乙镇', -2, 100]);
    const fx = wb.addWorksheet('外资任务表');
    fx.addRow([
      '单位',
      '全年（万美元）',
      '一季度（万美元）',
      '二季度（万美元）',
      '三季度（万美元）',
      '四季度（万美元）',
    ]);
    fx.addRow(['甲镇', 100, 10, 20, 30, 30]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const count = async () =>
      (await t.db.selectFrom('targets').select('id').where('year', '=', 2029).execute()).length;
    const res = await uploadFile(t.app, center, '/api/assessment/years/2029/targets/import', {
      filename: 'bad.xlsx',
      content,
      contentType: XLSX,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { saved, problems } = res.json();
    expect(saved).toBe(false);
    expect(
      problems.map(
        (p: { sheet: string; row: number; column: string }) =>
          `${p.sheet}!${p.row}!${p.column.split(' ')[0]}`,
      ),
    ).toEqual(['任务分解!3!B', '任务分解!4!A', '任务分解!5!B', '外资任务表!2!F']);
    expect(problems[2].messageZh).toContain('负数');
    expect(problems[3].messageZh).toContain('四个季度合计 90');
    expect(await count()).toBe(0);
  });
});

describe('progress', () => {
  const get = (s: Session, q = 'year=2026&cutoff=2026-07-31') =>
    call(t.app, s, 'GET', `/api/assessment/progress?${q}`);

  it('computes completion, time progress, ahead/behind, 双过半, year-on-year and month-on-month', async () => {
    const res = await get(center);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.timeProgress).toBe('58.33');
    expect(p.units.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['甲镇', '乙镇', '商务局']),
    );
    const a = p.cells[u.A];
    expect(a.signed_amount).toMatchObject({
      target: '300000000',
      cumulative: '200000000',
      period: '50000000',
      previousPeriod: '50000000',
      lastYear: '100000000',
      completion: '66.67',
      ahead: '8.34',
      doubleHalf: true,
      yoy: '100.00',
      mom: '0.00',
    });
    expect(a.signed_count).toMatchObject({
      target: '10',
      targetToDate: '8',
      cumulative: 3,
      completion: '30.00',
      ahead: '-28.33',
      doubleHalf: false,
      yoy: '200.00',
      mom: '0.00',
    });
    expect(p.cells[u.B].signed_count).toMatchObject({
      completion: '0.00',
      ahead: '-58.33',
      yoy: null,
      doubleHalf: false,
    });
    expect(p.cells[u.C].signed_count).toMatchObject({
      target: null,
      completion: null,
      ahead: null,
      doubleHalf: null,
    });
    expect(p.district.signed_count).toMatchObject({ target: '20', cumulative: 3, completion: '15.00' });
  });

  it('has no 双过半 before mid-year', async () => {
    const p = (await get(center, 'year=2026&cutoff=2026-05-31')).json();
    expect(p.timeProgress).toBe('41.67');
    expect(p.cells[u.A].signed_amount.doubleHalf).toBeNull();
  });

  it('shows a town its own row and the district totals, a department handler its own unit', async () => {
    const mine = (await get(townA)).json();
    expect(mine.units.map((x: { id: string }) => x.id)).toEqual([u.A]);
    expect(Object.keys(mine.cells)).toEqual([u.A]);
    expect(mine.district.signed_count.target).toBe('20');
    const d = (await get(dept)).json();
    expect(Object.keys(d.cells)).toEqual([u.C]);
  });

  it('refuses a cut-off outside the year', async () => {
    const res = await get(center, 'year=2026&cutoff=2025-12-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('assessment.cutoff_outside_year');
  });
});

describe('drill-down', () => {
  const drill = (s: Session, unitId: string, indicator = 'signed_amount') =>
    call(
      t.app,
      s,
      'GET',
      `/api/indicators/drill?indicator=${indicator}&unitId=${unitId}&from=2026-01-01&to=2026-07-31`,
    );

  it('opens the records behind a figure, named, adding up to it', async () => {
    const res = await drill(townA, u.A);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as { value: string; name: string; projectId: string }[];
    expect(rows).toHaveLength(3);
    expect(rows.reduce((s, r) => s + BigInt(r.value), 0n)).toBe(200000000n);
    expect(rows.every((r) => r.name.startsWith('测试项目') && r.projectId)).toBe(true);
    const rate = (await drill(center, u.A, 'average_signed_amount')).json();
    expect(rate.numerator.rows).toHaveLength(3);
    expect(rate.denominator.rows).toHaveLength(3);
  });

  it('hides one district’s units and targets from another district’s center', async () => {
    const otherUnit = await buildUnit(t.db, { kind: 'center' });
    const other = await sessionFor(
      t.db,
      (await buildUser(t.db, { unitId: otherUnit.id, roles: ['center_admin'] })).id,
      t.clock.now(),
    );
    const res = await drill(other, u.A);
    expect(res.statusCode).toBe(404);
    expect((await call(t.app, other, 'GET', '/api/assessment/years/2026/targets')).json().rows).toEqual([]);
    const put = await saveTargets(other, [{ unitId: u.A, indicatorKey: 'signed_count', annual: '99' }]);
    expect(put.json().error.code).toBe('targets.unknown_unit');
  });

  it('refuses a town the records of another unit', async () => {
    const res = await drill(townA, u.B);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('assessment.drill_out_of_scope');
    expect((await drill(center, u.B)).statusCode).toBe(200);
  });
});
