import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { unnamedOfficers } from '../src/server/modules/project-team/project-team.service.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

describe('commitments and the special team in the browser', () => {
  let j: Journey;
  let tmp: string;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-e2e-commitments-'));
  });
  afterAll(async () => {
    await j?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('自然资源和规划局 fulfils an overdue commitment with evidence and a file, and the rates change', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const evidenceFile = path.join(tmp, '供地批复.pdf');
    fs.writeFileSync(evidenceFile, PDF);
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'dept05.handler', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/landing/commitments`);
    const rates = await visible(page.getByTestId('commitment-rates'));
    const fulfilled = page.getByTestId('rate-overall-fulfilled');
    const due = page.getByTestId('rate-overall-due');
    await visible(fulfilled);
    const before = { fulfilled: Number(await fulfilled.textContent()), due: Number(await due.textContent()) };
    expect(before.due).toBeGreaterThan(before.fulfilled);
    const rateBefore = await page.getByTestId('rate-overall').textContent();
    await screenshot(page, 'commitment-list-before');

    // The overdue row is red, says how late it is, and offers 登记兑现 to its department.
    const list = page.getByTestId('commitments-list');
    const overdueRow = list
      .locator('tr', { hasText: '逾期' })
      .filter({ has: page.getByRole('button', { name: '登记兑现' }) })
      .first();
    await visible(overdueRow);
    await overdueRow.getByRole('button', { name: '登记兑现' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('兑现佐证'));
    // Evidence is required: saving without it is refused in the form.
    await page.locator('#fulfil-save').click();
    await visible(dialog.getByText('请填写兑现佐证'));
    await dialog
      .getByTestId('fulfil-evidence')
      .fill('已下达二期新增建设用地指标 45 亩（冀自然资〔2026〕112号）。');
    await dialog.locator('input[type=file]').setInputFiles(evidenceFile);
    await visible(dialog.getByText('供地批复.pdf'));
    await screenshot(page, 'commitment-fulfil');
    await page.locator('#fulfil-save').click();
    await dialog.waitFor({ state: 'hidden' });

    // The rates card counts it at once: one more fulfilled of the same number due.
    await expect
      .poll(async () => Number(await fulfilled.textContent()), { timeout: 10_000 })
      .toBe(before.fulfilled + 1);
    expect(Number(await due.textContent())).toBe(before.due);
    expect(await page.getByTestId('rate-overall').textContent()).not.toBe(rateBefore);
    await visible(rates);

    // The fulfilled row shows its evidence and the file (expand the row).
    await fulfilled.click();
    await page.waitForURL(/counted=fulfilled/);
    const row = list.locator('tr', { hasText: '45 亩' }).first();
    await visible(row);
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    await visible(page.getByRole('link', { name: '供地批复.pdf' }));
    await screenshot(page, 'commitment-rates-after');
    expect(errors).toEqual([]);
  });

  it('the center names a first-contact officer on the team tab and the warning disappears', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const district = await j.t.db
      .selectFrom('regions')
      .select('id')
      .where('kind', '=', 'district')
      .where('name', '=', '洺水区')
      .executeTakeFirstOrThrow();
    const missing = await unnamedOfficers(
      j.t.db,
      { kind: 'district', districtIds: [district.id] },
      chinaToday(j.t.clock.now()),
    );
    expect(missing.length).toBeGreaterThanOrEqual(2);
    const target = missing[0]!;

    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/projects/${target.projectId}`);
    const card = await visible(page.getByTestId('project-landing'));
    await card.getByRole('tab', { name: '专班与服务' }).click();
    const warning = await visible(page.getByTestId('first-contact-warning'));
    expect(await warning.textContent()).toContain(`已逾期 ${target.daysLate} 天`);
    await visible(page.getByText('绿色通道'));
    await visible(page.getByText(/默认时限减半/));
    await screenshot(page, 'team-warning');

    await page.getByTestId('first-contact-officer').fill('周海燕');
    await page.getByTestId('first-contact-phone').fill('13931000001');
    await page.getByRole('button', { name: '添加成员' }).click();
    await page.getByTestId('project-team').locator('tbody input').first().fill('刘建华');
    await page.getByTestId('team-save').click();
    await page.getByTestId('first-contact-warning').waitFor({ state: 'detached' });
    await visible(page.getByText(/指定$/));
    await screenshot(page, 'team-named');

    const after = await unnamedOfficers(
      j.t.db,
      { kind: 'district', districtIds: [district.id] },
      chinaToday(j.t.clock.now()),
    );
    expect(after.map((m) => m.projectId)).not.toContain(target.projectId);
    expect(errors).toEqual([]);
  });
});
