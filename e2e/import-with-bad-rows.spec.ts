import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const PREFIX = '导入旅程项目';

/** Writes rows into the downloaded template under its own headers (found by name, as a person would). */
async function fill(template: string, out: string, rows: Record<string, string | number | null>[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as (string | undefined)[]).map((h) => h?.replace('*', ''));
  rows.forEach((row, i) => {
    for (const [header, value] of Object.entries(row)) {
      const col = headers.indexOf(header);
      if (col < 1) throw new Error(`no column ${header} in the template`);
      ws.getRow(i + 2).getCell(col).value = value;
    }
  });
  await wb.xlsx.writeFile(out);
}

describe('a town reporter imports projects from the template, fixing the rows the check reports', () => {
  let j: Journey;
  let tmp: string;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-import-e2e-'));
  });
  afterAll(async () => {
    await j?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads the template, sees exactly the three bad rows, fixes them and imports', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const signed = chinaToday(new Date(Date.now() - 3 * 86_400_000));
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await page.getByRole('menuitem', { name: '项目库' }).click();
    await page.waitForURL(/\/projects$/);
    await page.getByRole('button', { name: '导入' }).click();
    await page.waitForURL(/\/imports\?kind=projects$/);
    await visible(page.getByText('第一步：下载模板'));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载模板/ }).click(),
    ]);
    const template = path.join(tmp, 'template.xlsx');
    await download.saveAs(template);
    expect(download.suggestedFilename()).toBe('招商项目导入模板.xlsx');

    const good = (n: number) => ({
      项目名称: `${PREFIX}${n}`,
      责任单位: '东阳镇',
      项目阶段: '在谈',
      '计划总投资（万元）': 1000 * n,
    });
    const bad = [
      good(1),
      { ...good(2), '计划总投资（万元）': '好几千' },
      { ...good(3), 项目阶段: '签约', '签约金额（万元）': 800, 协议类型: '正式协议' },
      good(4),
      { ...good(5), 责任单位: '西河镇' },
    ];
    const badFile = path.join(tmp, '项目台账-有误.xlsx');
    await fill(template, badFile, bad);
    await page.locator('input[type=file]').setInputFiles(badFile);
    await visible(page.getByRole('heading', { name: '问题（3）' }));
    const problems = page.getByRole('table', { name: '问题（3）' });
    const cells = await problems
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())),
      );
    expect(cells).toEqual([
      ['3', 'I（计划总投资（万元））'],
      ['4', 'M（签约日期）'],
      ['6', 'B（责任单位）'],
    ]);
    await visible(problems.getByText('只能导入本单位的数据'));
    await expect(page.getByRole('button', { name: '确认导入' }).count()).resolves.toBe(0);
    await screenshot(page, 'import-with-bad-rows');

    const fixed = [good(1), good(2), { ...bad[2]!, 签约日期: signed }, good(4), good(5)];
    const fixedFile = path.join(tmp, '项目台账.xlsx');
    await fill(template, fixedFile, fixed);
    await page.locator('input[type=file]').setInputFiles(fixedFile);
    await visible(page.getByText('核对通过，没有问题'));
    await page.getByRole('button', { name: '确认导入' }).click();
    await visible(page.getByText('导入完成'));
    await visible(page.getByText('已写入 5 条数据。'));
    await page.getByRole('button', { name: '查看项目库' }).click();
    await page.waitForURL(/\/projects$/);
    for (const n of [1, 2, 3, 4, 5]) await visible(page.getByRole('link', { name: `${PREFIX}${n}` }));
    expect(errors).toEqual([]);
  });
});
