import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, loginAs, setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

const OWN = '滏阳高强度螺栓智能制造项目';
const OTHERS = '滏阳高强度螺母智能制造项目';

describe('the header search finds a project by its pinyin initials, within the caller’s own scope', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    const units = (
      await call(j.t.app, await loginAs(j.t.app, 'center.admin'), 'GET', '/api/units')
    ).json() as {
      id: string;
      name: string;
    }[];
    const unitId = (name: string) => units.find((u) => u.name === name)!.id;
    const own = await call(j.t.app, await loginAs(j.t.app, 'town03.reporter'), 'POST', '/api/projects', {
      unitId: unitId('东阳镇'),
      name: OWN,
    });
    expect(own.statusCode, own.body).toBe(201);
    const other = await call(j.t.app, await loginAs(j.t.app, 'town04.reporter'), 'POST', '/api/projects', {
      unitId: unitId('西河镇'),
      name: OTHERS,
    });
    expect(other.statusCode, other.body).toBe(201);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('types fygqd, sees only the own town’s project and opens it', { timeout: JOURNEY_TIMEOUT }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    const box = page.getByRole('combobox', { name: /搜索企业、项目、线索/ });
    await visible(box);
    const answered = page.waitForResponse((r) => r.url().includes('/api/search?q=fygqd'));
    await box.fill('fygqd');
    expect((await answered).status()).toBe(200);
    const option = page.locator('.ant-select-item-option').filter({ hasText: OWN });
    await visible(option);
    // 西河镇's project has nearly the same name, but a town never sees another town's projects.
    expect(await page.locator('.ant-select-item-option').filter({ hasText: OTHERS }).count()).toBe(0);
    await screenshot(page, 'global-search-results');
    await option.click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name: OWN }));
    expect(errors).toEqual([]);
  });
});
