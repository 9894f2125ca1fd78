import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import { buildTestApp, setupPlatform, type TestApp } from '../../test/test-app.js';
import { demoBulletinPeriods } from './demo-bulletins.js';

let t: TestApp;
let setupMs = 0;
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-28T02:00:00Z'));
  const started = performance.now();
  await setupPlatform(t.app, { loadDemo: true });
  setupMs = performance.now() - started;
}, 120_000);
afterAll(async () => {
  console.log(`demo setup with bulletins: ${Math.round(setupMs)} ms`);
  await t.close();
});

describe('demo bulletins', () => {
  it('picks the last full month and quarter before today, and this month', () => {
    expect(demoBulletinPeriods('2026-11-28')).toEqual({
      lastMonth: { year: 2026, period: 10 },
      lastQuarter: { year: 2026, period: 3 },
      thisMonth: { year: 2026, period: 11 },
    });
    // Until the 10th (reports of last month still due), the published ones are a month earlier.
    expect(demoBulletinPeriods('2027-01-05')).toEqual({
      lastMonth: { year: 2026, period: 11 },
      lastQuarter: { year: 2026, period: 3 },
      thisMonth: { year: 2027, period: 1 },
    });
    expect(demoBulletinPeriods('2027-01-11')).toMatchObject({
      lastMonth: { year: 2026, period: 12 },
      lastQuarter: { year: 2026, period: 4 },
    });
  });

  it('publishes October and the third quarter with their files, and leaves November as a draft', async () => {
    const rows = await t.db
      .selectFrom('bulletins')
      .select(['kind', 'year', 'period', 'status', 'snapshot', 'docx', 'xlsx', 'cutoff'])
      .orderBy('kind')
      .orderBy('period')
      .execute();
    expect(rows.map((r) => [r.kind, r.period, r.status, r.cutoff])).toEqual([
      ['month', 10, 'published', '2026-10-31'],
      ['month', 11, 'draft', '2026-11-28'],
      ['quarter', 3, 'published', '2026-09-30'],
    ]);
    const oct = rows[0]!;
    expect(oct.docx!.subarray(0, 2).toString()).toBe('PK');
    expect(oct.xlsx!.subarray(0, 2).toString()).toBe('PK');
    const s = oct.snapshot as unknown as BulletinSnapshot;
    expect(s.units.length).toBeGreaterThan(5);
    expect(s.indicators.length).toBeGreaterThan(0);
    expect(s.scores).not.toBeNull();
    expect(s.narrative).toHaveLength(5);
    console.log(s.narrative.map((x) => `${x.heading}\n${x.paragraphs.join('\n')}`).join('\n'));
  });
});
