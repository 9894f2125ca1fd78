import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetEnterpriseView } from '../../../domain/network/targets.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';
import { loadDemoTargetEnterprises } from './demo-target-enterprises.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

async function targets(s: Session, query = '') {
  const res = await call(t.app, s, 'GET', `/api/target-enterprises?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: TargetEnterpriseView[]; total: number };
}

describe('the demo target enterprises', () => {
  it('gives about 25 targets over several units, with tags, plans, histories, links and overdue next steps', async () => {
    const all = await targets(center);
    expect(all.total).toBeGreaterThanOrEqual(20);
    expect(all.total).toBeLessThanOrEqual(25);
    expect(new Set(all.items.map((x) => x.unitId)).size).toBeGreaterThanOrEqual(5);
    expect(all.items.every((x) => x.tags.length > 0 && x.approach)).toBe(true);
    expect(all.items.filter((x) => x.overdue).length).toBeGreaterThanOrEqual(3);
    expect(all.items.filter((x) => x.hasLead).length).toBeGreaterThanOrEqual(3);
    expect(all.items.filter((x) => x.chainLinkId).length).toBeGreaterThanOrEqual(5);
    const railway = all.items.find((x) => x.enterpriseName === '中冀轨道装备集团有限公司')!;
    expect(railway.chainLinkLabel).toContain('轨道交通紧固件');
    const detail = (await call(t.app, center, 'GET', `/api/target-enterprises/${railway.id}`)).json();
    expect(detail.history.length).toBeGreaterThanOrEqual(2);
  });

  it('shows a town its own targets only', async () => {
    const town = await loginAs(t.app, 'town03.reporter');
    const own = await targets(town);
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.items.map((x) => x.unitName))).toEqual(new Set(['东阳镇']));
  });

  it('loads in well under the setup budget', async () => {
    const districtId = (
      await t.db.selectFrom('regions').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()
    ).id;
    const units = await t.db
      .selectFrom('units')
      .select(['id', 'name', 'kind'])
      .where('districtId', '=', districtId)
      .execute();
    const admin = await t.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', '=', 'sysadmin')
      .executeTakeFirstOrThrow();
    const started = performance.now();
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('targetEnterprises').execute();
        const r = await loadDemoTargetEnterprises(trx, {
          districtId,
          units,
          userId: admin.id,
          username: admin.username,
          now: t.clock.now(),
        });
        console.log(`demo target enterprises: ${r.targets} in ${Math.round(performance.now() - started)} ms`);
        throw new Error('rollback');
      })
      .catch((err: Error) => {
        if (err.message !== 'rollback') throw err;
      });
  });
});
