import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../src/domain/dates.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

// 东阳镇 is town03 of the demo district.
const TOWN = '东阳镇';

describe('an enterprise’s phone follows who works with it; a visit out is recorded and counted', () => {
  let j: Journey;
  let own: { name: string; phone: string; projectId: string; projectName: string };
  let stranger: { name: string; phone: string };

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    const db = j.t.db;
    const ownRow = await db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .select(['e.name', 'e.contactPhone', 'p.id', 'p.name as projectName'])
      .where('u.name', '=', TOWN)
      .where('p.stage', '=', 'negotiating')
      .orderBy('p.name')
      .executeTakeFirstOrThrow();
    own = {
      name: ownRow.name,
      phone: ownRow.contactPhone!,
      projectId: ownRow.id,
      projectName: ownRow.projectName,
    };
    // An enterprise the town has neither a project nor a lead with.
    const strangerRow = await db
      .selectFrom('enterprises as e')
      .select(['e.name', 'e.contactPhone'])
      .where(
        sql<boolean>`not exists (select 1 from projects p join units u on u.id = p.unit_id
          where p.enterprise_id = e.id and (u.name = ${TOWN} or exists (select 1 from units c
          where c.name = ${TOWN} and c.id = any(p.cooperating_unit_ids))))`,
      )
      .where(
        sql<boolean>`not exists (select 1 from leads l join units u on u.id = l.unit_id
          where l.enterprise_id = e.id and u.name = ${TOWN})`,
      )
      .where('e.contactPhone', 'is not', null)
      .orderBy('e.name')
      .executeTakeFirstOrThrow();
    stranger = { name: strangerRow.name, phone: strangerRow.contactPhone! };
  });
  afterAll(async () => {
    await j?.close();
  });

  const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

  async function openFromSearch(page: import('playwright-core').Page, name: string) {
    const box = page.getByRole('combobox', { name: /搜索企业、项目、线索/ });
    await box.click();
    await box.fill(name);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(name, { exact: true })
      .click();
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name }));
  }

  it('shows the phone in full only where the unit works with the enterprise, and to the center', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage();
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);

    await openFromSearch(page, own.name);
    await expect(page.getByTestId('enterprise-phone').textContent()).resolves.toBe(own.phone);
    await visible(page.getByRole('link', { name: own.projectName }));

    await openFromSearch(page, stranger.name);
    await expect(page.getByTestId('enterprise-phone').textContent()).resolves.toBe(masked(stranger.phone));
    await visible(page.getByText('号码已隐藏'));
    // Nothing of other towns' projects with this enterprise shows here.
    await visible(page.getByText('本单位范围内暂无该企业的项目'));
    await screenshot(page, 'enterprise-phone-masked');

    const center = await j.newPage();
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await openFromSearch(center.page, stranger.name);
    await expect(center.page.getByTestId('enterprise-phone').textContent()).resolves.toBe(stranger.phone);
    expect([...errors, ...center.errors]).toEqual([]);
  });

  it('records a visit out on a project and finds it counted for the town on 走访与对接', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const today = chinaToday(j.t.clock.now());
    const month = today.slice(0, 7);
    const before = await j.t.db
      .selectFrom('activities as a')
      .innerJoin('units as u', 'u.id', 'a.unitId')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('u.name', '=', TOWN)
      .where('a.kind', '=', 'visit_out')
      .where(sql<boolean>`to_char(a.occurred_on, 'YYYY-MM') = ${month}`)
      .executeTakeFirstOrThrow();

    const { page, errors } = await j.newPage();
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await page.goto(`${j.baseUrl}/projects/${own.projectId}`);
    const card = page.getByTestId('project-activities');
    await visible(card);
    await card.getByRole('button', { name: '记录走访' }).click();
    const form = page.getByRole('dialog', { name: '记录走访' });
    await visible(form);
    await form.getByText('外出走访', { exact: true }).click();
    await form.getByLabel('日期').click();
    await form.getByLabel('日期').fill(today);
    await form.getByLabel('日期').press('Enter');
    await form.getByLabel('地点').fill('北京市朝阳区');
    await form.getByLabel('参加人员').fill('镇长、招商办主任');
    await form.getByLabel('内容摘要').fill('赴京拜访企业总部，商谈扩产选址（旅程测试）');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await visible(card.getByText('赴京拜访企业总部，商谈扩产选址（旅程测试）'));

    await page.getByRole('menuitem', { name: '走访与对接' }).click();
    await page.waitForURL(/\/activities$/);
    const cell = page.getByTestId(`cell-${TOWN}-${month}`);
    await visible(cell);
    await expect(cell.textContent()).resolves.toMatch(new RegExp(`^${before.n + 1} / \\d+$`));
    await visible(page.getByRole('cell', { name: '赴京拜访企业总部，商谈扩产选址（旅程测试）' }));
    await screenshot(page, 'activities-page');
    expect(errors).toEqual([]);
  });
});
