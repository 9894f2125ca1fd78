import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '../src/domain/network/events.schemas.js';
import { buildEnterprise } from '../src/server/test/fixtures.js';
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

// Issue 7's journey: a town records an event, the enterprise it met there, turns the meeting into a lead in one
// step, and sees the event's outcome count the lead at once; the calendar shows the event on its day.
describe('a town records an event, a meeting, turns it into a lead and sees the outcome', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    const district = await j.t.db
      .selectFrom('regions')
      .select('id')
      .where('name', '=', '洺水区')
      .executeTakeFirstOrThrow();
    await buildEnterprise(j.t.db, { districtId: district.id, name: '洺州精工紧固件有限公司' });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('event → met enterprise → 转为线索 → outcome shows 1 lead; detail and calendar at desktop and phone width', {
    timeout: JOURNEY_TIMEOUT * 2,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('heading', { name: /欢迎/ }));

    // Record the event (dates default to today, so the meeting below may be dated today).
    await page.goto(`${j.baseUrl}/network/events`);
    await page.getByRole('button', { name: '登记活动' }).click();
    const form = page.getByRole('dialog', { name: '登记活动' });
    await visible(form);
    await form.getByLabel('活动名称').fill('赴温州紧固件企业招商');
    await form.getByLabel('地点').fill('温州市');
    await form.getByLabel('带队领导').click();
    await page.keyboard.type('陈思源');
    await page.keyboard.press('Enter');
    await form.getByLabel('经费（万元）').fill('3.6');
    await form.getByLabel('投入人天').fill('6');
    await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/promotion-events' && r.status() === 201,
      ),
      form.getByRole('button', { name: '保存' }).click(),
    ]);
    await page.waitForURL((u) => /^\/network\/events\/[0-9a-f-]{36}$/.test(u.pathname));
    const eventId = new URL(page.url()).pathname.split('/').pop()!;
    await visible(page.getByText('赴温州紧固件企业招商'));
    await visible(page.locator('.ant-tag').filter({ hasText: '陈思源' }));

    // Record the enterprise met there.
    await page.getByRole('button', { name: '记录洽谈' }).click();
    const meeting = page.getByRole('dialog', { name: '记录洽谈' });
    await visible(meeting);
    await meeting.getByLabel('企业', { exact: true }).click();
    await page.keyboard.type('洺州精工');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '洺州精工紧固件有限公司' })
      .first()
      .click();
    await meeting.getByLabel('对接人').fill('周总');
    await meeting.getByLabel('洽谈情况').fill('计划新建高强度螺栓生产线，约需土地50亩');
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/promotion-events/${eventId}/meetings`) && r.status() === 201,
      ),
      meeting.getByRole('button', { name: '保存' }).click(),
    ]);
    const meetings = page.locator('.event-meetings');
    await visible(meetings.getByText('洺州精工紧固件有限公司'));
    const outcome = page.locator('.event-outcome');
    const leadsFigure = outcome.locator('.ant-statistic').filter({ hasText: '线索' }).first();
    await visible(leadsFigure.locator('.ant-statistic-content').getByText('0', { exact: true }));

    // 转为线索 in one step: the outcome counts the lead at once.
    await meetings.getByRole('button', { name: '转为线索' }).click();
    const toLead = page.getByRole('dialog', { name: '由洽谈转为招商线索' });
    await visible(toLead);
    await toLead.getByLabel('线索名称').fill('洺州精工高强度螺栓项目');
    await toLead.getByLabel('意向投资额（万元）').fill('18000');
    const [made] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/lead') && r.request().method() === 'POST'),
      toLead.getByRole('button', { name: '转为线索' }).click(),
    ]);
    expect(made.status()).toBe(201);
    await visible(meetings.getByRole('link', { name: '洺州精工高强度螺栓项目' }));
    await visible(leadsFigure.locator('.ant-statistic-content').getByText('1', { exact: true }));
    await visible(outcome.getByRole('link', { name: '洺州精工高强度螺栓项目' }));
    // 3.6万元 for one lead; 6 person-days per lead.
    await visible(outcome.getByText('3.60 万元'));
    const detail = (await (
      await page.request.get(`${j.baseUrl}/api/promotion-events/${eventId}`)
    ).json()) as EventDetail;
    expect(detail.outcome.figures.leads).toBe(1);
    expect(detail.outcome.leads[0]).toMatchObject({ title: '洺州精工高强度螺栓项目', status: 'new' });
    await screenshot(page, 'promotion-event-detail');

    // The lead page says where it came from (the leads list filter by event is linked from the outcome card).
    await outcome.getByRole('link', { name: '查看线索' }).click();
    await page.waitForURL((u) => u.pathname === '/leads' && u.searchParams.get('eventId') === eventId);

    // The calendar: this month's view shows the event on its day; clicking it opens the event.
    await page.goto(`${j.baseUrl}/network/events?view=calendar`);
    const onCalendar = page.locator('.events-calendar').getByRole('link', { name: /赴温州紧固件企业招商/ });
    await visible(onCalendar);
    await screenshot(page, 'promotion-events-calendar');
    await onCalendar.click();
    await page.waitForURL((u) => u.pathname === `/network/events/${eventId}`);
    expect(errors).toEqual([]);

    // A phone: the detail and the calendar fit the width (the month's events listed below the small calendar).
    const phone = await j.newPage({ width: 375, height: 812 });
    await phone.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(phone.page, 'town03.reporter', TEST_PASSWORD)).toBe(200);
    await visible(phone.page.getByRole('heading', { name: /欢迎/ }));
    await phone.page.goto(`${j.baseUrl}/network/events/${eventId}`);
    await visible(phone.page.locator('.event-outcome'));
    const o1 = await horizontalOverflow(phone.page);
    expect(o1.scrollWidth).toBeLessThanOrEqual(o1.viewport);
    await screenshot(phone.page, 'promotion-event-detail-phone');
    await phone.page.goto(`${j.baseUrl}/network/events?view=calendar`);
    await visible(phone.page.locator('.events-calendar-item').filter({ hasText: '赴温州紧固件企业招商' }));
    const o2 = await horizontalOverflow(phone.page);
    expect(o2.scrollWidth).toBeLessThanOrEqual(o2.viewport);
    await screenshot(phone.page, 'promotion-events-calendar-phone');
    expect(phone.errors).toEqual([]);
  });

  it('the center sees the demo’s events with overdue follow-ups, and an expo’s outcome with what it cost', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { page, errors } = await j.newPage({ width: 1440, height: 900 });
    await page.goto(`${j.baseUrl}/login`);
    expect(await signIn(page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(page.getByRole('link', { name: '打开数据看板' }));
    await page.goto(`${j.baseUrl}/network/events`);
    await visible(page.locator('.events-overdue-tasks'));
    await visible(page.getByRole('link', { name: '2026廊坊经洽会' }));
    await screenshot(page, 'promotion-events-list');

    // The event with the most leads credited: its card shows the same count the API gives.
    const list = (await (
      await page.request.get(`${j.baseUrl}/api/promotion-events?pageSize=100`)
    ).json()) as {
      items: { id: string; name: string; leads: number }[];
    };
    const top = [...list.items].sort((a, b) => b.leads - a.leads)[0]!;
    expect(top.leads).toBeGreaterThan(0);
    await page.getByRole('link', { name: top.name, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/network/events/${top.id}`);
    const detail = (await (
      await page.request.get(`${j.baseUrl}/api/promotion-events/${top.id}`)
    ).json()) as EventDetail;
    const figure = page.locator('.event-outcome .ant-statistic').filter({ hasText: '线索' }).first();
    await visible(figure.getByText(String(detail.outcome.figures.leads), { exact: true }));
    await visible(page.locator('.event-meetings').getByText(detail.meetings[0]!.enterpriseName).first());
    await screenshot(page, 'promotion-event-demo');
    expect(errors).toEqual([]);
  });
});
