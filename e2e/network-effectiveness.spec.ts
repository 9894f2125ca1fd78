import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../src/domain/network/network.schemas.js';
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

describe('the center sees which sources produce leads and opens the leads behind a figure', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('effectiveness by source: the chart is drawn, a source’s lead count opens exactly those leads', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('link', { name: '打开数据看板' }));

    const [res] = await Promise.all([
      page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/network/outcomes' &&
          new URL(r.url()).searchParams.get('by') === 'source' &&
          r.status() === 200,
      ),
      page.goto(`${j.baseUrl}/network/effectiveness?by=source`),
    ]);
    const outcomes = (await res.json()) as Outcome[];
    const url = new URL(res.url());
    const period = { from: url.searchParams.get('from')!, to: url.searchParams.get('to')! };
    const withLeads = outcomes.filter((o) => o.leads > 0);
    expect(withLeads.length).toBeGreaterThan(0);

    const chart = page.getByTestId('effectiveness-chart');
    await chart.locator('canvas').first().waitFor({ state: 'attached' });
    await visible(page.getByRole('link', { name: withLeads[0]!.label }));
    await screenshot(page, 'network-effectiveness');

    // The first source with leads: its lead count opens the lead list filtered to it and the period.
    const row = withLeads[0]!;
    const [list] = await Promise.all([
      page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/leads' &&
          new URL(r.url()).searchParams.get('referralSourceId') === row.key &&
          r.status() === 200,
      ),
      page.getByTestId(`drill-leads-${row.key}`).click(),
    ]);
    await page.waitForURL((u) => u.pathname === '/leads');
    const asked = new URL(list.url()).searchParams;
    expect(asked.get('receivedFrom')).toBe(period.from);
    expect(asked.get('receivedTo')).toBe(period.to);
    // The list finds exactly as many leads as the figure said.
    expect(((await list.json()) as { total: number }).total).toBe(row.leads);
    await screenshot(page, 'network-effectiveness-drill');
    expect(errors).toEqual([]);
  });

  it('the chambers list by kind, a chamber’s page with what it referred, and a new chamber recorded through the form', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('link', { name: '打开数据看板' }));
    await page.goto(`${j.baseUrl}/network/sources`);
    await page.getByRole('tab', { name: '商会' }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'chamber');
    await visible(page.getByRole('link', { name: '北京洺水商会' }));
    await screenshot(page, 'network-sources');
    await page.getByRole('link', { name: '北京洺水商会' }).click();
    await visible(page.getByText('推荐成效'));
    await visible(page.getByText('推荐的线索'));
    await screenshot(page, 'network-source-detail');

    await page.goto(`${j.baseUrl}/network/sources`);
    await page.getByRole('button', { name: '新增' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('成都洺水商会');
    await dialog.getByLabel('联系人').fill('何会长');
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/network-sources' && r.status() === 201),
      dialog.getByRole('button', { name: '保存' }).click(),
    ]);
    await page.waitForURL((u) => /^\/network\/sources\/[0-9a-f-]{36}$/.test(u.pathname));
    await visible(page.getByText('成都洺水商会'));
    expect(errors).toEqual([]);
  });
  it('a town enters a lead referred by the 北京洺水商会: the source picker comes up for 以商招商, the lead links to the chamber', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1366 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: /欢迎/ }));
    await page.goto(`${j.baseUrl}/leads`);
    await page.getByRole('button', { name: '登记线索' }).click();
    const form = page.getByRole('dialog', { name: '登记线索' });
    await visible(form);
    await form.getByLabel('线索名称').fill('商会推荐的冷镦件项目');
    await form.getByLabel('企业名称').fill('北京某冷镦科技有限公司');
    await pickOption(form, '来源渠道', '以商招商');
    await visible(form.getByText('以商招商、以情招商：记下推荐这条线索的商会'));
    await pickOption(form, '推荐来源（商会、在外人员等）', '北京洺水商会');
    await screenshot(page, 'lead-form-referral');
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: '北京洺水商会' }).click();
    await page.waitForURL(/\/network\/sources\/[0-9a-f-]{36}$/);
    // The town sees its own referred lead on the chamber's page (the chamber is the center's).
    await visible(page.getByRole('link', { name: '商会推荐的冷镦件项目' }));
    await visible(page.getByText('联系方式由联络单位维护'));
    expect(errors).toEqual([]);
  });
});
