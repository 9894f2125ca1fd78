import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fieldError,
  JOURNEY_TIMEOUT,
  type Journey,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const CLASSES_RULE = '须包含小写字母、大写字母、数字、符号中的至少 3 类。';
const ADMIN = { username: 'zhangwei', displayName: '测试管理员', password: 'Luoshui#Center-2026' };

describe('first-run setup in the browser', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('walks a new installation from the setup form to a signed-in administrator who sees the demo units', {
    timeout: JOURNEY_TIMEOUT + 120_000,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    let setupPosts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/setup') setupPosts++;
    });

    // A fresh platform sends every page to the setup form.
    await page.goto(`${j.baseUrl}/`);
    await visible(page.getByText('系统初始化'));
    expect(new URL(page.url()).pathname).toBe('/setup');

    await page.getByLabel('市名称').fill('滏川市');
    await page.getByLabel('区县名称').fill('洺水区');
    await page.getByLabel('管理员用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);

    // A weak password is refused in Chinese before anything is sent.
    await page.getByLabel('密码', { exact: true }).fill('admin123');
    await page.getByLabel('确认密码').fill('admin123');
    await page.getByRole('checkbox', { name: '加载演示区县数据' }).check();
    await page.getByRole('button', { name: '提交' }).click();
    const passwordError = fieldError(page, '密码');
    await visible(passwordError.filter({ hasText: CLASSES_RULE }));
    // The form decides before it would send, so by the time the message shows no request may have gone out.
    expect(setupPosts).toBe(0);
    await expect(page.getByText('初始化完成').count()).resolves.toBe(0);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await screenshot(page, 'setup-weak-password');
    const status = await j.t.app.inject({ method: 'GET', url: '/api/setup/status' });
    expect(status.json()).toEqual({ needsSetup: true });

    // A good password clears the error.
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await passwordError.first().waitFor({ state: 'hidden' });
    await screenshot(page, 'setup-form');
    await page.getByRole('button', { name: '提交' }).click();

    // The success screen hands over the two other 三员 accounts.
    // Loading the demo district hashes about a hundred passwords and composes, renders and freezes its
    // bulletins (≈10 s on a quiet machine, several times that on a busy one): allow for a busy machine.
    await page.getByText('初始化完成').waitFor({ state: 'visible', timeout: 150_000 });
    expect(setupPosts).toBe(1);
    await expect(page.getByTestId('security-admin-username').textContent()).resolves.toBe('secadmin');
    await expect(page.getByTestId('auditor-username').textContent()).resolves.toBe('auditadmin');
    await visible(page.getByText(/已加载演示数据：\d+ 个单位，\d+ 个用户。/));
    await screenshot(page, 'setup-success');

    await page.getByRole('button', { name: '前往登录' }).click();
    await page.waitForURL(/\/login$/);
    expect(await signIn(page, ADMIN.username, ADMIN.password)).toBe(200);
    await visible(page.getByRole('heading', { name: `欢迎，${ADMIN.displayName}` }));
    await visible(page.getByText('洺水区'));
    await screenshot(page, 'home');

    await page.getByRole('menuitem', { name: '单位' }).click();
    await page.waitForURL(/\/org\/units$/);
    await visible(page.getByRole('cell', { name: '东阳镇', exact: true }));
    await visible(page.getByRole('cell', { name: '经济开发区', exact: true }));

    expect(errors).toEqual([]);
  });
});
