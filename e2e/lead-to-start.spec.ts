import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const LEAD = '年产2万吨精密冷镦件项目';
const ENTERPRISE = '津海锐达精密冷镦有限公司';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const daysAgo = (n: number) => chinaToday(new Date(Date.now() - n * 86_400_000));

describe('a town reporter takes a lead from entry to 开工', () => {
  let j: Journey;
  let tmp: string;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-lead-'));
  });
  afterAll(async () => {
    await j?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('enters, responds, screens, converts, signs with everything 签约 needs, then starts', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const files = Object.fromEntries(
      ['投资意向书', '投资协议', '营业执照', '施工许可证'].map((name) => {
        const file = path.join(tmp, `${name}.pdf`);
        fs.writeFileSync(file, PDF);
        return [name, file];
      }),
    );
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: /欢迎/ }));

    // 1. Enter the lead; the enterprise by name (an existing twin would be linked, not duplicated).
    await page.getByRole('menuitem', { name: '招商线索' }).click();
    await page.waitForURL(/\/leads$/);
    // The town's own leads and the district's shared ones, late clocks in red.
    await visible(page.locator('[data-clock$="-overdue"]'));
    await screenshot(page, 'leads-list');
    await page.getByRole('button', { name: '登记线索' }).click();
    const form = page.getByRole('dialog', { name: '登记线索' });
    await visible(form);
    expect(await form.getByLabel('责任单位').isDisabled()).toBe(true);
    await form.getByLabel('线索名称').fill(LEAD);
    await form.getByLabel('企业名称').fill(ENTERPRISE);
    await pickOption(form, '来源渠道', '以商招商');
    await form.getByLabel('意向投资额（万元）').fill('30000');
    await form.getByLabel('引荐人/信息来源').fill('区紧固件商会');
    await screenshot(page, 'lead-create-form');
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await visible(page.getByText(LEAD).first());
    await visible(page.locator('[data-clock="respond-due"]'));

    // 2. Respond.
    await page.getByRole('button', { name: '记录响应' }).click();
    const respond = page.getByRole('dialog', { name: '记录响应' });
    await respond.getByLabel('说明').fill('已电话联系企业董事长，约定下周来区考察');
    await respond.getByRole('button', { name: '保存' }).click();
    await respond.waitFor({ state: 'hidden' });
    await visible(page.getByText(/已响应（/));

    // The investor's letter of intent goes with the lead.
    await page.getByTestId('lead-files').locator('input[type=file]').setInputFiles(files['投资意向书']!);
    await visible(page.getByTestId('lead-files').getByRole('link', { name: /投资意向书\.pdf/ }));

    // 3. Screen on the eight dimensions, 4 stars each, and follow.
    const screening = page.locator('form#screening');
    await visible(screening);
    const rates = screening.locator('.ant-rate');
    await expect(rates.count()).resolves.toBe(8);
    for (let i = 0; i < 8; i++) await rates.nth(i).locator('.ant-rate-star').nth(3).click();
    await visible(screening.getByText('合计 32 / 40 分'));
    await screening.getByText('跟进', { exact: true }).click();
    await screenshot(page, 'lead-screening');
    await screening.getByRole('button', { name: '提交研判' }).click();
    await visible(page.getByText('跟进中').first());
    await visible(page.locator('[data-clock="report-due"]'));

    // 4. Convert into a 在谈 project.
    await page.getByRole('button', { name: '转为项目' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await visible(page.getByText('已转为在谈项目'));
    await visible(page.getByText('已转项目').first());
    const history = (await page.locator('.lead-history-entry').allTextContents()).join('\n');
    for (const step of ['登记线索', '已响应', '完成研判', '转为项目']) expect(history).toContain(step);
    await screenshot(page, 'lead-converted');
    await page.getByRole('link', { name: '查看项目' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectId = new URL(page.url()).pathname.split('/').pop()!;
    await visible(page.getByRole('heading', { name: LEAD }));
    // …and the project leads back to the lead it came from.
    await expect(
      page.getByRole('link', { name: '查看线索及处理记录' }).getAttribute('href'),
    ).resolves.toMatch(/^\/leads\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('stage-tag').first().textContent()).resolves.toBe('在谈');

    // 5. 签约 is refused until the signing date, agreement type, signed amount and the agreement are given.
    await page.getByRole('button', { name: '阶段变更' }).click();
    const move = page.getByRole('dialog', { name: '阶段变更' });
    const missing = move.getByTestId('move-missing');
    for (let attempt = 0; attempt < 3; attempt++) {
      await pickOption(move, '目标阶段', '签约');
      if (
        await missing
          .first()
          .waitFor({ state: 'visible', timeout: 6_000 })
          .then(
            () => true,
            () => false,
          )
      )
        break;
    }
    const missingText = (await missing.textContent()) ?? '';
    expect(missingText).toContain('签约日期、协议类型、签约金额');
    expect(missingText).toContain('投资协议');
    await move.getByRole('button', { name: '确定变更' }).click();
    await expect(
      j.t.db.selectFrom('projects').select('stage').where('id', '=', projectId).executeTakeFirstOrThrow(),
    ).resolves.toEqual({ stage: 'negotiating' });
    await screenshot(page, 'lead-project-sign-refused');

    await move.getByLabel('签约日期').fill(daysAgo(10));
    await move.getByLabel('签约日期').press('Enter');
    await pickOption(move, '协议类型', '正式协议');
    await move.getByLabel('签约金额').fill('25000');
    await move
      .getByTestId('evidence-agreement')
      .locator('input[type=file]')
      .setInputFiles(files['投资协议']!);
    await visible(move.getByText('已上传：投资协议.pdf'));
    await move.getByRole('button', { name: '确定变更' }).click();
    await move.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stage-tag"]')?.textContent === '签约',
    );

    // 6. Straight on to 开工: the dialog asks for what 落地 and 开工 need, the start date and permit among them.
    await page.getByRole('button', { name: '阶段变更' }).click();
    await visible(move);
    for (let attempt = 0; attempt < 3; attempt++) {
      await pickOption(move, '目标阶段', '开工');
      if (
        await move
          .getByLabel('开工日期')
          .waitFor({ state: 'visible', timeout: 6_000 })
          .then(
            () => true,
            () => false,
          )
      )
        break;
    }
    await move.getByLabel('落地日期').fill(daysAgo(5));
    await move.getByLabel('落地日期').press('Enter');
    await move.getByLabel('开工日期').fill(daysAgo(2));
    await move.getByLabel('开工日期').press('Enter');
    await move
      .getByTestId('evidence-business_licence')
      .locator('input[type=file]')
      .setInputFiles(files['营业执照']!);
    await visible(move.getByText('已上传：营业执照.pdf'));
    await move
      .getByTestId('evidence-construction_permit')
      .locator('input[type=file]')
      .setInputFiles(files['施工许可证']!);
    await visible(move.getByText('已上传：施工许可证.pdf'));
    await screenshot(page, 'lead-project-start-dialog');
    await move.getByRole('button', { name: '确定变更' }).click();
    await move.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stage-tag"]')?.textContent === '开工',
    );

    // 7. The stage history shows the whole path.
    const timeline = (await page.getByTestId('stage-history').textContent()) ?? '';
    expect(timeline).toContain('在谈 → 签约');
    expect(timeline).toContain('签约 → 开工');
    await screenshot(page, 'lead-project-started');

    const lead = await j.t.db
      .selectFrom('leads')
      .select(['status', 'projectId', 'screeningTotal'])
      .where('title', '=', LEAD)
      .executeTakeFirstOrThrow();
    expect(lead).toEqual({ status: 'converted', projectId, screeningTotal: 32 });
    expect(errors).toEqual([]);
  });
});
