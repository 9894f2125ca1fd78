import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainDetail, ChainSummary } from '../../../domain/network/chains.schemas.js';
import {
  buildTestApp,
  call,
  loginAs,
  type Session,
  setupPlatform,
  type TestApp,
} from '../../test/test-app.js';
import { DEMO_CHAIN_GAPS } from './demo-chains.js';

let t: TestApp;
let center: Session;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  await setupPlatform(t.app, { loadDemo: true });
  center = await loginAs(t.app, 'center.admin');
});
afterAll(() => t.close());

describe('the demo chains', () => {
  it('lists the seed’s chains, the two built-out ones first with their coverage', async () => {
    const res = await call(t.app, center, 'GET', '/api/chains');
    const items = (res.json() as { items: ChainSummary[] }).items;
    expect(items.map((c) => c.name).slice(0, 2)).toEqual(['高端标准件/紧固件', '装备制造']);
    expect(items.map((c) => c.name)).toEqual(
      expect.arrayContaining(['高新技术', '文化旅游', '现代农业', '现代服务业']),
    );
    for (const c of items.slice(0, 2)) {
      expect(c.chainLeaderNames).toHaveLength(1);
      expect(c.covered).toBeGreaterThan(2);
      expect(c.gapNames).toEqual(expect.arrayContaining(DEMO_CHAIN_GAPS[c.name] ?? ['?']));
    }
  });

  it('places some of the chain’s projects and leads on its links, never another chain’s', async () => {
    const res = await call(t.app, center, 'GET', '/api/chains');
    const fasteners = (res.json() as { items: ChainSummary[] }).items[0] as ChainSummary;
    const detail = (await call(t.app, center, 'GET', `/api/chains/${fasteners.id}`)).json() as ChainDetail;
    expect(detail.projects.length).toBeGreaterThan(3);
    expect(detail.leads.length).toBeGreaterThan(0);
    const misplaced = await t.db
      .selectFrom('projects as p')
      .innerJoin('chainLinks as l', 'l.id', 'p.chainLinkId')
      .innerJoin('chains as c', 'c.id', 'l.chainId')
      .select('p.id')
      .whereRef('c.name', '<>', 'p.chain')
      .execute();
    expect(misplaced).toEqual([]);
    const unplaced = await t.db
      .selectFrom('projects')
      .select('id')
      .where('chain', '=', '高端标准件/紧固件')
      .where('chainLinkId', 'is', null)
      .execute();
    expect(unplaced.length).toBeGreaterThan(0);
  });
});
