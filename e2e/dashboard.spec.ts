import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictDashboard } from '../src/domain/dashboard/dashboard.schemas.js';
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

/** Opens /dashboard and returns the figures the page drew (the API's answer). */
async function openDashboard(page: Page, baseUrl: string): Promise<DistrictDashboard> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dashboard' && r.status() === 200),
    page.goto(`${baseUrl}/dashboard`),
  ]);
  const d = (await res.json()) as DistrictDashboard;
  await visible(page.getByRole('heading', { name: '数据看板' }));
  return d;
}

/** Every chart container holds a drawn canvas. */
async function chartsDrawn(page: Page): Promise<number> {
  const charts = page.locator('.dashboard-chart');
  await charts.first().waitFor({ state: 'visible' });
  const n = await charts.count();
  for (let i = 0; i < n; i++) await charts.nth(i).locator('canvas').first().waitFor({ state: 'attached' });
  return n;
}

/** The query of a drill URL, for comparing with the address the browser landed on. */
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('the leaders see the district at a glance and reach the records behind a figure', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('the center opens the dashboard: every chart drawn, a funnel step and a leaderboard row open their lists', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('link', { name: '打开数据看板' }));

    const d = await openDashboard(page, j.baseUrl);
    // Funnel, trend, provinces (the map, once its outlines are in), areas, channels, industries, chains.
    await visible(page.getByRole('img', { name: /投资来源地地图/ }));
    expect(await chartsDrawn(page)).toBe(7);
    for (const h of d.headline) await visible(page.getByTestId(`headline-${h.key}`));
    // Chain coverage comes from the chains page's own figures; the demo's 紧固件 chain has blank links.
    const coverage = page.getByTestId('chain-coverage');
    await visible(coverage.getByText('高端标准件/紧固件'));
    await visible(coverage.getByText(/空白 \d+ 个环节/).first());
    await screenshot(page, 'dashboard-desktop');

    // The funnel's third step (签约): its drill is the signed projects of the year.
    const signed = d.funnel[2]!;
    const funnel = page.getByRole('img', { name: /招商漏斗/ });
    const box = (await funnel.boundingBox())!;
    const band = (box.height - 20) / d.funnel.length;
    const [list] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/projects'),
      // The funnel's middle is at FUNNEL_CENTER (DashboardParts.tsx) of the chart's width; labels to its right.
      page.mouse.click(box.x + box.width * 0.295, box.y + 10 + band * 2.5),
    ]);
    await page.waitForURL((u) => u.pathname === '/projects');
    expect(queryOf(page.url())).toEqual(queryOf(signed.drill));
    // The list asks the API for exactly those filters.
    const asked = queryOf(list.url());
    for (const [k, v] of Object.entries(queryOf(signed.drill))) expect(asked[k]).toBe(v);

    // A leaderboard row: the unit's signed projects.
    await openDashboard(page, j.baseUrl);
    const row = d.leaderboard[0]!;
    const [unitList] = await Promise.all([
      page.waitForRequest(
        (r) => new URL(r.url()).pathname === '/api/projects' && r.url().includes(row.unitId),
      ),
      page.getByTestId('leaderboard').locator('tr', { hasText: row.unitName }).first().click(),
    ]);
    await page.waitForURL((u) => u.pathname === '/projects');
    expect(queryOf(page.url())).toEqual(queryOf(row.drill));
    expect(queryOf(unitList.url()).unitId).toBe(row.unitId);

    // The center opens that unit's own dashboard from the leaderboard.
    await openDashboard(page, j.baseUrl);
    await page.getByRole('link', { name: `${row.unitName}的看板` }).click();
    await page.waitForURL(
      (u) => u.pathname === '/dashboard/unit' && u.searchParams.get('unitId') === row.unitId,
    );
    await visible(page.getByRole('heading', { name: `${row.unitName} · 本单位看板` }));
    await visible(page.getByTestId('unit-rank'));

    expect(errors).toEqual([]);
  });

  it('the map of China colours the provinces; a province opens its investors’ projects, filtered by it', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    const [geo, d] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/maps/china.geojson'),
      openDashboard(page, j.baseUrl),
    ]);
    expect(geo.status()).toBe(200);
    const map = page.getByRole('img', { name: /投资来源地地图/ });
    await map.locator('canvas').first().waitFor({ state: 'attached' });

    // The province with the most signed money among those large enough on screen to click at their capital.
    const small = new Set(['11', '12', '31', '50', '71', '81', '82']);
    const province = d.sources.provinces.find((p) => /^\d{2}$/.test(p.key) && !small.has(p.key))!;
    expect(province, 'the demo district has investors from a province').toBeTruthy();
    const point = await map.evaluate(async (el, code) => {
      const geojson = (await (await fetch('/maps/china.geojson')).json()) as {
        features: { properties: { id: string; cp: [number, number] } }[];
      };
      const cp = geojson.features.find((f) => f.properties.id.startsWith(code))!.properties.cp;
      const chart = (el as HTMLElement & { __chart: { convertToPixel(f: object, v: number[]): number[] } })
        .__chart;
      return chart.convertToPixel({ seriesIndex: 0 }, cp);
    }, province.key);
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + point[0]!, box.y + point[1]!);
    // The tooltip names the province with its amount and count.
    await visible(page.locator('.dashboard-chart div', { hasText: `项目（个） ${province.count}` }));
    await screenshot(page, 'dashboard-map-tooltip');
    const [list] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/projects' && r.url().includes(`province=${province.key}`),
      ),
      page.mouse.click(box.x + point[0]!, box.y + point[1]!),
    ]);
    await page.waitForURL((u) => u.pathname === '/projects');
    expect(queryOf(page.url())).toEqual(queryOf(province.drill));
    // The filter shows in the filter bar (更多筛选 opens by itself with a filter of its own set).
    const filter = page.getByTestId('more-filters').locator('.ant-select', {
      has: page.getByLabel('投资方来源省份'),
    });
    await visible(filter.getByText(province.name));
    // Every row's investor is from that province, and they are the ones the map counted.
    const body = (await list.json()) as { total: number; items: { id: string }[] };
    expect(body.total).toBe(province.count);
    const origins = await j.t.db
      .selectFrom('projects as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .select(['e.originRegionCode', 'e.originCountry'])
      .where(
        'p.id',
        'in',
        body.items.map((i) => i.id),
      )
      .execute();
    expect(origins).toHaveLength(body.items.length);
    for (const o of origins) {
      expect(o.originCountry).toBeNull();
      expect(o.originRegionCode?.slice(0, 2)).toBe(province.key);
    }
    await visible(page.getByRole('row').nth(1));
    await screenshot(page, 'dashboard-province-drill');
    expect(errors).toEqual([]);
  });

  it('the period is in the address: another year’s dashboard counts that year to its last day', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    const year = new Date().getFullYear() - 1;
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dashboard' && r.status() === 200),
      page.goto(`${j.baseUrl}/dashboard?year=${year}`),
    ]);
    expect(new URL(res.url()).searchParams.get('year')).toBe(String(year));
    const d = (await res.json()) as DistrictDashboard;
    expect(d.cutoff).toBe(`${year}-12-31`);
    await visible(page.getByText(`截至 ${year}-12-31`, { exact: false }).first());
    await visible(page.getByTestId('period-picker').getByRole('textbox', { name: '年度' }));
    await expect(
      page.getByTestId('period-picker').getByRole('textbox', { name: '年度' }).inputValue(),
    ).resolves.toBe(String(year));
    // The 大屏 button carries the period: the screen shows the same year.
    await page.getByRole('link', { name: /大屏/ }).last().click();
    await page.waitForURL((u) => u.pathname === '/screen' && u.searchParams.get('year') === String(year));
    await visible(page.getByText(`截至 ${year}-12-31`, { exact: false }).first());
    expect(errors).toEqual([]);
  });

  it('reads on a phone: cards stack, charts fit, nothing scrolls sideways', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage(PHONE);
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await openDashboard(page, j.baseUrl);
    await chartsDrawn(page);
    const { scrollWidth, viewport } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await screenshot(page, 'dashboard-phone');

    // A project's detail page too.
    const project = await j.t.db
      .selectFrom('projects')
      .select('id')
      .where('stage', '=', 'started')
      .orderBy('signedAmountYuan', 'desc')
      .executeTakeFirstOrThrow();
    await page.goto(`${j.baseUrl}/projects/${project.id}`);
    await visible(page.getByRole('heading').first());
    await page.waitForLoadState('networkidle');
    const detail = await horizontalOverflow(page);
    expect(detail.scrollWidth).toBeLessThanOrEqual(detail.viewport);
    await screenshot(page, 'project-detail-phone');

    // The 大屏 on a phone.
    await page.goto(`${j.baseUrl}/screen`);
    await visible(page.getByTestId('screen'));
    await chartsDrawn(page);
    const screen = await horizontalOverflow(page);
    expect(screen.scrollWidth).toBeLessThanOrEqual(screen.viewport);
    expect(errors).toEqual([]);
  });

  it('the 大屏 shows the district full-screen, outside the app frame', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1920, height: 1080 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/screen`);
    await visible(page.getByTestId('screen'));
    await chartsDrawn(page);
    await expect(page.getByRole('menu').count()).resolves.toBe(0);
    await screenshot(page, 'dashboard-screen');
    expect(errors).toEqual([]);
  });

  it('a town user lands on its own unit dashboard', { timeout: JOURNEY_TIMEOUT }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town01.reporter', TEST_PASSWORD)).toBe(200);
    await page.getByRole('link', { name: '打开本单位看板' }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard/unit');
    await visible(page.getByRole('heading', { name: /本单位看板/ }));
    await visible(page.getByTestId('unit-rank'));
    await chartsDrawn(page);
    // The district dashboard's and the screen's addresses send a unit user to its own unit's.
    await page.goto(`${j.baseUrl}/dashboard`);
    await page.waitForURL((u) => u.pathname === '/dashboard/unit');
    await page.goto(`${j.baseUrl}/screen`);
    await page.waitForURL((u) => u.pathname === '/dashboard/unit');
    await visible(page.getByTestId('unit-rank'));
    await chartsDrawn(page);
    await screenshot(page, 'dashboard-unit');
    expect(errors).toEqual([]);
  });
});
