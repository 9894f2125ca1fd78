import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPublishedScheme } from '../src/server/modules/schemes/schemes.service.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const BROKEN = 'mn(completion(签约额), 1.2) * 20';
const FIXED = 'min(completion(签约额), 1.2) * 20';

describe('the center writes a scoring item with a mistake, fixes it, previews, publishes it and the month’s bulletin', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('points at the wrong part in Chinese, previews with ranks and a trace, publishes version 2 and a bulletin on it', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/assessment/schemes?year=2026`);

    // 2026: version 1 published (in force), version 2 a draft under revision.
    const table = await visible(page.getByTestId('schemes-table'));
    await visible(table.getByText('现行'));
    await table.getByRole('row').filter({ hasText: '第 2 版' }).getByRole('button', { name: '编辑' }).click();
    await page.waitForURL(/\/assessment\/schemes\/[0-9a-f-]{36}$/);
    await visible(page.getByText('公式检查通过'));

    // A new item, with a misspelt function.
    await page.getByRole('button', { name: '添加评分项' }).click();
    const item = page.getByTestId('scheme-item-6');
    await visible(item);
    await item.getByLabel('名称 6').fill('签约额加分');
    await item.getByLabel('分值 6').fill('20');
    await item.getByLabel('计分公式 6').fill(BROKEN);
    await visible(item.getByText('公式：未知函数 mn，是否想用 min？'));
    await expect(item.getByTestId('formula-error-mark').textContent()).resolves.toBe('mn');
    await visible(page.getByText('1 处错误'));
    await screenshot(page, 'scheme-editor-error');
    // Cannot publish or preview a scheme that does not check.
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);

    await item.getByLabel('计分公式 6').fill(FIXED);
    await visible(page.getByText('公式检查通过'));
    await expect(item.getByTestId('formula-error-mark').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText('已保存'));

    // Preview on the live demo data: towns ranked, each score opens its trace.
    await page.getByRole('tab', { name: '预览' }).click();
    await page.getByRole('button', { name: '计算预览' }).click();
    const towns = await visible(page.getByTestId('preview-town'));
    await visible(towns.getByText('签约额加分'));
    await towns.locator('tr.ant-table-row').first().getByRole('button').first().click();
    const trace = page.getByRole('dialog');
    await visible(trace.getByText('的计算过程'));
    await visible(trace.getByTestId('explain-steps'));
    expect(await trace.getByTestId('explain-steps').locator('tr.ant-table-row').count()).toBeGreaterThan(1);
    await screenshot(page, 'scheme-editor-trace');
    await page.keyboard.press('Escape');

    // Publish: version 2 is now the one in force for 2026's bulletins, and read-only.
    await page.getByRole('tab', { name: '评分项' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await visible(page.getByText('此版本已发布，只读。'));
    await visible(page.getByRole('button', { name: '修订' }));
    expect(await page.getByLabel('计分公式 6').getAttribute('readonly')).not.toBeNull();
    const district = await j.t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const inForce = await latestPublishedScheme(j.t.db, district.id, 2026);
    expect(inForce?.version).toBe(2);
    expect(inForce?.items.at(-1)).toMatchObject({ name: '签约额加分', formula: FIXED });
    await screenshot(page, 'scheme-editor-published');

    // The month's bulletin scores on the version now in force: refresh the draft, publish, download the .docx.
    await page.goto(`${j.baseUrl}/bulletins`);
    const bulletins = page.getByTestId('bulletins-table');
    await bulletins.getByRole('row').filter({ hasText: '草稿' }).getByRole('link').click();
    await page.getByRole('button', { name: /刷新数据/ }).click();
    await visible(page.getByText('已按最新数据重新生成草稿'));
    const doc = page.getByRole('article', { name: '通报正文' });
    await visible(doc.getByText('签约额加分').first());
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
    await visible(page.getByText('已发布，本期间数据已锁定'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载 Word/ }).click(),
    ]);
    const docx = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const text = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('洺水区招商引资工作领导小组办公室');
    expect(text).toContain('签约额加分');
    await screenshot(page, 'scheme-to-bulletin-published');

    // Next year starts from it: 复制到下一年 makes 2027's first draft.
    await page.goto(`${j.baseUrl}/assessment/schemes?year=2026`);
    const list = await visible(page.getByTestId('schemes-table'));
    const v2 = list.getByRole('row').filter({ hasText: '第 2 版' });
    await visible(v2.getByText('现行'));
    await v2.getByRole('button', { name: '复制到下一年' }).click();
    await visible(page.getByText('已复制为 2027 年草稿'));
    await visible(
      list.getByRole('row').filter({ hasText: '2027年度招商引资工作考核方案' }).getByText('草稿'),
    );
    expect(errors).toEqual([]);

    // A town sees the published versions only, read-only, without the preview of every unit's scores.
    const town = await j.newPage({ width: 1366 });
    await town.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(town.page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await town.page.goto(`${j.baseUrl}/assessment/schemes?year=2026`);
    const rows = (await visible(town.page.getByTestId('schemes-table'))).locator('tr.ant-table-row');
    await visible(rows.filter({ hasText: '第 2 版' }));
    await expect(rows.count()).resolves.toBe(2);
    await expect(town.page.getByRole('button', { name: /新建方案/ }).count()).resolves.toBe(0);
    await rows.filter({ hasText: '第 2 版' }).getByRole('button', { name: '打开' }).click();
    await visible(town.page.getByText('此版本已发布，只读。'));
    await expect(town.page.getByRole('tab', { name: '预览' }).count()).resolves.toBe(0);
    await expect(town.page.getByRole('button', { name: '修订' }).count()).resolves.toBe(0);
    expect(town.errors).toEqual([]);
  });
});
