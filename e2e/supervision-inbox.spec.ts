import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, signIn, startJourney, visible } from './support.js';

const SUBJECT = '关于紧固件产业园用地报批的督办';

describe('the supervision office writes to 自然资源和规划局, whose handler finds it in the inbox and replies', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('issues, lands the handler on 部门待办, replies, and the office closes it', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const due = chinaToday(new Date(Date.now() + 20 * 86_400_000));
    const office = await j.newPage({ width: 1366 });
    await office.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(office.page, 'supervisor01', TEST_PASSWORD)).toBe(200);
    await office.page.goto(`${j.baseUrl}/landing/supervision`);
    await (await visible(office.page.getByTestId('supervision-issue'))).first().click();
    const dialog = office.page.getByRole('dialog');
    // The unit list is long (virtual): type to narrow it, then take the match.
    await dialog.getByLabel('被督办单位', { exact: true }).click();
    await office.page.keyboard.type('自然资源和规划局');
    await office.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '自然资源和规划局' })
      .first()
      .click();
    await dialog.getByLabel('督办事由').fill(SUBJECT);
    await dialog.getByLabel('督办内容').fill('请于期限内反馈用地指标落实情况。');
    await dialog.getByLabel('回复期限').fill(due);
    await dialog.getByLabel('回复期限').press('Enter');
    await office.page.getByTestId('supervision-issue-submit').click();
    await office.page.waitForURL(/\/landing\/supervision\/[0-9a-f-]{36}$/);
    const number = await (await visible(office.page.getByTestId('supervision-number'))).first().textContent();
    expect(number).toMatch(/^督办〔\d{4}〕\d+号$/);

    const dept = await j.newPage({ width: 1366 });
    await dept.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(dept.page, 'dept05.handler', TEST_PASSWORD)).toBe(200);
    await dept.page.waitForURL(/\/landing\/inbox$/);
    await visible(dept.page.getByTestId('inbox'));
    await dept.page.getByRole('link', { name: `${number} ${SUBJECT}` }).click();
    await dept.page.getByTestId('supervision-reply').click();
    await dept.page.getByRole('dialog').getByLabel('办理情况').fill('已完成指标调剂，12月上旬报批。');
    await dept.page.getByTestId('supervision-step-submit').click();
    await visible(dept.page.getByTestId('supervision-event-reply'));

    await office.page.reload();
    await office.page.getByTestId('supervision-close').click();
    await office.page.getByRole('dialog').getByLabel('销号意见').fill('已落实，销号。');
    await office.page.getByTestId('supervision-step-submit').click();
    await visible(office.page.getByTestId('supervision-event-close'));
    expect(office.errors).toEqual([]);
    expect(dept.errors).toEqual([]);
  });
});
