import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainDetail } from '../src/domain/network/chains.schemas.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  horizontalOverflow,
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

describe('the center reads a chain’s map, its gaps and the work on a link', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('chains list → the fastener chain: map drawn, gaps, a link’s leads and projects; the center adds a link, covers it, cannot delete it', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('link', { name: '打开数据看板' }));

    await page.goto(`${j.baseUrl}/network/chains`);
    const cards = page.getByTestId('chain-cards');
    await visible(cards.getByRole('link', { name: '高端标准件/紧固件' }));
    await visible(cards.getByText('空白环节', { exact: false }));
    await screenshot(page, 'chains-list');

    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/chains\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) && r.ok()),
      cards.getByRole('link', { name: '高端标准件/紧固件' }).click(),
    ]);
    const chain = (await res.json()) as ChainDetail;
    await page.getByTestId('chain-map').locator('canvas').first().waitFor({ state: 'attached' });
    await visible(page.getByTestId('chain-legend').getByText('在谈在建'));
    // The gap list names the deliberate gaps, each with the way to the target library.
    const gaps = page.getByTestId('chain-gaps');
    await visible(gaps.getByText('检测认证'));
    expect(await gaps.getByRole('link', { name: '到目标企业库查看' }).count()).toBe(chain.gapList.length);
    // The demo's target enterprises sit on gaps: each is offered as a 补链 candidate opening its plan.
    const candidate = chain.gapList.flatMap((g) => g.candidates).find((c) => c.visible);
    expect(candidate).toBeDefined();
    expect(await gaps.getByRole('link', { name: candidate!.enterpriseName }).getAttribute('href')).toBe(
      `/network/targets/${candidate!.targetId}`,
    );
    await screenshot(page, 'chain-detail');

    // A link with projects of the center's scope (the whole district): its drawer lists them.
    const busy = chain.links.find((l) => chain.projects.some((p) => p.linkId === l.id));
    expect(busy).toBeDefined();
    await page.getByTestId('chain-links').getByText(busy!.name, { exact: true }).click();
    const drawer = page.getByTestId('link-drawer');
    const project = chain.projects.find((p) => p.linkId === busy!.id)!;
    await visible(drawer.getByRole('link', { name: project.name }));
    await visible(drawer.getByRole('link', { name: '在项目库中查看' }));
    await page.waitForURL((u) => u.searchParams.get('link') === busy!.id);
    await screenshot(page, 'chain-link-drawer');
    await page.keyboard.press('Escape');

    // The center edits the tree: a new link under 配套 appears as a gap; placing an enterprise covers it;
    // deleting it is refused while the enterprise is on it.
    await page.getByRole('switch', { name: '编辑环节' }).click();
    await page.getByRole('button', { name: '新增环节' }).click();
    const dialog = page.getByRole('dialog', { name: '新增环节' });
    await dialog.getByLabel('环节', { exact: true }).fill('紧固件回收');
    await pickOption(dialog, '位置', '配套');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(gaps.getByText('紧固件回收'));
    const row = page.getByTestId('chain-links').getByRole('row').filter({ hasText: '紧固件回收' });
    await row.getByRole('button', { name: '添加企业' }).click();
    const place = page.getByRole('dialog', { name: /添加企业/ });
    await place.getByLabel('企业', { exact: true }).click();
    await page.keyboard.type('洺州特钢');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '洺州特钢线材有限公司' })
      .first()
      .click();
    await place.getByRole('button', { name: '保存' }).click();
    await visible(row.getByText('已覆盖'));
    expect(await gaps.getByText('紧固件回收').count()).toBe(0);
    await row.getByRole('button', { name: '删除' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await visible(page.getByText('该环节下还有 1 家链主/在区企业', { exact: false }));
    expect(errors).toEqual([]);
  });

  it('a town reporter reads the same map at phone width, and ?link= jumps to the link’s chain', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 375, height: 812 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    const link = await j.t.db
      .selectFrom('chainLinks')
      .select(['id', 'chainId'])
      .where('name', '=', '检测认证')
      .executeTakeFirstOrThrow();
    await page.goto(`${j.baseUrl}/network/chains?link=${link.id}`);
    await page.waitForURL((u) => u.pathname === `/network/chains/${link.chainId}`);
    await page.getByTestId('chain-map').locator('canvas').first().waitFor({ state: 'attached' });
    await visible(page.getByTestId('link-drawer').getByText('全区统计', { exact: false }));
    await page.keyboard.press('Escape');
    await visible(page.getByTestId('chain-gaps').getByText('检测认证'));
    // No edit controls for a town.
    expect(await page.getByRole('button', { name: '编辑产业链' }).count()).toBe(0);
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.viewport);
    await screenshot(page, 'chain-detail-phone');
    expect(errors).toEqual([]);
  });
});
