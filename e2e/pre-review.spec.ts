import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the center pre-reviews a project with 自然资源和规划局, then works its 手续 checklist', () => {
  let j: Journey;
  let project: { id: string; name: string };

  beforeAll(async () => {
    j = await startJourney();
    await setupPlatform(j.t.app, { loadDemo: true });
    // A negotiating demo project with neither a review nor a checklist yet.
    project = await j.t.db
      .selectFrom('projects as p')
      .select(['p.id', 'p.name'])
      .where('p.stage', '=', 'negotiating')
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('preReviews as r').select('r.id').whereRef('r.projectId', '=', 'p.id')),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('procedures as pr').select('pr.id').whereRef('pr.projectId', '=', 'p.id')),
        ),
      )
      .orderBy('p.name')
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('opens the review, takes a conditional opinion, decides at 投委会, then applies the template and marks one done', {
    timeout: JOURNEY_TIMEOUT * 2,
  }, async () => {
    // The center opens the review from the project's 预审 tab, asking 自然资源和规划局 on 选址/用地 and 规划.
    const center = await j.newPage();
    await center.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(center.page, 'center.admin', TEST_PASSWORD)).toBe(200);
    await center.page.goto(`${j.baseUrl}/projects/${project.id}`);
    const card = await visible(center.page.getByTestId('project-landing'));
    await card.getByRole('tab', { name: '预审' }).click();
    await card.getByRole('button', { name: '发起预审' }).click();
    const dialog = center.page.getByRole('dialog');
    await visible(dialog.getByText(`发起预审 · ${project.name}`));
    await dialog.getByLabel('选址/用地').check();
    await dialog.getByLabel('规划', { exact: true }).check();
    await dialog.getByTestId('pre-review-department').click();
    await center.page.keyboard.type('自然资源和规划局');
    await center.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '自然资源和规划局' })
      .click();
    await dialog.getByLabel('预审事由').fill('计划总投资较大，签约前预审');
    await screenshot(center.page, 'pre-review-open');
    await dialog.getByRole('button', { name: '发起预审' }).click();
    await center.page.waitForURL(/\/landing\/pre-reviews\/[0-9a-f-]{36}$/);
    const reviewUrl = center.page.url();
    await visible(center.page.getByTestId('opinion-自然资源和规划局').getByText('待反馈'));

    // dept05.handler answers from the review's page: conditional, with its text.
    const dept = await j.newPage();
    await dept.page.goto(`${j.baseUrl}/login`);
    expect(await signIn(dept.page, 'dept05.handler', TEST_PASSWORD)).toBe(200);
    await dept.page.goto(`${j.baseUrl}/landing/pre-reviews`);
    await dept.page.getByTestId('pre-reviews-list').getByRole('link', { name: project.name }).click();
    const form = await visible(dept.page.getByTestId('pre-review-opinion-form'));
    await form.getByLabel('有条件同意').check();
    await form.getByRole('button', { name: '提交意见' }).click();
    await visible(form.getByText('有条件同意或不同意时，请填写具体意见'));
    await form.getByLabel('具体意见').fill('须调整用地红线，避让永久基本农田后方可供地。');
    await form.getByRole('button', { name: '提交意见' }).click();
    const own = dept.page.getByTestId('opinion-自然资源和规划局');
    await visible(own.getByText('须调整用地红线'));
    await visible(own.locator('.ant-tag', { hasText: '有条件同意' }));
    await visible(dept.page.getByText('仅显示本部门意见'));
    await screenshot(dept.page, 'pre-review-opinion');

    // The center decides: 有条件通过 at 投委会, today.
    await center.page.goto(reviewUrl);
    const decide = await visible(center.page.getByTestId('pre-review-decide-form'));
    await visible(center.page.getByTestId('opinion-自然资源和规划局').getByText('须调整用地红线'));
    await decide.getByLabel('综合意见').fill('有条件通过：按自然资源和规划局意见调整用地红线。');
    await decide.getByLabel('有条件通过').check();
    await pickOption(decide, '决策会议', '投委会');
    await decide.getByRole('button', { name: '记录决策' }).click();
    const decided = await visible(center.page.getByTestId('pre-review-decision'));
    await visible(decided.getByText('投委会'));
    await visible(center.page.locator('.ant-tag', { hasText: '已决策' }));
    await screenshot(center.page, 'pre-review-decided');

    // The project's 手续 tab: apply the suggested template, mark the first one done; maturity moves.
    await center.page.goto(`${j.baseUrl}/projects/${project.id}`);
    const landing = await visible(center.page.getByTestId('project-landing'));
    await landing.getByRole('tab', { name: '手续办理' }).click();
    const procedures = await visible(landing.getByTestId('project-procedures'));
    await procedures.getByRole('button', { name: '按模板生成' }).click();
    const maturity = procedures.getByTestId('procedure-maturity');
    await expect.poll(async () => maturity.textContent()).toMatch(/^0\/[1-9]\d* \(0\.00%\)$/);
    const before = (await maturity.textContent()) ?? '';
    const needed = Number(before.split('/')[1]?.split(' ')[0]);
    await procedures
      .getByRole('button', { name: /^编辑 / })
      .first()
      .click();
    const edit = center.page.getByRole('dialog');
    await pickOption(edit, '状态', '已办结');
    await visible(edit.getByLabel('办结日期'));
    await edit.getByRole('button', { name: '保存' }).click();
    const pct = ((1 / needed) * 100).toFixed(2);
    await expect.poll(async () => maturity.textContent()).toBe(`1/${needed} (${pct}%)`);
    await screenshot(center.page, 'procedures-tab');

    // 手续办理 across projects, overdue only.
    await center.page.goto(`${j.baseUrl}/landing/procedures`);
    await visible(center.page.getByTestId('procedures-list').locator('.ant-table-row'));
    await center.page.getByTestId('procedures-overdue-toggle').click();
    await center.page.waitForURL(/overdue=true/);
    await visible(center.page.getByTestId('procedures-list').getByText(/逾期 \d+ 天/));
    await screenshot(center.page, 'procedures-list');

    expect(center.errors).toEqual([]);
    expect(dept.errors).toEqual([]);
  });
});
