import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const WRONG = '用户名或密码错误。';
const LOCKED = '登录失败次数过多，账户已锁定 30 分钟。请稍后再试，或联系系统管理员解锁。';

describe('sign-in lockout in the browser', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('locks the account after five wrong passwords, refuses even the right one, and lets it in after 30 minutes', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    const alert = page.getByRole('alert');

    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await signIn(page, 'sysadmin', `Wrong#Guess-${attempt}`)).toBe(401);
      await visible(alert.filter({ hasText: WRONG }));
      await expect(alert.textContent()).resolves.toBe(WRONG);
    }

    // The fifth failure is the one that locks.
    expect(await signIn(page, 'sysadmin', 'Wrong#Guess-5')).toBe(423);
    await visible(alert.filter({ hasText: LOCKED }));
    await expect(alert.textContent()).resolves.toContain('账户已锁定');
    await screenshot(page, 'login-locked');

    // While locked, the right password gets the same answer: the lock does not reveal which one is right.
    j.t.clock.advance(29 * 60_000);
    expect(await signIn(page, 'sysadmin', TEST_PASSWORD)).toBe(423);
    await visible(alert.filter({ hasText: LOCKED }));
    expect(new URL(page.url()).pathname).toBe('/login');

    // 31 minutes after the fifth failure (29 above plus 2), the 30-minute lock is over: the right password works.
    j.t.clock.advance(2 * 60_000);
    expect(await signIn(page, 'sysadmin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: '欢迎，系统管理员' }));
    expect(new URL(page.url()).pathname).toBe('/');

    expect(errors).toEqual([]);
  });
});
