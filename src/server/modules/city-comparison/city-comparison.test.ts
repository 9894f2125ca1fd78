import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityComparisonView } from '../../../domain/city-comparison/city-comparison.schemas.js';
import {
  buildCapitalReport,
  buildDistrict,
  buildSignedProject,
  buildUnit,
  buildUser,
  sessionFor,
} from '../../test/fixtures.js';
import {
  buildTestApp,
  call,
  type Session,
  setupPlatform,
  type TestApp,
  uploadFile,
} from '../../test/test-app.js';

// The platform's district 洺水区 (us) and 漳南区, a second district of the same city running on this deployment.
// Through 2026-03: we signed 2 projects (10亿) and have 100万 in place; 漳南区 signed 1 (5亿) and has 200万.
let t: TestApp;
let center: Session;
let town: Session;
let cityViewer: Session;
let ourId: string;
let peerCenter: Session;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function comparison(s: Session, month = 3) {
  const res = await call(t.app, s, 'GET', `/api/assessment/city?year=2026&month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CityComparisonView;
}

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function figureCount() {
  const r = await t.db
    .selectFrom('cityFigures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('districtId', '=', ourId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app);
  const us = await t.db
    .selectFrom('regions')
    .selectAll()
    .where('kind', '=', 'district')
    .executeTakeFirstOrThrow();
  ourId = us.id;
  const centerUnit = await t.db
    .selectFrom('units')
    .select('id')
    .where('districtId', '=', us.id)
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  const ourTown = await buildUnit(t.db, { districtId: us.id, name: '东关镇' });
  const at = t.clock.now();
  center = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: centerUnit.id, roles: ['center_admin'] })).id,
    at,
  );
  town = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: ourTown.id, roles: ['unit_reporter'] })).id,
    at,
  );
  cityViewer = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: centerUnit.id, roles: ['city_viewer'] })).id,
    at,
  );
  const p1 = await buildSignedProject(t.db, { unitId: ourTown.id, signingDate: '2026-01-15' });
  await buildSignedProject(t.db, { unitId: ourTown.id, signingDate: '2026-02-15' });
  await buildCapitalReport(t.db, { projectId: p1.id, month: '2026-02' }); // 100万 in place, 80万 invested

  const peer = await buildDistrict(t.db, { cityId: us.parentId!, name: '漳南区' });
  const peerTown = await buildUnit(t.db, { districtId: peer.id });
  const q = await buildSignedProject(t.db, { unitId: peerTown.id, signingDate: '2026-03-01' });
  const r1 = await buildCapitalReport(t.db, { projectId: q.id, month: '2026-03' });
  const peerCenterUnit = await buildUnit(t.db, { districtId: peer.id, kind: 'center' });
  peerCenter = await sessionFor(
    t.db,
    (await buildUser(t.db, { unitId: peerCenterUnit.id, roles: ['center_admin'] })).id,
    at,
  );
  await t.db
    .updateTable('capitalReports')
    .set({ fundsOutOfProvinceYuan: '2000000' })
    .where('id', '=', r1.id)
    .execute();
});
afterAll(async () => t.close());

describe('city comparison', () => {
  it('reads live figures of the other district of the city running here', async () => {
    const c = await comparison(town);
    expect(c.districtName).toBe('洺水区');
    expect(c.goalRank).toBe(3);
    expect(
      c.rows.map((r) => [r.name, r.ours, r.values.signed_count?.value, r.values.signed_count?.source]),
    ).toEqual([
      ['洺水区', true, '2', 'ours'],
      ['漳南区', false, '1', 'live'],
    ]);
    const funds = c.standings.find((s) => s.indicatorKey === 'funds_in_place');
    expect(funds).toMatchObject({
      ours: '1000000',
      rank: 2,
      of: 2,
      ahead: { name: '漳南区', value: '2000000', gap: '1000000' },
      toGoal: '0', // two districts: inside 全市前三 whatever we do
    });
  });

  it('the center types peers’ figures; a typed figure overrides a live one; our rank and gaps follow', async () => {
    const res = await call(t.app, center, 'PUT', '/api/assessment/city/figures', {
      year: 2026,
      month: 3,
      figures: [
        { peerName: '青石区', indicatorKey: 'signed_count', value: '5' },
        { peerName: '青石区', indicatorKey: 'signed_amount', value: '3000000000' },
        { peerName: '云岭区', indicatorKey: 'signed_count', value: '3' },
        { peerName: '云岭区', indicatorKey: 'signed_amount', value: '800000000' },
        { peerName: '漳南区', indicatorKey: 'signed_count', value: '4' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as CityComparisonView;
    const zhangnan = c.rows.find((r) => r.name === '漳南区')!;
    expect(zhangnan.values.signed_count).toEqual({ value: '4', source: 'typed' });
    expect(zhangnan.values.signed_amount).toEqual({ value: '500000000', source: 'live' });
    // 青石区 5, 漳南区 4, 云岭区 3, us 2 → 4th of 4; third place holds 3: one more project.
    expect(c.standings.find((s) => s.indicatorKey === 'signed_count')).toMatchObject({
      ours: '2',
      rank: 4,
      of: 4,
      ahead: { name: '云岭区', value: '3', gap: '1' },
      behind: null,
      goalRank: 3,
      toGoal: '1',
    });
    // 青石区 30亿, us 10亿, 云岭区 8亿, 漳南区 5亿 (live) → 2nd.
    expect(c.standings.find((s) => s.indicatorKey === 'signed_amount')).toMatchObject({
      rank: 2,
      ahead: { name: '青石区', gap: '2000000000' },
      behind: { name: '云岭区', gap: '200000000' },
      toGoal: '0',
    });
    // The town reads the same standing.
    expect((await comparison(town)).standings).toEqual(c.standings);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'changes'])
      .where('action', '=', 'city_comparison.put_figures')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.changes)).toContain('青石区·签约项目数');
  });

  it('refuses bad figures and saves none of the batch', async () => {
    const before = await figureCount();
    const res = await call(t.app, center, 'PUT', '/api/assessment/city/figures', {
      year: 2026,
      month: 3,
      figures: [
        { peerName: '青石区', indicatorKey: 'funds_in_place', value: '100' },
        { peerName: '青石区', indicatorKey: 'signed_amount', value: '-5' },
        { peerName: '青石区', indicatorKey: 'completed_investment', value: '12.5' },
        { peerName: '洺水区', indicatorKey: 'signed_count', value: '9' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual([
      'figures.1.value',
      'figures.2.value',
      'figures.3.peerName',
    ]);
    const notInSet = await call(t.app, center, 'PUT', '/api/assessment/city/figures', {
      year: 2026,
      month: 3,
      figures: [{ peerName: '青石区', indicatorKey: 'visits_out', value: '3' }],
    });
    expect(notInSet.statusCode).toBe(400);
    expect(await figureCount()).toBe(before);
  });

  it('deletes one figure: the live figure shows again', async () => {
    const res = await call(
      t.app,
      center,
      'DELETE',
      `/api/assessment/city/figures?year=2026&month=3&peerName=${encodeURIComponent('漳南区')}&indicatorKey=signed_count`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: 1 });
    const c = await comparison(center);
    expect(c.rows.find((r) => r.name === '漳南区')?.values.signed_count).toEqual({
      value: '1',
      source: 'live',
    });
  });

  it('imports the city’s table: every bad cell reported by row and column, nothing saved', async () => {
    const before = await figureCount();
    const file = await workbook([
      ['滏川市各区县招商引资主要指标完成情况'],
      [
        '序号',
        '区县',
        '签约项目数（个）',
        '签约额（亿元）',
        '到位资金（万元）',
        '实际使用外资（万美元）',
        '排名',
      ],
      [1, '青石区', 6, 35, -10, 100, 1],
      [2, '云岭区', 'abc', 9, 500, '12.3456789', 2],
      [3, '', 4, 1, 1, 1, 3],
      [4, '青石区', 1, 1, 1, 1, 4],
      [5, '洺水区', 2, 10, 100, 0, 5],
    ]);
    const res = await uploadFile(t.app, center, '/api/assessment/city/import?year=2026&month=3', {
      filename: 'city.xlsx',
      content: file,
      contentType: XLSX,
    });
    expect(res.statusCode, res.body).toBe(422);
    const fields = res.json().error.fields as Record<string, { messageZh: string }>;
    expect(Object.keys(fields).sort()).toEqual(['3:E', '4:C', '4:F', '5:B', '6:B']);
    expect(fields['3:E']!.messageZh).toMatch(/^第3行 E列（到位资金（万元））：/);
    expect(await figureCount()).toBe(before);
  });

  it('imports a good table in one go with the header’s units; our row and the 合计 row are left alone', async () => {
    const file = await workbook([
      ['', '', '', ''],
      ['区县', '签约项目数', '签约额（亿元）', '到位资金（万元）', '实际使用外资（万美元）'],
      ['青石区', 7, 35, 1200.5, 100],
      ['洺水区', 2, 10, 100, 0],
      ['合计', 9, 45, 1300.5, 100],
      ['云岭区', '3', '8.5', null, '1,000'],
    ]);
    const res = await uploadFile(t.app, center, '/api/assessment/city/import?year=2026&month=3', {
      filename: 'city.xlsx',
      content: file,
      contentType: XLSX,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      saved: 7,
      skipped: [
        { row: 4, name: '洺水区', reason: '本区数据由系统计算' },
        { row: 5, name: '合计', reason: '合计行' },
      ],
    });
    const c = await comparison(center);
    const qing = c.rows.find((r) => r.name === '青石区')!;
    expect(qing.values.signed_amount).toEqual({ value: '3500000000', source: 'imported' });
    expect(qing.values.funds_in_place).toEqual({ value: '12005000', source: 'imported' });
    expect(qing.values.foreign_capital_used).toEqual({ value: '100000000', source: 'imported' });
    const yun = c.rows.find((r) => r.name === '云岭区')!;
    expect(yun.values.signed_amount).toEqual({ value: '850000000', source: 'imported' });
    expect(yun.values.foreign_capital_used).toEqual({ value: '1000000000', source: 'imported' });
  });

  it('the template round-trips: exported and imported back unchanged', async () => {
    const before = await comparison(center);
    const tpl = await call(t.app, center, 'GET', '/api/assessment/city/template.xlsx?year=2026&month=3');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const res = await uploadFile(t.app, center, '/api/assessment/city/import?year=2026&month=3', {
      filename: 'back.xlsx',
      content: tpl.rawPayload,
      contentType: XLSX,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await comparison(center);
    const values = (v: CityComparisonView) =>
      v.rows.map((r) => [r.name, Object.values(r.values).map((c) => c?.value)]);
    expect(values(after)).toEqual(values(before));
  });

  it('a town reads but cannot write; a city viewer has no assessment.read', async () => {
    const put = await call(t.app, town, 'PUT', '/api/assessment/city/figures', {
      year: 2026,
      month: 3,
      figures: [{ peerName: '青石区', indicatorKey: 'signed_count', value: '1' }],
    });
    expect(put.statusCode).toBe(403);
    const imp = await uploadFile(t.app, town, '/api/assessment/city/import?year=2026&month=3', {
      filename: 'x.xlsx',
      content: await workbook([
        ['区县', '签约项目数'],
        ['青石区', 1],
      ]),
      contentType: XLSX,
    });
    expect(imp.statusCode).toBe(403);
    expect((await call(t.app, cityViewer, 'GET', '/api/assessment/city?year=2026&month=3')).statusCode).toBe(
      403,
    );
  });

  it('the other district sees us live, but none of the figures our center typed, and cannot touch them', async () => {
    const theirs = await comparison(peerCenter);
    expect(theirs.districtName).toBe('漳南区');
    expect(theirs.rows.map((r) => [r.name, r.values.signed_count?.source])).toEqual([
      ['漳南区', 'ours'],
      ['洺水区', 'live'],
    ]);
    const del = await call(
      t.app,
      peerCenter,
      'DELETE',
      `/api/assessment/city/figures?year=2026&month=3&peerName=${encodeURIComponent('青石区')}`,
    );
    expect(del.statusCode).toBe(404);
    expect((await comparison(center)).rows.some((r) => r.name === '青石区')).toBe(true);
  });

  it('another month has no typed figures: the district running here is still compared, live', async () => {
    // Month 1: no typed figures, but 漳南区 runs here, so it is still compared (live).
    const jan = await comparison(center, 1);
    expect(jan.rows.map((r) => r.name)).toEqual(['洺水区', '漳南区']);
    expect(jan.standings.find((s) => s.indicatorKey === 'signed_count')).toMatchObject({
      ours: '1',
      rank: 1,
    });
  });
});
