import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import {
  buildAgreement,
  buildCapitalReport,
  buildDistrict,
  buildMilestone,
  buildSignedProject,
  buildUnit,
} from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { composeSnapshot, periodOf, perMonthToTarget } from './bulletins.compose.js';

// A district worked out by hand; the bulletin of 2026-10 (cut-off 10-31), written on 2026-11-28.
// Targets (签约额, 元): T1 1亿, T2 1亿, T3 2亿, T4 1亿, D1 1亿; the district's own 10亿.
//   T1 (town): P1 signed 2026-10-10 5000万, P1b signed 2026-03-01 3000万 → 8000万, 80.00%; Oct: 5000万
//   T2 (town): P2 signed 2026-05-01 8000万 → 80.00% (ties T1); a capital report for Oct (funds 100万)
//   T3 (town): P3 signed 2026-02-01 1亿, started 2026-03-01, no investment since → 50.00%; stalled
//   T4 (town): nothing → 0.00%
//   D1 (department): P5 signed 2025-06-15 5亿, start due 2026-09-30, not started → overdue; 0.00%
// District: 2.6亿 of 10亿 = 26.00%, time progress 10/12 = 83.33%, 57.33 points behind; last year 5亿 → −48.00%.
// Remaining 7.4亿 over 2 months: 3.70亿 a month.
// 交白卷 in Oct: T3, T4, D1 (T1 signed, T2 had funds). Oct reports (due 11-10): T1 submitted 11-20 (late, not
// missing), T2 11-05, T3 and D1 never → missing; T4 has no project to report.
let t: TestApp;
let districtId: string;
const u = { T1: '', T2: '', T3: '', T4: '', D1: '' };
const p = { P3: '', P5: '' };
let snap: BulletinSnapshot;

async function signed(
  unitId: string,
  signingDate: string,
  amount: string,
  set: Record<string, unknown> = {},
) {
  const row = await buildSignedProject(t.db, { unitId, signingDate });
  await t.db
    .updateTable('projects')
    .set({ signedAmountYuan: amount, ...set })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

async function submitted(unitId: string, month: string, at: string) {
  await t.db
    .insertInto('capitalSubmissions')
    .values({
      districtId,
      unitId,
      month: `${month}-01`,
      status: 'submitted',
      firstSubmittedAt: new Date(at),
      submittedAt: new Date(at),
    })
    .execute();
}

async function target(unitId: string | null, annual: string) {
  await t.db
    .insertInto('targets')
    .values({ districtId, year: 2026, unitId, indicatorKey: 'signed_amount', annual, updatedAt: new Date() })
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  for (const k of ['T1', 'T2', 'T3', 'T4'] as const) {
    u[k] = (await buildUnit(t.db, { districtId, name: `${k}镇`, kind: 'town' })).id;
  }
  u.D1 = (await buildUnit(t.db, { districtId, name: 'D1局', kind: 'department' })).id;
  await buildUnit(t.db, { districtId, name: '投促中心', kind: 'center' });

  await signed(u.T1, '2026-10-10', '50000000');
  await signed(u.T1, '2026-03-01', '30000000');
  const p2 = await signed(u.T2, '2026-05-01', '80000000');
  await buildCapitalReport(t.db, { projectId: p2, month: '2026-10' });
  p.P3 = await signed(u.T3, '2026-02-01', '100000000', { stage: 'started', startDate: '2026-03-01' });
  p.P5 = await signed(u.D1, '2025-06-15', '500000000');
  const agreement = await buildAgreement(t.db, { projectId: p.P5 });
  await buildMilestone(t.db, { agreementId: agreement.id, dueDate: '2026-09-30' });

  await submitted(u.T1, '2026-10', '2026-11-20T02:00:00Z');
  await submitted(u.T2, '2026-10', '2026-11-05T02:00:00Z');

  for (const k of ['T1', 'T2', 'T4', 'D1'] as const) await target(u[k], '100000000');
  await target(u.T3, '200000000');
  await target(null, '1000000000');

  snap = (
    await composeSnapshot(t.db, {
      districtId,
      kind: 'month',
      year: 2026,
      period: 10,
      version: 1,
      reason: null,
      issuedOn: '2026-11-28',
    })
  ).snapshot;
});

afterAll(async () => {
  await t?.close();
});

const row = (unitId: string) => snap.indicators[0]!.rows.find((r) => r.unitId === unitId)!;

