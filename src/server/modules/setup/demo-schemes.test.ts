import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor } from '../../test/fixtures.js';
import { buildTestApp, call, setupPlatform, type TestApp } from '../../test/test-app.js';
import { latestPublishedScheme } from '../schemes/schemes.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await setupPlatform(t.app, { loadDemo: true });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('demo schemes', () => {
  it('has 2025 published, 2026 v1 published (in force) and a v2 draft that previews on the demo data', async () => {
    const district = await t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    expect(await latestPublishedScheme(t.db, district.id, 2025)).toMatchObject({ version: 1 });
    expect(await latestPublishedScheme(t.db, district.id, 2026)).toMatchObject({ version: 1 });
    const rows = await t.db
      .selectFrom('assessmentSchemes')
      .select(['year', 'version', 'status'])
      .orderBy('year')
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { year: 2025, version: 1, status: 'published' },
      { year: 2026, version: 1, status: 'published' },
      { year: 2026, version: 2, status: 'draft' },
    ]);

    const center = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'center.admin')
      .executeTakeFirstOrThrow();
    const session = await sessionFor(t.db, center.id, t.clock.now());
    const list = await call(t.app, session, 'GET', '/api/assessment/schemes?year=2026');
    const draft = list.json().items.find((s: { status: string }) => s.status === 'draft');
    const started = performance.now();
    const preview = await call(t.app, session, 'POST', `/api/assessment/schemes/${draft.id}/preview`, {
      cutoff: '2026-10-31',
    });
    console.log(
      `demo scheme preview (${preview.json().units?.length} units): ${Math.round(performance.now() - started)} ms`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json().units.length).toBeGreaterThan(30);
    for (const unit of preview.json().units) expect(Object.keys(unit.items)).toHaveLength(5);
    // With the demo's targets, the units score apart (not all zero, not all equal).
    const totals = new Set(preview.json().units.map((u: { total: number }) => u.total));
    expect(totals.size).toBeGreaterThan(5);
  });
});
