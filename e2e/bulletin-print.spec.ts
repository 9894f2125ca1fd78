import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { call, loginAs, setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  ARTIFACTS,
  JOURNEY_TIMEOUT,
  type Journey,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

describe('the center prints a bulletin as the official document', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('opens the print view with the red header, the title, the tables and the date, and prints on A4', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    // Last month's bulletin (the demo may already have it; otherwise the center drafts it).
    const today = chinaToday(new Date());
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    const [year, month] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const center = await loginAs(j.t.app, 'center.admin');
    const list = (await call(j.t.app, center, 'GET', `/api/bulletins?kind=month&year=${year}`)).json() as {
      id: string;
      period: number;
      latest: boolean;
    }[];
    let id = list.find((b) => b.period === month && b.latest)?.id;
    if (!id) {
      const created = await call(j.t.app, center, 'POST', '/api/bulletins', {
        kind: 'month',
        year,
        period: month,
      });
      expect(created.statusCode, created.body).toBe(201);
      id = (created.json() as { id: string }).id;
    }
    const detail = (await call(j.t.app, center, 'GET', `/api/bulletins/${id}`)).json() as {
      status: 'draft' | 'published';
      snapshot: { issuingBody: string; title: string };
    };

    const { page, errors } = await j.newPage({ width: 1280 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.goto(`${j.baseUrl}/bulletins/${id}/print`);
    const doc = page.getByRole('article', { name: '通报正文' });
    await visible(doc);
    // The app's frame (menu, header) is not on this page: only the document and its toolbar.
    expect(await page.getByRole('menuitem', { name: '考核通报' }).count()).toBe(0);
    await visible(doc.getByRole('heading', { name: detail.snapshot.issuingBody }));
    await visible(doc.getByRole('heading', { name: detail.snapshot.title }));
    // A draft says so on the page and on paper; a published bulletin does not.
    expect(await doc.getByText('草稿', { exact: true }).count()).toBe(detail.status === 'draft' ? 1 : 0);
    await visible(doc.getByRole('heading', { name: '一、总体情况' }));
    await visible(doc.getByRole('heading', { name: /签约额（单位：万元）/ }));
    await visible(doc.getByText('注：金额单位：万元，保留两位小数，四舍五入。').first());
    await visible(doc.getByText(/^\d{4}年\d{1,2}月\d{1,2}日$/));

    // The score table carries each item's score, not only the total (the snapshot read back must keep the
    // scheme's item keys as written).
    const firstItemScores = await doc
      .locator('[data-table="scores"] tbody tr:not(.bd-group) td:nth-of-type(1)')
      .allTextContents();
    expect(firstItemScores.length).toBeGreaterThan(0);
    expect(firstItemScores.some((v) => /^-?\d+\.\d{2}$/.test(v))).toBe(true);

    await page.getByRole('button', { name: '打印' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await screenshot(page, 'bulletin-print');

    // Printed: the toolbar is gone and the pages are A4 with the standard's margins.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    fs.writeFileSync(path.join(ARTIFACTS, 'bulletin-print.pdf'), pdf);
    const mediaBox = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    // A4 is 595 × 842 points.
    expect(Math.round(Number(mediaBox?.[1]))).toBe(595);
    expect(Math.round(Number(mediaBox?.[2]))).toBe(842);
    expect(errors).toEqual([]);
  });
});
