import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const ENTERPRISE = '洺川精工紧固系统有限公司';
const IMPORTED = '津港精密连接件有限公司';

async function listFile(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['企业名称', '标签', '招商思路', '下一步', '下一步日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('a town adds a target enterprise with its plan, records a visit and finds it by tag', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('target library → 新增目标企业 with tags and plan → detail: add a visit → list filtered by the tag → import a list (bad cell, then fixed)', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: '欢迎，东阳镇填报员（演示）' }));

    await page.goto(`${j.baseUrl}/network/targets`);
    await visible(page.getByRole('button', { name: '新增目标企业' }));
    // The demo's targets of the town (the town sees only its own).
    await visible(page.getByRole('link', { name: '德固精密模具有限公司' }));
    expect(await page.getByRole('link', { name: '北辰检测认证集团有限公司' }).count()).toBe(0);

    await page.getByRole('button', { name: '新增目标企业' }).click();
    const form = page.getByRole('dialog', { name: '新增目标企业' });
    await visible(form);
    expect(await form.getByLabel('责任单位').isDisabled()).toBe(true);
    await form.getByLabel('企业名称').fill(ENTERPRISE);
    await form.getByLabel('标签').click();
    const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await list.locator('.ant-select-item-option').filter({ hasText: '专精特新' }).click();
    await list.locator('.ant-select-item-option').filter({ hasText: '行业领军' }).click();
    await page.keyboard.press('Escape');
    await form.getByLabel('招商思路').fill('以商招商：经本地龙头企业引荐，争取其华北生产基地');
    await form.getByLabel('下一步', { exact: true }).fill('赴天津拜访总经理');
    await Promise.all([
      page.waitForURL(/\/network\/targets\/[0-9a-f-]{36}$/),
      form.getByRole('button', { name: '保存' }).click(),
    ]);

    // The detail: plan card, history with 入库, the enterprise's leads and projects (none yet).
    await visible(page.getByText(ENTERPRISE).first());
    await visible(page.getByText('以商招商：经本地龙头企业引荐，争取其华北生产基地'));
    await visible(page.getByText('入库'));
    await page
      .locator('label.ant-radio-button-wrapper')
      .filter({ hasText: /^拜访$/ })
      .click();
    await page.getByLabel('内容').fill('赴天津拜访，对方同意来洺考察');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/history') && r.status() === 201),
      page.getByRole('button', { name: '添加记录' }).click(),
    ]);
    await visible(page.getByText('赴天津拜访，对方同意来洺考察'));
    await visible(page.getByRole('button', { name: '转为线索' }));
    await screenshot(page, 'target-enterprise-detail');

    // The list filtered by the tag chip keeps the filter in the address and shows the new target.
    await page.goto(`${j.baseUrl}/network/targets`);
    await page.getByRole('group', { name: '标签' }).getByText('专精特新', { exact: true }).click();
    await page.waitForURL(/tags=specialised/);
    await visible(page.getByRole('link', { name: ENTERPRISE }));
    await screenshot(page, 'target-enterprises-list');

    // Import a list: a bad cell is reported by row and column (nothing saved); the corrected file is imported.
    await page.getByRole('button', { name: '导入名单' }).click();
    const modal = page.getByRole('dialog', { name: '导入目标企业名单' });
    await visible(modal);
    const input = modal.locator('input[type=file]');
    await input.setInputFiles({
      name: '名单.xlsx',
      mimeType: XLSX,
      buffer: await listFile([[IMPORTED, '独角兽', '京津转移', '电话联络', '2026-12-20']]),
    });
    await visible(modal.getByText('发现 1 处问题', { exact: false }));
    await visible(modal.getByText('B 标签'));
    expect(await modal.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await input.setInputFiles({
      name: '名单.xlsx',
      mimeType: XLSX,
      buffer: await listFile([[IMPORTED, '专精特新', '京津转移', '电话联络', '2026-12-20']]),
    });
    await visible(modal.getByText('核对通过：新增 1 家', { exact: false }));
    await screenshot(page, 'target-enterprises-import-check');
    await modal.getByRole('button', { name: '确认导入' }).click();
    await visible(page.getByRole('link', { name: IMPORTED }));
    expect(errors).toEqual([]);
  });
});
