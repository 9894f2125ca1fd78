import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

describe('the center publishes this month’s bulletin, downloads it and starts a correction; a town reads it', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('publishes the demo’s draft, downloads the .docx and corrects it with a reason', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/bulletins`);
    const table = page.getByTestId('bulletins-table');
    const draftRow = table.getByRole('row').filter({ hasText: '草稿' });
    await visible(draftRow);
    await draftRow.getByRole('link').click();

    await visible(page.getByText('草稿：数据截至生成或上次刷新时'));
    await visible(page.getByRole('article', { name: '通报正文' }));
    await page.getByRole('button', { name: /刷新数据/ }).click();
    await visible(page.getByText('已按最新数据重新生成草稿'));

    await page.getByRole('button', { name: '发布', exact: true }).click();
    await visible(page.getByText(/本期间的数据.*将被锁定/));
    await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
    await visible(page.getByText('已发布，本期间数据已锁定'));
    await visible(page.getByText(/内容已冻结/));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载 Word/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/月通报\.docx$/);

    await page.getByRole('button', { name: '发起更正' }).click();
    const dialog = page.getByRole('dialog', { name: '发起更正版本' });
    await dialog.getByRole('button', { name: /发起更正/ }).click();
    await visible(dialog.getByText('请填写更正原因'));
    await dialog.getByLabel('更正原因').fill('东阳镇补报10月资金月报');
    await dialog.getByRole('button', { name: /发起更正/ }).click();
    const versions = page.getByRole('region', { name: '版本' });
    await visible(versions.getByText('第 2 版'));
    await visible(versions.getByText('更正原因：东阳镇补报10月资金月报'));
    await screenshot(page, 'bulletin-correction');
    expect(errors).toEqual([]);
  });

  it('a town reporter sees published bulletins only, and cannot publish', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/bulletins`);
    const table = page.getByTestId('bulletins-table');
    await visible(table.getByRole('row').filter({ hasText: '已发布' }).first());
    expect(await table.getByText('草稿').count()).toBe(0);
    await table.getByRole('row').filter({ hasText: '已发布' }).first().getByRole('link').click();
    await visible(page.getByRole('article', { name: '通报正文' }));
    expect(await page.getByRole('button', { name: '发布', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '发起更正' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
