import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, loginAs, setupPlatform, TEST_PASSWORD } from '../src/server/test/test-app.js';
import {
  JOURNEY_TIMEOUT,
  type Journey,
  pickOption,
  screenshot,
  signIn,
  startJourney,
  visible,
} from './support.js';

// Issue 5 item 3's loop in the browser: a town's problem is assigned by the center to 自然资源和规划局, whose
// handler accepts it and replies; the town confirms it solved (办结), and the timeline times each step.
describe('a unit-raised problem goes 交办 → 承办 → 反馈 → 办结', () => {
  let j: Journey;
  let problemId: string;
  let projectId: string;
  let townUser: string;

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    const project = await j.t.db
      .selectFrom('projects as p')
      .innerJoin('users as u', 'u.unitId', 'p.unitId')
      .select(['p.id', 'u.username'])
      .where('p.stage', 'in', ['signed', 'landed', 'started'])
      .where('u.username', 'like', 'town%.reporter')
      .orderBy('p.name')
      .executeTakeFirstOrThrow();
    townUser = project.username;
    projectId = project.id;
    const town = await loginAs(j.t.app, townUser);
    const res = await call(j.t.app, town, 'POST', '/api/problems', {
      projectId: project.id,
      title: '厂房规划许可迟迟未批',
      description: '规划方案已报送一个月，尚未取得建设工程规划许可证，影响开工。',
      category: 'approval',
    });
    expect(res.statusCode, res.body).toBe(201);
    problemId = (res.json() as { problem: { id: string } }).problem.id;
  });
  afterAll(async () => {
    await j?.close();
  });

  it('center assigns, dept05.handler accepts and replies, the town closes', {
    timeout: JOURNEY_TIMEOUT * 2,
  }, async () => {
    const url = `${j.baseUrl}/landing/problems/${problemId}`;
    const step = (action: string) => (r: { url(): string; status(): number }) =>
      r.url().endsWith(`/api/problems/${problemId}/${action}`) && r.status() === 200;

    // The center: 交办 to 自然资源和规划局 with the leader in charge and a countermeasure (default deadline).
    const center = await j.newPage();
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await visible(center.page.getByRole('heading', { name: /欢迎/ }));
    await center.page.goto(`${j.baseUrl}/landing/problems`);
    await visible(center.page.getByTestId('problems-list'));
    // The demo's overdue problems are flagged 逾期N天 on a red row.
    await center.page.getByTestId('problems-overdue-filter').click();
    await visible(center.page.getByTestId('problem-overdue'));
    await screenshot(center.page, 'problem-list-overdue');
    await center.page.getByTestId('problems-overdue-filter').click();
    await center.page.getByTestId('problem-link').filter({ hasText: '厂房规划许可迟迟未批' }).click();
    await center.page.waitForURL((u) => u.pathname === `/landing/problems/${problemId}`);
    await center.page.getByTestId('problem-assign').click();
    const assign = center.page.getByRole('dialog', { name: '交办' });
    await visible(assign);
    await pickOption(assign, '承办部门', '自然资源和规划局');
    await pickOption(assign, '分管领导（账号）', '分管副区长（演示）');
    await assign.getByLabel('解决措施').fill('自然资源和规划局限期审查规划方案，一次性告知补正材料。');
    await Promise.all([
      center.page.waitForResponse(step('assign')),
      center.page.getByTestId('problem-step-submit').click(),
    ]);
    await visible(center.page.getByTestId('problem-status').filter({ hasText: '已交办' }));
    await expect(center.page.getByTestId('problem-department').textContent()).resolves.toBe(
      '自然资源和规划局',
    );
    await screenshot(center.page, 'problem-assigned');
    expect(center.errors).toEqual([]);

    // A day and two hours later, the department: sees it in its list, 承办, then 反馈.
    j.t.clock.advance(26 * 3_600_000);
    const dept = await j.newPage();
    await dept.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(dept.page, 'dept05.handler', TEST_PASSWORD)).toBe(200);
    // A department handler lands on its inbox (部门待办), where the assigned problem waits.
    await dept.page.waitForURL(/\/landing\/inbox$/);
    await visible(dept.page.getByTestId('inbox').getByText('厂房规划许可迟迟未批'));
    await dept.page.goto(`${j.baseUrl}/landing/problems`);
    await visible(dept.page.getByTestId('problem-link').filter({ hasText: '厂房规划许可迟迟未批' }));
    await dept.page.goto(url);
    await dept.page.getByTestId('problem-accept').click();
    await visible(dept.page.getByRole('dialog', { name: '承办' }));
    await Promise.all([
      dept.page.waitForResponse(step('accept')),
      dept.page.getByTestId('problem-step-submit').click(),
    ]);
    await visible(dept.page.getByTestId('problem-status').filter({ hasText: '承办中' }));
    await dept.page.getByTestId('problem-reply').click();
    const reply = dept.page.getByRole('dialog', { name: '反馈' });
    await visible(reply);
    await reply.getByLabel('反馈意见').fill('规划许可证已于今日核发，企业可到政务服务中心领取。');
    await Promise.all([
      dept.page.waitForResponse(step('reply')),
      dept.page.getByTestId('problem-step-submit').click(),
    ]);
    await visible(dept.page.getByTestId('problem-status').filter({ hasText: '已反馈' }));
    await expect(dept.page.getByTestId('problem-close').count()).resolves.toBe(0);
    await screenshot(dept.page, 'problem-replied');
    expect(dept.errors).toEqual([]);

    // Two days later the town reads the reply and confirms 办结; every step shows how long it took.
    j.t.clock.advance(50 * 3_600_000);
    const town = await j.newPage();
    await town.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(town.page, townUser, TEST_PASSWORD)).toBe(200);
    await visible(town.page.getByRole('heading', { name: /欢迎/ }));
    await town.page.goto(url);
    await visible(town.page.getByTestId('problem-reply-text').filter({ hasText: '规划许可证已于今日核发' }));
    await town.page.getByTestId('problem-close').click();
    await visible(town.page.getByRole('dialog', { name: '办结' }));
    await Promise.all([
      town.page.waitForResponse(step('close')),
      town.page.getByTestId('problem-step-submit').click(),
    ]);
    await visible(town.page.getByTestId('problem-status').filter({ hasText: '已办结' }));
    const timeline = town.page.getByTestId('problem-timeline');
    for (const kind of ['raised', 'assigned', 'accepted', 'replied', 'closed']) {
      await visible(timeline.getByTestId(`problem-event-${kind}`));
    }
    await expect(timeline.getByTestId('problem-step-duration').count()).resolves.toBe(4);
    await visible(timeline.getByText('交办→承办 1天2小时'));
    await visible(timeline.getByText('反馈→办结 2天2小时'));
    await screenshot(town.page, 'problem-closed');

    // The project's 落地服务 card lists the problem under its 问题清单 tab, with 反映问题 for the town.
    await town.page.goto(`${j.baseUrl}/projects/${projectId}`);
    const card = town.page.getByTestId('project-landing');
    await visible(card);
    await card.getByRole('tab', { name: '问题清单' }).click();
    const tab = town.page.getByTestId('project-problems');
    await visible(tab.getByText('厂房规划许可迟迟未批'));
    await visible(tab.getByTestId('project-problem-new'));
    expect(town.errors).toEqual([]);
  });
});