describe('composing a monthly bulletin', () => {
  it('spans the period and defaults the cut-off to its last day', () => {
    expect(snap.periodLabel).toBe('2026年10月');
    expect([snap.periodStart, snap.periodEnd, snap.cutoff]).toEqual([
      '2026-10-01',
      '2026-10-31',
      '2026-10-31',
    ]);
    expect(periodOf('quarter', 2026, 3)).toMatchObject({
      start: '2026-07-01',
      end: '2026-09-30',
      months: [7, 8, 9],
    });
    expect(snap.timeProgress).toBe('83.33');
    expect(snap.title).toContain('2026年10月');
    expect(snap.units.map((x) => x.id).sort()).toEqual(Object.values(u).sort());
  });

  it('shows the indicators that have targets, with figures, completion and ranks within the group (ties share)', () => {
    expect(snap.indicators.map((i) => i.key)).toEqual(['signed_amount']);
    expect(row(u.T1)).toMatchObject({
      target: '100000000',
      period: '50000000',
      cumulative: '80000000',
      completion: '80.00',
      rank: 1,
    });
    expect(row(u.T2)).toMatchObject({ period: '0', cumulative: '80000000', completion: '80.00', rank: 1 });
    expect(row(u.T3)).toMatchObject({ completion: '50.00', rank: 3 });
    expect(row(u.T4)).toMatchObject({ cumulative: '0', completion: '0.00', rank: 4 });
    expect(row(u.D1)).toMatchObject({ completion: '0.00', rank: 1 });
    expect(snap.indicators[0]!.district).toMatchObject({
      target: '1000000000',
      cumulative: '260000000',
      completion: '26.00',
      ahead: '-57.33',
      yoy: '-48.00',
    });
  });

  it('lists 红黑榜 by signed-amount completion when there is no scheme', () => {
    expect(snap.scores).toBeNull();
    expect(snap.redList.map((x) => [x.unitId, x.rank])).toEqual([
      [u.D1, 1],
      [u.T1, 1],
      [u.T2, 1],
      [u.T3, 3],
    ]);
    expect(snap.blackList.map((x) => x.unitId)).toEqual([u.T4]);
  });

  it('names the units that handed in a blank sheet, stalled projects and missing reports', () => {
    expect([...snap.blankUnits].sort()).toEqual([u.T3, u.T4, u.D1].sort());
    expect(snap.stalledProjects).toEqual([
      expect.objectContaining({ projectId: p.P5, unitId: u.D1, reason: 'not_started', since: '2026-09-30' }),
      expect.objectContaining({
        projectId: p.P3,
        unitId: u.T3,
        reason: 'no_investment',
        since: '2026-03-01',
      }),
    ]);
    expect(snap.missingReports.map((m) => [m.unitId, m.month, m.projects]).sort()).toEqual(
      [
        [u.T3, '2026-10', 1],
        [u.D1, '2026-10', 1],
      ].sort(),
    );
    expect(snap.city).toEqual([]);
  });

  it('writes the narrative from the same figures as the tables', () => {
    const text = snap.narrative.map((s) => `${s.heading}\n${s.paragraphs.join('\n')}`).join('\n');
    expect(snap.narrative.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、各单位进展情况',
      '三、全市位次情况',
      '四、存在问题',
      '五、下步工作要求',
    ]);
    expect(text).toContain('签约额2.60亿元，完成年度目标的26.00%，慢于序时进度57.33个百分点，同比下降48.00%');
    expect(text).toContain('2026年10月当期，全区签约额5,000.00万元');
    expect(text).toContain('T3镇、T4镇');
    expect(text).toContain('尚差7.40亿元，今后2个月须月均完成3.70亿元');
    expect(text).toContain('D1局（2026年10月）');
    expect(snap.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(perMonthToTarget('10', '12', 2)).toBeNull();
  });

  it('scores on the year’s latest published scheme and lists 红黑榜 by total', async () => {
    const at = new Date();
    for (const [version, status] of [
      [1, 'published'],
      [2, 'draft'],
    ] as const) {
      await t.db
        .insertInto('assessmentSchemes')
        .values({
          districtId,
          year: 2026,
          version,
          name: '2026年考核办法',
          items: JSON.stringify([
            {
              key: 'sign',
              name: '签约额',
              points: 120,
              formula: version === 1 ? 'min(completion(signed_amount), 1.2) * 100' : '1',
            },
          ]),
          status,
          createdAt: at,
          updatedAt: at,
          publishedAt: status === 'published' ? at : null,
        })
        .execute();
    }
    const s = (
      await composeSnapshot(t.db, {
        districtId,
        kind: 'month',
        year: 2026,
        period: 10,
        version: 1,
        reason: null,
        issuedOn: '2026-11-28',
      })
    ).snapshot;
    expect(s.scores).toMatchObject({ schemeName: '2026年考核办法', schemeVersion: 1 });
    const total = (id: string) => Number(s.scores!.rows.find((r) => r.unitId === id)!.total);
    expect([total(u.T1), total(u.T2), total(u.T3), total(u.T4)]).toEqual([80, 80, 50, 0]);
    expect(s.redList.filter((x) => x.group === 'town').map((x) => x.unitId)).toEqual([u.T1, u.T2, u.T3]);
    expect(s.inputHash).not.toBe(snap.inputHash);
  });
});
