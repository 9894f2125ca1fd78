import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  ARTIFACTS,
  JOURNEY_TIMEOUT,
  type Journey,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

// The month this journey fills: the current China month, which the demo leaves unsubmitted.
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

describe('a town fills its month of funds in place, submits it, and its head approves', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('fills one row in 万元 with inline checks, submits, and the head approves; the center sees it', {
    timeout: JOURNEY_TIMEOUT * 2,
  }, async () => {
    const month = thisMonth();
    const { page, errors } = await j.newPage({ width: 1440 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    await page.getByRole('menuitem', { name: '资金月报' }).click();
    await page.waitForURL(/\/capital$/);
    const picker = page.getByLabel('选择月份');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    const sheet = await visible(page.getByTestId('capital-sheet'));
    const first = sheet.locator('tbody tr.ant-table-row').first();
    const cell = first.getByRole('textbox').first();
    await cell.fill('12.345678');
    await visible(page.getByText('万元金额最多 4 位小数（精确到元）。'));
    await expect(page.getByRole('button', { name: '保存本页' }).isDisabled()).resolves.toBe(true);
    await cell.fill('1,200.5');
    await page.getByRole('button', { name: '保存本页' }).click();
    await visible(page.getByText('已保存 1 行'));
    await visible(sheet.getByText('1,200.50').first());
    await screenshot(page, 'capital-sheet-filled');
    await page.getByRole('button', { name: '报送' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await visible(page.getByText('待审核').first());
    await expect(cell.count()).resolves.toBe(0);

    const head = await j.newPage({ width: 1440 });
    await head.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(head.page, 'town01.head', TEST_PASSWORD)).toBe(200);
    await head.page.goto(`${j.baseUrl}/capital`);
    const headPicker = head.page.getByLabel('选择月份');
    await headPicker.click();
    await headPicker.fill(month);
    await headPicker.press('Enter');
    await head.page.getByRole('button', { name: '审核通过' }).click();
    await visible(head.page.getByText('已审核').first());

    const center = await j.newPage({ width: 1440 });
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await center.page.goto(`${j.baseUrl}/capital`);
    await visible(center.page.getByTestId('submissions-table'));
    await visible(center.page.getByText('逾期报送').first());
    await screenshot(center.page, 'capital-submissions-center');
    await center.page.goto(`${j.baseUrl}/milestones/overdue`);
    await visible(
      center.page
        .getByTestId('overdue-milestones')
        .getByText(/逾期 \d+ 天/)
        .first(),
    );
    await screenshot(center.page, 'capital-overdue-milestones');
    await center.page.getByTestId('overdue-milestones').getByRole('link').first().click();
    await visible(center.page.getByTestId('agreements-card').getByText('履约滞后'));
    await visible(center.page.getByTestId('capital-card'));
    await screenshot(center.page, 'capital-project-detail');
    for (const id of ['capital-card', 'agreements-card']) {
      await center.page.getByTestId(id).screenshot({ path: path.join(ARTIFACTS, `${id}.png`) });
    }
    expect([...errors, ...head.errors, ...center.errors]).toEqual([]);
  });
});
