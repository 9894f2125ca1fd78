import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../../domain/dates.js';
import {
  checkStageFacts,
  type EvidenceKind,
  type ProjectFacts,
  type Stage,
} from '../../../domain/projects/stages.js';
import { buildTestApp, call, loginAs, setupPlatform, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let demo: Awaited<ReturnType<typeof setupPlatform>>['demo'];

beforeAll(async () => {
  t = await buildTestApp();
  demo = (await setupPlatform(t.app, { loadDemo: true })).demo;
});
afterAll(() => t.close());

describe('the demo pipeline', () => {
  it('spreads a few hundred projects over every stage', async () => {
    expect(demo?.projects).toBeGreaterThanOrEqual(300);
    const byStage = await t.db
      .selectFrom('projects')
      .select(['stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('stage')
      .execute();
    const stages = new Set(byStage.map((r) => r.stage));
    for (const s of ['negotiating', 'signed', 'landed', 'started', 'producing', 'paused', 'withdrawn'])
      expect(stages).toContain(s);
  });

  it('gives every project what its stage requires, so the stage machine would accept it', async () => {
    const rows = await t.db.selectFrom('projects').selectAll().execute();
    const evidence = await t.db.selectFrom('attachments').select(['ownerId', 'kind']).execute();
    const today = chinaToday(t.clock.now());
    for (const r of rows) {
      const facts: ProjectFacts = {
        stage: r.stage as Stage,
        stageBeforeHold: r.stageBeforeHold as Stage | null,
        signingDate: r.signingDate,
        agreementType: r.agreementType as ProjectFacts['agreementType'],
        signedAmountYuan: r.signedAmountYuan === null ? null : BigInt(r.signedAmountYuan),
        landedDate: r.landedDate,
        startDate: r.startDate,
        productionDate: r.productionDate,
        evidence: evidence.filter((e) => e.ownerId === r.id).map((e) => e.kind as EvidenceKind),
      };
      expect(checkStageFacts(facts, today), r.name).toEqual([]);
    }
  });

  it('leaves some towns with nothing to show, as real districts have', async () => {
    const center = await loginAs(t.app, 'center.admin');
    const units = (await call(t.app, center, 'GET', '/api/units')).json() as { id: string; kind: string }[];
    const withProjects = new Set(
      (await t.db.selectFrom('projects').select('unitId').distinct().execute()).map((r) => r.unitId),
    );
    const idleTowns = units.filter((u) => u.kind === 'town' && !withProjects.has(u.id));
    expect(idleTowns.length).toBeGreaterThanOrEqual(3);
  });
});
