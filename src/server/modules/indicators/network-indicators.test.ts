import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildActivity,
  buildDistrict,
  buildLead,
  buildNetworkSource,
  buildProject,
  buildPromotionEvent,
  buildUnit,
} from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { computeIndicators, drillDown } from './indicators.compute.js';

// The network's indicators (issue 7): 推荐线索数 and 领导带队外出次数, worked out by hand.
// Period 2026-01-01 … 2026-06-30. Unit A: two referred leads in the period (one on each edge), one referred
// lead before it, one lead without a source; a visit out led by a leader, one not led, one led but a visit in.
// Unit B: a trip out with a leader (counted for B, the organiser), a trip out without leaders, an expo with
// leaders, and a trip out with a leader after the period.
let t: TestApp;
let districtId: string;
const u = { A: '', B: '' };
const ids: Record<string, string> = {};
const period = { from: '2026-01-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await buildTestApp();
  districtId = (await buildDistrict(t.db)).id;
  u.A = (await buildUnit(t.db, { districtId })).id;
  u.B = (await buildUnit(t.db, { districtId })).id;
  const chamber = await buildNetworkSource(t.db, { unitId: u.B, name: '指标商会' });
  const lead = async (key: string, receivedOn: string, referred: boolean) => {
    const l = await buildLead(t.db, { unitId: u.A });
    await t.db
      .updateTable('leads')
      .set({ receivedOn, referralSourceId: referred ? chamber.id : null })
      .where('id', '=', l.id)
      .execute();
    ids[key] = l.id;
  };
  await lead('L1', '2026-01-01', true);
  await lead('L2', '2026-06-30', true);
  await lead('L3', '2025-12-31', true);
  await lead('L4', '2026-03-01', false);

  const project = await buildProject(t.db, { unitId: u.A });
  const visit = async (key: string, kind: 'visit_out' | 'visit_in', led: boolean) => {
    const a = await buildActivity(t.db, { projectId: project.id, kind, occurredOn: '2026-04-01' });
    await t.db.updateTable('activities').set({ ledByLeader: led }).where('id', '=', a.id).execute();
    ids[key] = a.id;
  };
  await visit('V1', 'visit_out', true);
  await visit('V2', 'visit_out', false);
  await visit('V3', 'visit_in', true);

  const event = async (key: string, kind: 'trip_out' | 'expo', startsOn: string, leaders: string[]) => {
    const e = await buildPromotionEvent(t.db, { unitId: u.B, startsOn });
    await t.db.updateTable('promotionEvents').set({ kind, leaders }).where('id', '=', e.id).execute();
    ids[key] = e.id;
  };
  await event('E1', 'trip_out', '2026-05-10', ['区长']);
  await event('E2', 'trip_out', '2026-05-12', []);
  await event('E3', 'expo', '2026-05-18', ['副区长']);
  await event('E4', 'trip_out', '2026-07-01', ['区长']);
});
afterAll(() => t?.close());

describe('network indicators', () => {
  it('counts referred leads and leader-led trips per unit, and each drill-down lists exactly those records', async () => {
    const all = await computeIndicators(t.db, { districtId, ...period });
    expect([all[u.A]?.referral_leads, all[u.A]?.leader_trips]).toEqual([2, 1]);
    expect([all[u.B]?.referral_leads, all[u.B]?.leader_trips]).toEqual([0, 1]);

    const drill = async (unitId: string, indicator: 'referral_leads' | 'leader_trips') =>
      drillDown(t.db, { districtId, ...period, unitId, indicator });
    const referred = await drill(u.A, 'referral_leads');
    expect(referred.source).toBe('leads');
    expect(referred.rows.map((r) => r.id).sort()).toEqual([ids.L1, ids.L2].sort());
    expect((await drill(u.A, 'leader_trips')).rows).toEqual([{ id: ids.V1, value: 1 }]);
    expect((await drill(u.B, 'leader_trips')).rows).toEqual([{ id: ids.E1, value: 1 }]);
    // The figures are the drill-downs' sums.
    for (const unitId of [u.A, u.B]) {
      for (const k of ['referral_leads', 'leader_trips'] as const) {
        expect((await drill(unitId, k)).rows.length).toBe(all[unitId]?.[k]);
      }
    }
  });
});
