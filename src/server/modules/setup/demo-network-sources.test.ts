import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_KINDS } from '../../../domain/network/network-codes.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

describe('demo network sources', () => {
  it('has chambers, dealers, people outside, invested enterprises and an office outside, with referrals credited', async () => {
    const sources = await t.db.selectFrom('networkSources').select(['id', 'kind', 'enterpriseId']).execute();
    expect(sources.length).toBeGreaterThanOrEqual(15);
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(SOURCE_KINDS));
    expect(sources.filter((s) => s.kind === 'invested_enterprise').every((s) => s.enterpriseId)).toBe(true);

    const leads = await t.db
      .selectFrom('leads')
      .select(['referralSourceId', 'projectId', 'channel'])
      .where('channel', 'in', ['via_business', 'kinship', 'resident'])
      .execute();
    const credited = leads.filter((l) => l.referralSourceId);
    expect(credited.length / leads.length).toBeGreaterThan(0.15);
    expect(credited.length / leads.length).toBeLessThan(0.45);
    // A converted lead and its project are credited to the same source.
    for (const l of credited.filter((x) => x.projectId)) {
      const p = await t.db
        .selectFrom('projects')
        .select('referralSourceId')
        .where('id', '=', l.projectId!)
        .executeTakeFirstOrThrow();
      expect(p.referralSourceId).toBe(l.referralSourceId);
    }
    // Nothing outside the three referred channels is credited by the demo.
    const stray = await t.db
      .selectFrom('leads')
      .select('id')
      .where('referralSourceId', 'is not', null)
      .where('channel', 'not in', ['via_business', 'kinship', 'resident'])
      .execute();
    expect(stray).toEqual([]);

    const res = await call(
      t.app,
      center,
      'GET',
      '/api/network/outcomes?by=source_kind&from=2026-01-01&to=2026-12-31',
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as unknown[]).length).toBeGreaterThan(1);
  });
});
