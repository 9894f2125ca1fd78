import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { subtractDecimal } from '../src/domain/progress/progress.js';
import { cityComparison } from '../src/server/modules/city-comparison/city-standing.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { wanInput } from '../src/web/features/projects/project-format.js';
import {
  horizontalOverflow,
  JOURNEY_TIMEOUT,
  type Journey,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

describe('the center types another district’s figure and sees the district’s rank and gap follow', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('puts the 标兵 on signed amount just behind us: we move up one place and it becomes the 追兵', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    // The page opens on the last complete month; the demo has eight other districts for it.
    const today = chinaToday(new Date());
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    const [year, month] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const district = await j.t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const before = await cityComparison(j.t.db, { districtId: district.id, year, month, goalRank: 3 });
    const amount = before.standings.find((s) => s.indicatorKey === 'signed_amount')!;
    expect(amount.ahead, 'the demo puts districts ahead of us on signed amount').not.toBeNull();
    const ahead = amount.ahead!;
    const rank = amount.rank!;

    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    // 考核通报 → 全市横向对比 (the group opens first).
    await page.getByRole('menuitem', { name: '考核通报' }).click();
    await page.getByRole('menuitem', { name: '全市横向对比' }).click();
    await page.waitForURL(/\/assessment\/city$/);
    const card = page.getByTestId('standing-signed_amount');
    await visible(card);
    await expect
      .poll(() => card.getByTestId('rank').textContent())
      .toBe(`全市第 ${rank} 名 / 共 ${amount.of} 个`);
    expect(await card.getByTestId('ahead').textContent()).toContain(ahead.name);

    // The 标兵's figure, corrected to 1 万元 less than ours.
    const typed = wanInput(subtractDecimal(amount.ours!, '10000'));
    const cell = page.getByLabel(`${ahead.name} 签约额`);
    await cell.fill(typed);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/assessment/city/figures') && r.status() === 200),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    await expect
      .poll(() => card.getByTestId('rank').textContent())
      .toBe(`全市第 ${rank - 1} 名 / 共 ${amount.of} 个`);
    expect(await card.getByTestId('behind').textContent()).toBe(`${ahead.name}，落后本区 1.00 万元`);
    // Its row in the table now carries the 录入 tag, ours stays highlighted.
    await visible(card.getByRole('row', { name: new RegExp(ahead.name) }).getByText('录入'));
    await screenshot(page, 'city-comparison');
    expect(errors).toEqual([]);

    // On a phone the page fits the screen; wide tables scroll inside their cards.
    const phone = await j.newPage({ width: 375, height: 812 });
    await phone.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(phone.page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    await phone.page.goto(`${j.baseUrl}/assessment/city`);
    await visible(phone.page.getByTestId('standing-signed_amount'));
    expect((await horizontalOverflow(phone.page)).scrollWidth).toBeLessThanOrEqual(375);
    // A town reads the comparison but has no editor and no import.
    expect(await phone.page.getByRole('button', { name: '导入市里表格' }).count()).toBe(0);
    await screenshot(phone.page, 'city-comparison-375');
    expect(phone.errors).toEqual([]);
  });
});
