import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { computeProgress } from '../src/server/modules/progress/progress.compute.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

describe('the center sets a town’s target, then reads its progress and the records behind it', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('enters a target in the grid, saves, sees the completion and opens a drill-down drawer', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: /欢迎/ }));

    await page.goto(`${j.baseUrl}/assessment/targets`);
    const cell = page.getByLabel('东阳镇 签约项目数 全年');
    await visible(cell);
    // A value different from the demo's (which is sized from the demo's own figures).
    const target = String(Number((await cell.inputValue()) || '0') + 3);
    await cell.fill(target);
    await visible(page.getByText('1 处修改未保存'));
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/targets') && r.request().method() === 'PUT'),
      page
        .getByRole('button', { name: '保 存' })
        .or(page.getByRole('button', { name: '保存' }))
        .click(),
    ]);
    expect(saved.status()).toBe(200);
    await visible(page.getByText('已保存'));
    await screenshot(page, 'targets-grid');

    // What the page must show: the same computation the server runs, at the default cut-off (end of last month).
    const today = chinaToday(new Date());
    const lastMonthEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, 0))
      .toISOString()
      .slice(0, 10);
    const district = await j.t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const town = await j.t.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '东阳镇')
      .executeTakeFirstOrThrow();
    const expected = await computeProgress(j.t.db, {
      districtId: district.id,
      year: Number(lastMonthEnd.slice(0, 4)),
      cutoff: lastMonthEnd,
    });
    const cellOf = expected.cells[town.id]!.signed_count;
    expect(cellOf.target).toBe(target);

    await page.goto(`${j.baseUrl}/assessment/progress`);
    const table = page.getByTestId('progress-signed_count');
    const row = table.getByRole('row').filter({ hasText: '东阳镇' });
    await visible(row);
    await visible(row.getByText(`${cellOf.completion}%`));
    await screenshot(page, 'progress');

    await row.getByRole('button', { name: '东阳镇 签约项目数 累计完成' }).click();
    const drawer = page.getByRole('dialog');
    await visible(drawer.getByText('东阳镇 · 签约项目数 明细'));
    const count = Number(cellOf.cumulative);
    if (count > 0) {
      await visible(drawer.getByRole('link').first());
      expect(await drawer.getByRole('link').count()).toBeGreaterThan(0);
    } else {
      await visible(drawer.getByText('没有记录'));
    }
    await screenshot(page, 'progress-drill');
    expect(errors).toEqual([]);
  });
});
