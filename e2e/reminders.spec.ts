import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../src/domain/dates.js';
import { buildProblem } from '../src/server/test/fixtures.js';
import { setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import { JOURNEY_TIMEOUT, type Journey, screenshot, signIn, startJourney, visible } from './support.js';

// The escalation half of issue 5's journey: a problem assigned to 自然资源和规划局 with a deadline goes
// overdue on the app's clock, the center runs the reminder job from the settings page, and the leader finds
// the escalation notice under the bell and lands on the problem, whose timeline shows 逾期升级.

const DAY = 24 * 3600_000;
const TITLE = '厂房规划许可迟迟未批（提醒演练）';

describe('an overdue problem escalates to the leader in charge', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
  });
  afterAll(async () => {
    await j?.close();
  });

  it('deadline passes → 立即运行 → leader01’s bell → the notice → the problem’s timeline shows 逾期升级', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const db = j.t.db;
    const project = await db
      .selectFrom('projects as p')
      .innerJoin('users as u', 'u.unitId', 'p.unitId')
      .select(['p.id', 'p.greenChannel'])
      .where('u.username', '=', 'town01.reporter')
      .where('p.stage', 'in', ['signed', 'landed', 'started'])
      .where('p.greenChannel', '=', false)
      .orderBy('p.createdAt')
      .executeTakeFirstOrThrow();
    const dept = await db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '自然资源和规划局')
      .executeTakeFirstOrThrow();
    const settings = await db.selectFrom('districtSettings').select('problemEscalateDays').executeTakeFirst();
    const wait = settings?.problemEscalateDays ?? 3;
    const deadline = addDays(chinaToday(j.t.clock.now()), 2);
    const problem = await buildProblem(db, { projectId: project.id, departmentUnitId: dept.id, deadline });
    await db.updateTable('problems').set({ title: TITLE }).where('id', '=', problem.id).execute();

    // The clock moves past the deadline and the escalation wait: more than `wait` days overdue.
    j.t.clock.advance((2 + wait + 1) * DAY);

    // The center runs the job from its settings page.
    const center = await j.newPage();
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await center.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await center.page.goto(`${j.baseUrl}/landing/settings`);
    await visible(center.page.getByText('提醒规则'));
    const [ran] = await Promise.all([
      center.page.waitForResponse((r) => r.url().endsWith('/api/reminders/run')),
      center.page.getByRole('button', { name: '立即运行' }).click(),
    ]);
    expect(ran.status()).toBe(200);
    expect((await ran.json()).skipped).toBe(false);
    await visible(center.page.getByText(/运行完成，新增提醒/));
    await screenshot(center.page, 'reminders-settings');
    const escalated = await db
      .selectFrom('problems')
      .select('escalationLevel')
      .where('id', '=', problem.id)
      .executeTakeFirstOrThrow();
    expect(escalated.escalationLevel).toBe(1);

    // leader01 signs in: the bell shows unread notices; the escalation notice opens the problem.
    const leader = await j.newPage();
    const lp = leader.page;
    await lp.goto(`${j.baseUrl}/login`);
    expect(await signIn(lp, 'leader01', TEST_PASSWORD)).toBe(200);
    await lp.waitForURL((u) => !u.pathname.startsWith('/login'));
    const badge = await visible(lp.getByTestId('notification-badge').locator('.ant-badge-count'));
    expect(Number(await badge.first().getAttribute('title'))).toBeGreaterThan(0);
    await lp.getByTestId('notification-bell').click();
    await visible(lp.getByTestId('notification-popover'));
    await screenshot(lp, 'reminders-bell');
    const inPopover = lp.getByTestId('notification-popover').getByTestId('notification-item').filter({
      hasText: TITLE,
    });
    if ((await inPopover.count()) > 0) {
      await inPopover.first().click();
    } else {
      // More than the popover's 8 are new: the full list has it.
      await lp.getByRole('link', { name: '查看全部' }).click();
      const item = lp.getByTestId('notification-item').filter({ hasText: TITLE });
      for (let guard = 0; guard < 10 && (await item.count()) === 0; guard++) {
        await lp.locator('.ant-pagination-next').click();
      }
      await item.first().click();
    }
    await lp.waitForURL((u) => u.pathname === `/landing/problems/${problem.id}`);
    await visible(lp.getByTestId('problem-event-escalated'));
    await visible(lp.getByTestId('problem-timeline').getByText('逾期升级'));
    await screenshot(lp, 'reminders-problem-escalated');

    const read = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select('n.readAt')
      .where('u.username', '=', 'leader01')
      .where('n.subjectId', '=', problem.id)
      .where('n.kind', '=', 'problem.escalated')
      .executeTakeFirstOrThrow();
    expect(read.readAt).not.toBeNull();
    expect(leader.errors).toEqual([]);
    expect(center.errors).toEqual([]);
  });
});
