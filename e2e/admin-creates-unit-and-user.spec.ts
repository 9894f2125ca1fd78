import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  fieldError,
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const UNIT = '测试新区街道';
const NEW_USER = { username: 'zhao.xq', displayName: '测试填报员', password: 'Qingshi#Town-2026' };

describe('an administrator creates a unit and a user, who then signs in for the first time', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('creates the unit and the user in the browser, and the user is made to replace the one-time password', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'sysadmin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: '欢迎，系统管理员' }));

    // The unit.
    await page.getByRole('menuitem', { name: '单位' }).click();
    await page.waitForURL(/\/org\/units$/);
    await page.getByRole('button', { name: '新增单位' }).click();
    const unitDialog = page.getByRole('dialog', { name: '新增单位' });
    await visible(unitDialog);
    await unitDialog.getByLabel('单位名称').fill(UNIT);
    await pickOption(unitDialog, '单位类型', '乡镇/街道');
    await unitDialog.getByRole('button', { name: '保存' }).click();
    await unitDialog.waitFor({ state: 'hidden' });
    await visible(page.getByRole('cell', { name: UNIT, exact: true }));
    await visible(page.getByRole('cell', { name: '乡镇/街道（1）' }));
    await screenshot(page, 'units-with-new-unit');

    // The user, in that unit, as its reporter.
    await page.getByRole('menuitem', { name: '用户' }).click();
    await page.waitForURL(/\/org\/users$/);
    await page.getByRole('button', { name: '新增用户' }).click();
    const userDialog = page.getByRole('dialog', { name: '新增用户' });
    await visible(userDialog);
    await userDialog.getByLabel('用户名').fill(NEW_USER.username);
    await userDialog.getByLabel('姓名').fill(NEW_USER.displayName);
    await pickOption(userDialog, '单位', UNIT);
    await pickOption(userDialog, /^角色/, '单位填报员');
    await userDialog.getByText('新增用户').click(); // closes the role list, as a click elsewhere would
    await userDialog.getByRole('button', { name: '保存' }).click();

    const otpDialog = page.getByRole('dialog', { name: '一次性初始密码' });
    await visible(otpDialog);
    await visible(otpDialog.getByText('该密码只显示这一次'));
    await visible(otpDialog.getByRole('cell', { name: NEW_USER.username, exact: true }));
    const oneTime = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'one-time-password');
    await otpDialog.getByRole('button', { name: '关闭' }).click();
    await otpDialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: NEW_USER.username });
    await visible(row);
    await expect(row.textContent()).resolves.toMatch(
      new RegExp(`${NEW_USER.displayName}[\\s\\S]*${UNIT}[\\s\\S]*单位填报员[\\s\\S]*须改密`),
    );

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // The new user's first sign-in leads only to the change-password page.
    expect(await signIn(page, NEW_USER.username, oneTime)).toBe(200);
    await page.waitForURL(/\/change-password$/);
    await visible(page.getByText('这是您首次登录（或管理员重置了密码），须设置新密码后才能继续使用。'));
    await expect(page.getByRole('menu').count()).resolves.toBe(0);
    await expect(page.getByRole('menuitem').count()).resolves.toBe(0);
    await page.getByLabel('当前密码').fill(oneTime);
    await page.getByLabel('新密码', { exact: true }).fill('Password123');
    await page.getByLabel('确认新密码').fill('Password123');
    await page.getByRole('button', { name: '提交' }).click();
    await visible(fieldError(page, '新密码').filter({ hasText: '该密码过于常见，请换一个。' }));
    await visible(page.getByRole('alert').filter({ hasText: '密码不符合要求：该密码过于常见，请换一个。' }));
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await screenshot(page, 'forced-change-password');

    await page.getByLabel('新密码', { exact: true }).fill(NEW_USER.password);
    await page.getByLabel('确认新密码').fill(NEW_USER.password);
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visible(page.getByRole('heading', { name: `欢迎，${NEW_USER.displayName}` }));
    await visible(page.getByText(UNIT, { exact: true }));
    await visible(page.getByText('单位填报员', { exact: true }));

    // Both writes are in the audit log, by the administrator.
    const audit = await j.t.db
      .selectFrom('auditLog')
      .select(['action', 'username', 'result'])
      .where('action', 'in', ['units.create', 'users.create'])
      .execute();
    // The test clock stands still, so both rows carry the same time: compare them in a fixed order.
    expect(audit.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: 'units.create', username: 'sysadmin', result: 'success' },
      { action: 'users.create', username: 'sysadmin', result: 'success' },
    ]);

    expect(errors).toEqual([]);
  });
});
