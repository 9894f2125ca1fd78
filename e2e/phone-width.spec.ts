import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  horizontalOverflow,
  JOURNEY_TIMEOUT,
  type Journey,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

const PHONE = { width: 375, height: 812 };

describe('the app on a 375 px phone', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('signs in, shows home and reaches the users list through the menu drawer without sideways scrolling', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage(PHONE);
    const fits = async () => {
      const { scrollWidth, viewport } = await horizontalOverflow(page);
      expect(viewport).toBe(PHONE.width);
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    };

    await page.goto(`${j.baseUrl}/login`);
    await visible(page.getByRole('button', { name: '登录' }));
    await fits();
    await screenshot(page, 'login-375');

    expect(await signIn(page, 'sysadmin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: '欢迎，系统管理员' }));
    // On a phone the side menu is folded away; the header keeps the menu button, the language switch and
    // signing out (an icon with an accessible name).
    await expect(page.getByRole('menuitem', { name: '用户' }).count()).resolves.toBe(0);
    await visible(page.getByRole('button', { name: '退出登录' }));
    await visible(page.getByRole('button', { name: 'English' }));
    await fits();
    await screenshot(page, 'home-375');

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '招商调度' });
    await visible(drawer.getByRole('menuitem', { name: '单位' }));
    await screenshot(page, 'menu-drawer-375');
    await drawer.getByRole('menuitem', { name: '用户' }).click();
    await page.waitForURL(/\/org\/users$/);
    await drawer.waitFor({ state: 'hidden' });
    await visible(page.getByRole('cell', { name: 'sysadmin', exact: true }));
    await visible(page.getByRole('button', { name: '新增用户' }));
    await visible(page.getByText('共 3 人'));
    await fits();
    await screenshot(page, 'users-375');

    // The wide table scrolls inside its own box: its last column (actions) can be brought into view.
    const edit = page
      .getByRole('row')
      .filter({ hasText: 'auditadmin' })
      .getByRole('button', { name: '编辑' });
    await edit.scrollIntoViewIfNeeded();
    const box = await edit.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await fits();

    expect(errors).toEqual([]);
  });
});
